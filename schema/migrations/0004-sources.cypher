// Where each node comes from (seed, esco, onet) and the source's own id, for imports and look-ups by id.
CREATE INDEX entity_source IF NOT EXISTS FOR (n:Entity) ON (n.source);
CREATE INDEX entity_source_id IF NOT EXISTS FOR (n:Entity) ON (n.sourceId);
CREATE CONSTRAINT data_source_name IF NOT EXISTS FOR (s:DataSource) REQUIRE s.name IS UNIQUE;
