import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from '../domain/career-graph.js';
import type { PathStep } from './graph-path.js';
import { findKShortestPaths, type OraclePath, type ShortestPathOracle, type SpurRequest } from './k-shortest-paths.js';

/**
 * The whole graph as paths see it, in plain arrays that cross to a worker thread as a copy of a few
 * megabytes: a node is its position in `keys`, a relationship its position in `starts`/`ends`/`types`.
 */
export interface PathGraph {
  keys: string[];
  /** Per node: the position of its label in ENTITY_LABELS. */
  labels: Uint8Array;
  /** Per relationship, in its stored direction: the positions of its start and end nodes. */
  starts: Int32Array;
  ends: Int32Array;
  /** Per relationship: the position of its type in RELATION_TYPES. */
  types: Uint8Array;
}

/** A PathGraph of nodes and relationships named by key; relationship i of the list is relationship i of the graph. */
export function pathGraphOf(
  nodes: readonly { key: string; label: EntityLabel }[],
  relationships: readonly { type: RelationType; from: string; to: string }[],
): PathGraph {
  const builder = new PathGraphBuilder();
  for (const node of nodes) builder.addNode(node.key, node.label);
  for (const r of relationships) builder.addRelationship(r.type, r.from, r.to);
  return builder.finish();
}

const LABEL_CODES = new Map<string, number>(ENTITY_LABELS.map((label, i) => [label, i]));
const TYPE_CODES = new Map<string, number>(RELATION_TYPES.map((type, i) => [type, i]));

/**
 * A PathGraph built a row at a time, as a query's records arrive: every node first, then the
 * relationships, each O(1) into typed arrays that grow by doubling, so that no step holds the event loop.
 */
export class PathGraphBuilder {
  private readonly position = new Map<string, number>();
  private readonly keys: string[] = [];
  private labels = new Uint8Array(1_024);
  private starts = new Int32Array(1_024);
  private ends = new Int32Array(1_024);
  private types = new Uint8Array(1_024);
  private relationshipCount = 0;

  addNode(key: string, label: EntityLabel): void {
    const i = this.keys.length;
    if (i === this.labels.length) this.labels = grown(this.labels);
    this.position.set(key, i);
    this.keys.push(key);
    this.labels[i] = LABEL_CODES.get(label) ?? 255;
  }

  /** Adds a relationship in its stored direction, between nodes added before; returns its position. */
  addRelationship(type: RelationType, from: string, to: string): number {
    const i = this.relationshipCount;
    const start = this.position.get(from);
    const end = this.position.get(to);
    if (start === undefined || end === undefined) {
      throw new Error(`relationship ${i} (${from} → ${to}) ends at a node that is not among the nodes`);
    }
    if (i === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      this.types = grown(this.types);
    }
    this.starts[i] = start;
    this.ends[i] = end;
    this.types[i] = TYPE_CODES.get(type) ?? 255;
    this.relationshipCount = i + 1;
    return i;
  }

  /** The graph, in arrays of exactly its size. */
  finish(): PathGraph {
    const m = this.relationshipCount;
    return {
      keys: this.keys,
      labels: this.labels.slice(0, this.keys.length),
      starts: this.starts.slice(0, m),
      ends: this.ends.slice(0, m),
      types: this.types.slice(0, m),
    };
  }
}

function grown<T extends Uint8Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** What a path may go through: `via` and `avoid` concern the nodes between its two ends. */
export interface PathFilters {
  /** Relationship types the path may walk. */
  relations: readonly RelationType[];
  /** Kinds of node the path may pass through (its two ends may be any kind). */
  via: readonly EntityLabel[];
  /** Keys of nodes the path must not pass through. */
  avoid: readonly string[];
}

/**
 * A PathGraph ready for searches: each node's relationships (walkable both ways) sorted by the key of the
 * node at their other end, then by type, then by position, so that the first one leading a step closer to
 * the target is the step the order of `comparePaths` prefers. Searches reuse its scratch arrays, so an
 * index serves one search at a time.
 */
export interface PathIndex {
  graph: PathGraph;
  position: Map<string, number>;
  /** Node v's relationships are entries offsets[v] … offsets[v + 1] - 1 of `neighbours` and `relationships`. */
  offsets: Int32Array;
  neighbours: Int32Array;
  relationships: Int32Array;
  scratch: {
    epoch: number;
    /** A node is reached in this search when reached[v] === epoch; its distance to the target is then distance[v]. */
    reached: Int32Array;
    distance: Int32Array;
    blockedNodes: Int32Array;
    blockedRelationships: Int32Array;
    queue: Int32Array;
  };
}

export function buildPathIndex(graph: PathGraph): PathIndex {
  const n = graph.keys.length;
  const m = graph.starts.length;
  const byKey = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const x = graph.keys[a] as string;
    const y = graph.keys[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const keyRank = new Float64Array(n);
  byKey.forEach((node, rank) => {
    keyRank[node] = rank;
  });
  const sortedTypes = [...RELATION_TYPES].sort();
  const typeRank = RELATION_TYPES.map((type) => sortedTypes.indexOf(type));

  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < m; r++) {
    offsets[(graph.starts[r] as number) + 1] = (offsets[(graph.starts[r] as number) + 1] as number) + 1;
    offsets[(graph.ends[r] as number) + 1] = (offsets[(graph.ends[r] as number) + 1] as number) + 1;
  }
  for (let v = 0; v < n; v++) offsets[v + 1] = (offsets[v + 1] as number) + (offsets[v] as number);
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(2 * m);
  const relationships = new Int32Array(2 * m);
  const add = (from: number, to: number, r: number) => {
    const at = fill[from] as number;
    neighbours[at] = to;
    relationships[at] = r;
    fill[from] = at + 1;
  };
  for (let r = 0; r < m; r++) {
    add(graph.starts[r] as number, graph.ends[r] as number, r);
    add(graph.ends[r] as number, graph.starts[r] as number, r);
  }
  // Within each node's entries: other end's key, then type, then relationship position (parallel relationships).
  const order = (e: number) =>
    ((keyRank[neighbours[e] as number] as number) * 8 +
      (typeRank[graph.types[relationships[e] as number] as number] ?? 0)) *
      m +
    (relationships[e] as number);
  for (let v = 0; v < n; v++) {
    const start = offsets[v] as number;
    const end = offsets[v + 1] as number;
    if (end - start < 2) continue;
    const entries = Array.from({ length: end - start }, (_, i) => start + i);
    const keys = entries.map(order);
    const sorted = entries.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
    const nodes = sorted.map((i) => neighbours[entries[i] as number] as number);
    const rels = sorted.map((i) => relationships[entries[i] as number] as number);
    neighbours.set(nodes, start);
    relationships.set(rels, start);
  }
  return {
    graph,
    position: new Map(graph.keys.map((key, i) => [key, i])),
    offsets,
    neighbours,
    relationships,
    scratch: {
      epoch: 0,
      reached: new Int32Array(n),
      distance: new Int32Array(n),
      blockedNodes: new Int32Array(n),
      blockedRelationships: new Int32Array(m),
      queue: new Int32Array(n),
    },
  };
}

/** The largest search number the scratch arrays' Int32 marks hold. */
const MAX_EPOCH = 0x7fffffff;

/** A path of the index: nodes by key and position, steps with the relationship's position as its id. */
export type IndexPath = OraclePath<{ key: string; position: number }>;

/**
 * The first path from `request.from` to `target` in the order of `comparePaths` among the shortest ones
 * under the filters and the request's exclusions, or null: a breadth-first search from the target gives
 * every node's distance to it (stopping once the spur node is reached), then the walk from the spur node
 * takes, at each step, the first relationship in the index's order that leads one step closer.
 */
export function firstShortestPath(
  index: PathIndex,
  target: string,
  filters: PathFilters,
  request: SpurRequest,
): IndexPath | null {
  const { graph, offsets, neighbours, relationships, scratch } = index;
  const source = index.position.get(request.from);
  const goal = index.position.get(target);
  if (source === undefined || goal === undefined || source === goal) return null;
  const { reached, distance, blockedNodes, blockedRelationships, queue } = scratch;
  // Marks are Int32: before the epoch would overflow them, they are cleared and it starts again.
  if (scratch.epoch >= MAX_EPOCH) {
    for (const marks of [reached, blockedNodes, blockedRelationships]) marks.fill(0);
    scratch.epoch = 0;
  }
  const epoch = ++scratch.epoch;
  for (const key of [...filters.avoid, ...request.excludedNodes]) {
    const node = index.position.get(key);
    if (node !== undefined) blockedNodes[node] = epoch;
  }
  for (const id of request.excludedRelationships) blockedRelationships[Number(id)] = epoch;
  const walkable = RELATION_TYPES.map((type) => filters.relations.includes(type));
  const passable = ENTITY_LABELS.map((label) => filters.via.includes(label));
  const usable = (r: number) => blockedRelationships[r] !== epoch && walkable[graph.types[r] as number] === true;

  reached[goal] = epoch;
  distance[goal] = 0;
  queue[0] = goal;
  let head = 0;
  let tail = 1;
  let length = -1;
  search: while (head < tail) {
    const v = queue[head++] as number;
    const next = (distance[v] as number) + 1;
    if (next > request.maxHops) break;
    for (let e = offsets[v] as number; e < (offsets[v + 1] as number); e++) {
      const w = neighbours[e] as number;
      if (reached[w] === epoch || !usable(relationships[e] as number)) continue;
      if (w === source) {
        length = next;
        break search;
      }
      if (blockedNodes[w] === epoch || passable[graph.labels[w] as number] !== true) continue;
      reached[w] = epoch;
      distance[w] = next;
      queue[tail++] = w;
    }
  }
  if (length < 0) return null;

  const nodes = [{ key: graph.keys[source] as string, position: source }];
  const steps: PathStep[] = [];
  let here = source;
  for (let remaining = length - 1; remaining >= 0; remaining--) {
    for (let e = offsets[here] as number; e < (offsets[here + 1] as number); e++) {
      const w = neighbours[e] as number;
      const r = relationships[e] as number;
      if (reached[w] !== epoch || distance[w] !== remaining || !usable(r)) continue;
      const key = graph.keys[w] as string;
      steps.push({
        relationshipId: String(r),
        relation: RELATION_TYPES[graph.types[r] as number] as RelationType,
        from: nodes.at(-1)?.key as string,
        to: key,
      });
      nodes.push({ key, position: w });
      here = w;
      break;
    }
  }
  return { nodes, steps };
}

/** The oracle of Yen's algorithm over an index: every spur request answered in memory. */
export function indexShortestPathOracle(
  index: PathIndex,
  target: string,
  filters: PathFilters,
): ShortestPathOracle<IndexPath> {
  return async (requests) => requests.map((request) => firstShortestPath(index, target, filters, request));
}

export interface IndexPathRequest {
  from: string;
  to: string;
  k: number;
  maxHops: number;
  filters: PathFilters;
}

/** A path found in an index, by node and relationship positions in its PathGraph. */
export interface PositionalPath {
  nodes: number[];
  relationships: number[];
}

/** The k shortest simple paths of the order of `comparePaths` (Yen's algorithm over the index). */
export async function kShortestPathsInIndex(index: PathIndex, request: IndexPathRequest): Promise<PositionalPath[]> {
  const oracle = indexShortestPathOracle(index, request.to, request.filters);
  const paths = await findKShortestPaths(oracle, request.from, request.k, request.maxHops);
  return paths.map((path) => ({
    nodes: path.nodes.map((node) => node.position),
    relationships: path.steps.map((step) => Number(step.relationshipId)),
  }));
}
