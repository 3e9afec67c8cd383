import type { RoleSkillGraph } from '../queries/bridge-queries.js';
import { betweennessOffThread } from '../workers/run-worker.js';
import { checkCount } from './argument-checks.js';
import { bridgeSkillsFor } from './graph-caches.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_BRIDGE_SKILLS = 10;

export interface BridgeSkill {
  skill: string;
  score: number;
}

/**
 * Skills by betweenness in the undirected role–skill graph, highest first, ties by key. Brandes' algorithm
 * runs in a worker thread: on a graph of imported taxonomies it takes minutes of one core.
 */
export async function rankBridgeSkills(graph: RoleSkillGraph): Promise<BridgeSkill[]> {
  const scores = await betweennessOffThread(graph.nodes, graph.edges);
  return [...graph.skills]
    .map((skill) => ({ skill, score: scores.get(skill) ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.skill < b.skill ? -1 : 1));
}

/** The `first` skills that bridge the most roles (cached until the graph changes). */
export async function topBridgeSkills(scope: RequestScope, first = DEFAULT_BRIDGE_SKILLS): Promise<BridgeSkill[]> {
  checkCount('first', first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  return (await bridgeSkillsFor(scope)).slice(0, first);
}
