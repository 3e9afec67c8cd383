// Look-ups by name go through an index, not a scan of every Role, Skill and Tool. Names are matched
// ignoring case and Neo4j indexes no expression such as toLower(n.name), so every node also keeps its name
// in lower case in nameLower (the seed writer sets it with the name; migrateDatabase fills it in where it
// is missing) and this RANGE index answers `n.nameLower = $text`. Aliases are a list, which no RANGE or
// TEXT index serves for `$text IN n.aliases`: they are found through the full-text index entity_search
// (0002), then compared exactly.
CREATE INDEX entity_name_lower IF NOT EXISTS FOR (n:Entity) ON (n.nameLower);
