import type { Database } from '../database/database.js';
import { readAtOneVersion } from './graph-version.js';

export interface RoleSkillGraph {
  nodes: string[];
  skills: Set<string>;
  edges: [string, string][];
}

/**
 * The undirected graph bridgeSkills ranks in: roles and skills, joined by REQUIRES and PREREQUISITE_OF.
 * Streamed, and each edge holds its nodes' own key strings: at ESCO's size, holding the edges' records and
 * a copy of each key per edge end took tens of MB more.
 */
export function loadRoleSkillGraph(database: Database): Promise<{ version: string; value: RoleSkillGraph }> {
  return readAtOneVersion(database, async (tx) => {
    const graph: RoleSkillGraph = { nodes: [], skills: new Set(), edges: [] };
    const keyOf = new Map<string, string>();
    await tx.stream('MATCH (n) WHERE n:Role OR n:Skill RETURN n.key AS key, n:Skill AS isSkill', {}, (record) => {
      const key = record.get('key') as string;
      graph.nodes.push(key);
      keyOf.set(key, key);
      if (record.get('isSkill') === true) graph.skills.add(key);
    });
    const same = (key: string) => keyOf.get(key) ?? key;
    await tx.stream(
      'MATCH (a)-[:REQUIRES|PREREQUISITE_OF]->(b:Skill) WHERE a:Role OR a:Skill RETURN a.key AS from, b.key AS to',
      {},
      (record) => {
        graph.edges.push([same(record.get('from') as string), same(record.get('to') as string)]);
      },
    );
    return graph;
  });
}
