/**
 * The career graph as a user of the Neo4j GraphQL Library (v7) would declare it over our database: the
 * labels, properties and relationship types the seed writes (src/seed/write-seed.ts), every node also
 * carrying `Entity`. `nameLower` (written by the seed beside each name) is exposed so that lists can be
 * sorted ignoring case, as SkillGraph sorts them. The headline shortest path is a `@cypher` field.
 */
export const typeDefs = /* GraphQL */ `
  enum Importance {
    ESSENTIAL
    OPTIONAL
  }

  type Requires @relationshipProperties {
    importance: Importance!
    level: Int!
  }

  type Role @node(labels: ["Role", "Entity"]) {
    key: String!
    name: String!
    nameLower: String!
    aliases: [String!]!
    description: String!
    skills: [Skill!]! @relationship(type: "REQUIRES", direction: OUT, properties: "Requires")
    tools: [Tool!]! @relationship(type: "USES", direction: OUT)
  }

  type Skill @node(labels: ["Skill", "Entity"]) {
    key: String!
    name: String!
    nameLower: String!
    aliases: [String!]!
    description: String!
    category: String!
    learningHours: Int!
    roles: [Role!]! @relationship(type: "REQUIRES", direction: IN, properties: "Requires")
    tools: [Tool!]! @relationship(type: "SUPPORTS", direction: IN)
    prerequisites: [Skill!]! @relationship(type: "PREREQUISITE_OF", direction: IN)
    unlocks: [Skill!]! @relationship(type: "PREREQUISITE_OF", direction: OUT)
  }

  type Tool @node(labels: ["Tool", "Entity"]) {
    key: String!
    name: String!
    nameLower: String!
    aliases: [String!]!
    description: String!
    kind: String!
    skills: [Skill!]! @relationship(type: "SUPPORTS", direction: OUT)
    roles: [Role!]! @relationship(type: "USES", direction: IN)
  }

  type PathNode {
    label: String!
    key: String!
    name: String!
  }

  type PathStep {
    from: PathNode!
    relation: String!
    to: PathNode!
    direction: String!
    importance: Importance
    level: Int
  }

  type SkillPath {
    length: Int!
    nodes: [PathNode!]!
    steps: [PathStep!]!
  }

  type Query {
    """
    The shortest path between two entities named (ignoring case), every relationship walkable both ways,
    through skills only when viaSkillsOnly; of equally short paths, the first by node keys.
    """
    shortestPath(from: String!, to: String!, viaSkillsOnly: Boolean! = false, maxHops: Int! = 8): SkillPath
      @cypher(
        statement: """
        MATCH (source:Entity {nameLower: toLower($from)}), (target:Entity {nameLower: toLower($to)})
        MATCH p = allShortestPaths((source)-[*..8]-(target))
        WHERE length(p) <= $maxHops
          AND all(n IN nodes(p) WHERE n = source OR n = target OR NOT $viaSkillsOnly OR n:Skill)
        WITH p ORDER BY [n IN nodes(p) | n.key], [r IN relationships(p) | type(r)] LIMIT 1
        WITH p, [n IN nodes(p) | n { label: [l IN labels(n) WHERE l IN ['Role', 'Skill', 'Tool']][0], .key, .name }] AS ns
        RETURN {
          length: length(p),
          nodes: ns,
          steps: [i IN range(0, length(p) - 1) | {
            from: ns[i], to: ns[i + 1], relation: type(relationships(p)[i]),
            direction: CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN 'FORWARD' ELSE 'BACKWARD' END,
            importance: relationships(p)[i].importance, level: relationships(p)[i].level
          }]
        } AS path
        """
        columnName: "path"
      )
  }
`;
