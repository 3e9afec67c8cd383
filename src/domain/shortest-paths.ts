import type { GraphPath, PathStep } from '../analysis/graph-path.js';
import type { PathFilters, PositionalPath } from '../analysis/path-index.js';
import { GraphChangedError } from '../errors.js';
import type { EntityProperty } from '../queries/entity-record.js';
import { checkCount } from './argument-checks.js';
import {
  ENTITY_LABELS,
  type EntityLabel,
  type EntityRecord,
  RELATION_TYPES,
  type RelationType,
} from './career-graph.js';
import { pathGraphFor } from './graph-caches.js';
import type { PathGraphSnapshot } from './path-graph.js';
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
  /**
   * What the caller reads of the path's nodes: with only keys and names, they come from the in-memory graph
   * (no read); otherwise whole, by key. @default 'all'
   */
  nodeProperties?: readonly EntityProperty[] | 'all';
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
  const filters: PathFilters = {
    relations: request.relations?.length ? request.relations : RELATION_TYPES,
    via: request.via?.length ? request.via : ENTITY_LABELS,
    avoid: avoid.map((entity) => entity.key).filter((key) => key !== from.key && key !== to.key),
  };
  // The graph as of the version this request reads, searched off the event loop.
  const graph = await pathGraphFor(scope);
  const found = await scope.caches.pathSearch.search(graph.searchable, {
    from: from.key,
    to: to.key,
    k,
    maxHops,
    filters,
  });
  const entities = namesSuffice(request.nodeProperties)
    ? namedNodesOf(graph, found)
    : await wholeNodesOf(scope, graph, found);
  return found.map((path) => graphPathOf(graph, path, entities));
}

const NAME_AND_KEY: readonly EntityProperty[] = ['key', 'name'];

function namesSuffice(properties: PathRequest['nodeProperties']): boolean {
  return properties !== undefined && properties !== 'all' && properties.every((p) => NAME_AND_KEY.includes(p));
}

/** The paths' nodes with their keys, labels and names, as the in-memory graph of the version holds them. */
function namedNodesOf(graph: PathGraphSnapshot, found: PositionalPath[]): Map<string, EntityRecord> {
  const { keys, labels } = graph.searchable.graph;
  const entities = new Map<string, EntityRecord>();
  for (const node of found.flatMap((path) => path.nodes)) {
    const key = keys[node] as string;
    const label = ENTITY_LABELS[labels[node] as number] as EntityLabel;
    entities.set(key, { label, key, name: graph.names[node] as string, aliases: [], description: '' });
  }
  return entities;
}

async function wholeNodesOf(
  scope: RequestScope,
  graph: PathGraphSnapshot,
  found: PositionalPath[],
): Promise<Map<string, EntityRecord>> {
  const keys = [
    ...new Set(found.flatMap((path) => path.nodes.map((node) => graph.searchable.graph.keys[node] as string))),
  ];
  const entities = new Map<string, EntityRecord>();
  (await scope.loaders.entityByKey.loadMany(keys)).forEach((entity, i) => {
    if (entity instanceof Error) throw entity;
    if (!entity) throw new GraphChangedError(`entity ${keys[i]} vanished`);
    entities.set(entity.key, entity);
  });
  return entities;
}

function graphPathOf(graph: PathGraphSnapshot, path: PositionalPath, entities: Map<string, EntityRecord>): GraphPath {
  const { keys, types, starts } = graph.searchable.graph;
  const nodes = path.nodes.map((node) => entities.get(keys[node] as string) as EntityRecord);
  const steps = path.relationships.map((r, i): PathStep => {
    const importance = graph.importance[r];
    const level = graph.level[r];
    return {
      relationshipId: graph.relationshipIds[r] as string,
      relation: RELATION_TYPES[types[r] as number] as RelationType,
      from: nodes[i]?.key as string,
      to: nodes[i + 1]?.key as string,
      direction: starts[r] === path.nodes[i] ? 'FORWARD' : 'BACKWARD',
      ...(importance != null && { importance }),
      ...(level != null && { level }),
      ...(graph.levelEstimated[r] === true && { levelEstimated: true }),
    };
  });
  return { nodes, steps };
}
