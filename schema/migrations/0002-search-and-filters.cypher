// Full-text search over names, aliases and descriptions of all three kinds.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Role|Skill|Tool) ON EACH [n.name, n.aliases, n.description];
CREATE INDEX skill_category IF NOT EXISTS FOR (n:Skill) ON (n.category);
CREATE INDEX tool_kind IF NOT EXISTS FOR (n:Tool) ON (n.kind);
