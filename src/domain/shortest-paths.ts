import type { GraphPath } from '../analysis/graph-path.js';
import { findKShortestPaths } from '../analysis/k-shortest-paths.js';
import { neo4jShortestPathOracle } from '../queries/shortest-path-queries.js';
import { checkCount } from './argument-checks.js';
import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from './career-graph.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_MAX_HOPS = 8;
export const MAX_HOPS = 12;
export const DEFAULT_PATHS = 3;
export const MAX_PATHS = 20;

export interface PathRequest {
  /** A key, or a name or alias, of any kind of node. */
  from: string;
  to: string;
  maxHops?: number | null;
  /** Kinds of node the path may pass through (its ends may be any kind); empty or absent: all. */
  via?: readonly EntityLabel[] | null;
  /** Relationships the path may walk; empty or absent: all. */
  relations?: readonly RelationType[] | null;
  /** Nodes the path must not pass through; its own ends are never avoided. */
  avoid?: readonly string[] | null;
}

/** The shortest path between two nodes, or null when none exists within maxHops. */
export async function findShortestPath(scope: RequestScope, request: PathRequest): Promise<GraphPath | null> {
  return (await findPaths(scope, request, 1))[0] ?? null;
}

/** The k shortest simple paths between two nodes, shortest first, then by node keys. */
export function findShortestPaths(scope: RequestScope, request: PathRequest, k = DEFAULT_PATHS): Promise<GraphPath[]> {
  checkCount('k', k, { max: MAX_PATHS, limit: 'paths' });
  return findPaths(scope, request, k);
}

async function findPaths(scope: RequestScope, request: PathRequest, k: number): Promise<GraphPath[]> {
  const maxHops = request.maxHops ?? DEFAULT_MAX_HOPS;
  checkCount('maxHops', maxHops, { max: MAX_HOPS, limit: 'hops' });
  const [from, to, ...avoid] = await Promise.all([
    resolveReference(scope, { text: request.from, labels: ENTITY_LABELS, argument: 'from' }),
    resolveReference(scope, { text: request.to, labels: ENTITY_LABELS, argument: 'to' }),
    ...(request.avoid ?? []).map((text, i) =>
      resolveReference(scope, { text, labels: ENTITY_LABELS, argument: `avoid[${i}]` }),
    ),
  ]);
  if (from.key === to.key) return [{ nodes: [from], steps: [] }];
  const filters = {
    relations: request.relations?.length ? request.relations : RELATION_TYPES,
    via: request.via?.length ? request.via : ENTITY_LABELS,
    avoid: avoid.map((entity) => entity.key).filter((key) => key !== from.key && key !== to.key),
  };
  // Every round of Yen's algorithm in one read transaction, so that all see the same graph and relationship ids.
  return scope.database.read(
    (tx) => findKShortestPaths(neo4jShortestPathOracle(tx, to.key, filters, maxHops), from.key, k, maxHops),
    { tag: 'shortest-paths' },
  );
}
