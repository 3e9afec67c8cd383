import type { RoleSkillGraph } from '../queries/bridge-queries.js';
import { betweennessOffThread } from '../workers/run-worker.js';
import { checkCount } from './argument-checks.js';
import { bridgeSkillsFor } from './graph-caches.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_BRIDGE_SKILLS = 10;

/**
 * The work one ranking may take, in adjacency entries scanned (see analysis/betweenness.ts): about 18 s
 * of one core of our 2-core machine, so that with the graph's read a ranking is ready within 60 s of an
 * import. Graphs small enough (the curated seed, or up to about 8,000 nodes at ESCO's density) are
 * ranked exactly; larger ones from as many sampled sources as fit.
 */
export const BRIDGE_WORK_BUDGET = 4e9;

export interface BridgeSkill {
  skill: string;
  score: number;
  /** Whether the score is the exact betweenness; otherwise it is an estimate within `errorBound`. */
  exact: boolean;
  /** With probability ≥ 1 − `delta` (0.95), every score of the ranking is within this of the exact one; 0 when exact. */
  errorBound: number;
}

export interface BridgeSkillsRanking {
  skills: BridgeSkill[];
  exact: boolean;
  errorBound: number;
  delta: number;
  /** Nodes searched from (all of them when exact) and nodes in the graph. */
  sampleCount: number;
  nodeCount: number;
}

/**
 * Skills by betweenness in the undirected role–skill graph, highest first, ties by key. Brandes' algorithm
 * runs in a worker thread; on a large graph it searches from a sample of sources, drawn in an order seeded
 * by the graph's version, so that a version always gets the same ranking.
 */
export async function rankBridgeSkills(
  graph: RoleSkillGraph,
  version: string,
  workBudget = BRIDGE_WORK_BUDGET,
): Promise<BridgeSkillsRanking> {
  const result = await betweennessOffThread(graph.nodes, graph.edges, { workBudget, seed: version });
  const { exact, errorBound } = result;
  const skills = graph.nodes
    .map((node, i) => ({ skill: node, score: result.scores[i] as number, exact, errorBound }))
    .filter((entry) => graph.skills.has(entry.skill))
    .sort((a, b) => b.score - a.score || (a.skill < b.skill ? -1 : 1));
  return {
    skills,
    exact,
    errorBound,
    delta: result.delta,
    sampleCount: result.sampleCount,
    nodeCount: graph.nodes.length,
  };
}

/** The `first` skills that bridge the most roles (cached until the graph changes). */
export async function topBridgeSkills(scope: RequestScope, first = DEFAULT_BRIDGE_SKILLS): Promise<BridgeSkill[]> {
  checkCount('first', first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  return (await bridgeSkillsFor(scope)).skills.slice(0, first);
}
