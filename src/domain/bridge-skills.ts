import { betweennessCentrality } from '../analysis/betweenness.js';
import type { RoleSkillGraph } from '../queries/bridge-queries.js';
import { checkCount } from './argument-checks.js';
import { bridgeSkillsFor } from './graph-caches.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_BRIDGE_SKILLS = 10;

export interface BridgeSkill {
  skill: string;
  score: number;
}

/** Skills by betweenness in the undirected role–skill graph, highest first, ties by key. */
export function rankBridgeSkills(graph: RoleSkillGraph): BridgeSkill[] {
  const scores = betweennessCentrality(graph.nodes, graph.edges);
  return [...graph.skills]
    .map((skill) => ({ skill, score: scores.get(skill) ?? 0 }))
    .sort((a, b) => b.score - a.score || (a.skill < b.skill ? -1 : 1));
}

/** The `first` skills that bridge the most roles (cached until the graph changes). */
export async function topBridgeSkills(scope: RequestScope, first = DEFAULT_BRIDGE_SKILLS): Promise<BridgeSkill[]> {
  checkCount('first', first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  return (await bridgeSkillsFor(scope)).slice(0, first);
}
