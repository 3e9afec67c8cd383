/**
 * The floor of `npm run bench:peers`: each workload answered by one hand-written Cypher statement whose
 * single column `data` is already the JSON SkillGraph answers (same fields, same order), so the server
 * only parses the request, runs the statement and serialises the record. Orders are SkillGraph's:
 * names ignoring case then keys; a role's skills ESSENTIAL first, then by level, highest first.
 */
export const RAW_QUERIES = {
  /** Parameters: roles (how many), skills (per role), tools (per skill). */
  nested: `
    MATCH (role:Role)
    WITH role ORDER BY toLower(role.name), role.key LIMIT $roles
    WITH collect({ node: role { .key, .name, skills: { edges: COLLECT {
      MATCH (role)-[r:REQUIRES]->(skill:Skill)
      WITH r, skill
      ORDER BY CASE r.importance WHEN 'ESSENTIAL' THEN 0 ELSE 1 END, r.level DESC, toLower(skill.name), skill.key
      LIMIT $skills
      RETURN { importance: r.importance, level: r.level, node: skill { .key, .name, tools: { edges: COLLECT {
        MATCH (skill)<-[:SUPPORTS]-(tool:Tool)
        WITH tool ORDER BY toLower(tool.name), tool.key LIMIT $tools
        RETURN { node: tool { .key, .name } }
      } } } }
    } } } }) AS edges
    RETURN { roles: { edges: edges } } AS data`,

  /** Parameters: role (a key), skills (keys, in the order wanted). */
  lookup: `
    OPTIONAL MATCH (role:Role {key: $role})
    RETURN {
      role: role { .key, .name, .description },
      skills: COLLECT {
        UNWIND $skills AS key
        OPTIONAL MATCH (skill:Skill {key: key})
        RETURN skill { .key, .name, .category, .learningHours }
      }
    } AS data`,

  /** Parameters: from, to (names, any case), viaSkillsOnly, maxHops (at most 8). */
  headline: `
    MATCH (source:Entity {nameLower: toLower($from)}), (target:Entity {nameLower: toLower($to)})
    OPTIONAL MATCH p = allShortestPaths((source)-[*..8]-(target))
    WHERE length(p) <= $maxHops
      AND all(n IN nodes(p) WHERE n = source OR n = target OR NOT $viaSkillsOnly OR n:Skill)
    WITH p ORDER BY [n IN nodes(p) | n.key], [r IN relationships(p) | type(r)] LIMIT 1
    WITH p, [n IN nodes(p) | n { __typename: [l IN labels(n) WHERE l IN ['Role', 'Skill', 'Tool']][0], .key, .name }] AS ns
    WITH CASE WHEN p IS NOT NULL THEN {
      length: length(p),
      nodes: ns,
      steps: [i IN range(0, length(p) - 1) | {
        from: { key: ns[i].key, name: ns[i].name }, relation: type(relationships(p)[i]),
        to: { key: ns[i + 1].key, name: ns[i + 1].name },
        direction: CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN 'FORWARD' ELSE 'BACKWARD' END,
        importance: relationships(p)[i].importance, level: relationships(p)[i].level
      }]
    } END AS path
    RETURN { \`shortestPath\`: path } AS data`,

  /** Parameters: first. */
  list: `
    MATCH (skill:Skill)
    WITH skill ORDER BY toLower(skill.name), skill.key LIMIT $first
    RETURN { skills: { edges: collect({ node: skill { .key, .name, .category, .learningHours } }) } } AS data`,

  /** Parameters: roles (keys). S(r) is every skill r REQUIRES; Jaccard |A ∩ B| / |A ∪ B|. */
  overlapMatrix: `
    UNWIND range(0, size($roles) - 1) AS i
    MATCH (role:Role {key: $roles[i]})
    WITH i, role, COLLECT { MATCH (role)-[:REQUIRES]->(skill:Skill) RETURN skill.key } AS skills
    ORDER BY i
    WITH collect(role.name) AS names, collect(skills) AS sets
    RETURN { overlapMatrix: {
      roles: [name IN names | { name: name }],
      jaccard: [a IN sets | [b IN sets |
        CASE WHEN size(a) + size(b) = 0 THEN 1.0
             ELSE toFloat(size([x IN a WHERE x IN b])) / (size(a) + size(b) - size([x IN a WHERE x IN b])) END]]
    } } AS data`,
} as const;

export type RawWorkload = keyof typeof RAW_QUERIES;
