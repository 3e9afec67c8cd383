// The audit trail of writes through the API (src/queries/graph-edit-queries.ts): one (:Change) per entity
// or relationship changed. They carry no :Entity label, so no read, export or whole-graph computation sees
// them. The log is read in sequence order, by time (`changes(since:)`) and by entity (`changes(entity:)`:
// the entity's own key, or either end of a relationship).
CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT change_sequence IF NOT EXISTS FOR (c:Change) REQUIRE c.sequence IS UNIQUE;
CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at);
CREATE INDEX change_key IF NOT EXISTS FOR (c:Change) ON (c.key);
CREATE INDEX change_from IF NOT EXISTS FOR (c:Change) ON (c.from);
CREATE INDEX change_to IF NOT EXISTS FOR (c:Change) ON (c.to);
