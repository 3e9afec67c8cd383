import type { Database } from '../database/database.js';
import { graphVersionIn } from './graph-version.js';

export interface RoleSkillGraph {
  nodes: string[];
  skills: Set<string>;
  edges: [string, string][];
}

/** The undirected graph bridgeSkills ranks in: roles and skills, joined by REQUIRES and PREREQUISITE_OF. */
export function loadRoleSkillGraph(database: Database): Promise<{ version: string; value: RoleSkillGraph }> {
  return database.read(async (tx) => {
    const nodes = await tx.run('MATCH (n) WHERE n:Role OR n:Skill RETURN n.key AS key, n:Skill AS isSkill');
    const edges = await tx.run(
      'MATCH (a)-[:REQUIRES|PREREQUISITE_OF]->(b:Skill) WHERE a:Role OR a:Skill RETURN a.key AS from, b.key AS to',
    );
    const graph: RoleSkillGraph = {
      nodes: nodes.records.map((r) => r.get('key') as string),
      skills: new Set(nodes.records.filter((r) => r.get('isSkill') === true).map((r) => r.get('key') as string)),
      edges: edges.records.map((r) => [r.get('from') as string, r.get('to') as string]),
    };
    return { version: await graphVersionIn(tx), value: graph };
  });
}
