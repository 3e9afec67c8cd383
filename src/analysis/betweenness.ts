import { mulberry32 } from './mulberry32.js';
/**
 * Betweenness centrality of an undirected, unweighted graph, unnormalised: for a node v,
 * BC(v) = Σ over unordered pairs {s, t} of other nodes of σ_st(v) / σ_st, where σ_st counts the shortest
 * s–t paths and σ_st(v) those through v. Parallel edges count once; self-loops and directions are ignored.
 *
 * Brandes' algorithm runs one breadth-first search per source s and accumulates the dependency
 * δ_s(v) = Σ_t σ_st(v) / σ_st, so that BC(v) = ½ Σ_s δ_s(v). Run from every node it is exact, in
 * O(nodes × edges); run from k sources drawn without replacement and scaled by n / k (Brandes & Pich,
 * "Centrality estimation in large networks", 2007), it is an unbiased estimate with the bound of
 * `samplingErrorBound`.
 */

/** The graph in compressed sparse rows: the neighbours of node i are targets[offsets[i] … offsets[i + 1]). */
export interface AdjacencyArrays {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
}

export function adjacencyArrays(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
): AdjacencyArrays {
  const position = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) position.set(nodes[i] as string, i);
  const endpoints = new Int32Array(edges.length * 2).fill(-1);
  edges.forEach(([a, b], e) => {
    endpoints[2 * e] = position.get(a) ?? -1;
    endpoints[2 * e + 1] = position.get(b) ?? -1;
  });
  return adjacencyFromEndpoints(nodes.length, endpoints);
}

/**
 * The same from edges given as positions: edge e joins endpoints[2e] and endpoints[2e + 1] (-1: a node
 * outside the graph, and the edge is left out). Typed arrays pass to a worker thread without copying.
 */
export function adjacencyFromEndpoints(n: number, endpoints: Int32Array): AdjacencyArrays {
  // Each undirected edge once, as a pair of positions, smaller first; duplicates removed by sorting.
  const pairs: number[] = [];
  for (let e = 0; e + 1 < endpoints.length; e += 2) {
    const i = endpoints[e] as number;
    const j = endpoints[e + 1] as number;
    if (i < 0 || j < 0 || i === j) continue;
    pairs.push(i < j ? i * n + j : j * n + i);
  }
  const sorted = Float64Array.from(pairs).sort();
  const degree = new Int32Array(n + 1);
  let distinct = 0;
  for (let k = 0; k < sorted.length; k++) {
    const pair = sorted[k] as number;
    if (k > 0 && pair === sorted[k - 1]) continue;
    sorted[distinct++] = pair;
    const i = Math.floor(pair / n);
    const j = pair % n;
    degree[i] = (degree[i] as number) + 1;
    degree[j] = (degree[j] as number) + 1;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = (offsets[i] as number) + (degree[i] as number);
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(offsets[n] as number);
  for (let k = 0; k < distinct; k++) {
    const pair = sorted[k] as number;
    const i = Math.floor(pair / n);
    const j = pair % n;
    const atI = fill[i] as number;
    const atJ = fill[j] as number;
    targets[atI] = j;
    targets[atJ] = i;
    fill[i] = atI + 1;
    fill[j] = atJ + 1;
  }
  return { nodeCount: n, offsets, targets };
}

/**
 * Adds δ_s(v) to `into[v]` for every source s in `sources` (Brandes' accumulation, not yet halved).
 * Only the nodes a search reached are reset before the next one, so a source costs the size of its
 * component, not n.
 */
export function accumulateDependencies(graph: AdjacencyArrays, sources: ArrayLike<number>, into: Float64Array): void {
  const { nodeCount: n, offsets, targets } = graph;
  const distance = new Int32Array(n).fill(-1);
  const paths = new Float64Array(n);
  const dependency = new Float64Array(n);
  const order = new Int32Array(n);
  for (let s = 0; s < sources.length; s++) {
    const source = sources[s] as number;
    distance[source] = 0;
    paths[source] = 1;
    let head = 0;
    let tail = 0;
    order[tail++] = source;
    // `order` is the BFS queue and, once the search is over, the nodes by non-decreasing distance.
    while (head < tail) {
      const v = order[head++] as number;
      const next = (distance[v] as number) + 1;
      const pathsV = paths[v] as number;
      const end = offsets[v + 1] as number;
      for (let e = offsets[v] as number; e < end; e++) {
        const w = targets[e] as number;
        const dw = distance[w] as number;
        if (dw === -1) {
          distance[w] = next;
          order[tail++] = w;
          paths[w] = pathsV;
        } else if (dw === next) {
          paths[w] = (paths[w] as number) + pathsV;
        }
      }
    }
    // Back-propagate from the farthest nodes; predecessors are the neighbours one step closer.
    for (let k = tail - 1; k > 0; k--) {
      const w = order[k] as number;
      const previous = (distance[w] as number) - 1;
      const share = (1 + (dependency[w] as number)) / (paths[w] as number);
      const end = offsets[w + 1] as number;
      for (let e = offsets[w] as number; e < end; e++) {
        const v = targets[e] as number;
        if (distance[v] === previous) dependency[v] = (dependency[v] as number) + (paths[v] as number) * share;
      }
      into[w] = (into[w] as number) + (dependency[w] as number);
    }
    for (let k = 0; k < tail; k++) {
      const v = order[k] as number;
      distance[v] = -1;
      paths[v] = 0;
      dependency[v] = 0;
    }
  }
}

/** Exact betweenness of every node (Brandes from every node). */
export function betweennessCentrality(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
): Map<string, number> {
  const graph = adjacencyArrays(nodes, edges);
  const sums = new Float64Array(nodes.length);
  accumulateDependencies(graph, allNodes(nodes.length), sums);
  // Each unordered pair was counted from both of its ends.
  return new Map(nodes.map((node, i) => [node, (sums[i] as number) / 2]));
}

/** The probability with which the sampled scores stay within their stated bound is at least 1 − this. */
export const SAMPLING_FAILURE_PROBABILITY = 0.05;

/**
 * The ε of the sampled estimate: with probability ≥ 1 − δ, every one of the n nodes' estimates is within
 * ε of its exact betweenness, where ε = n(n − 2)/2 · √(ln(2n/δ) / (2k)). 0 when k = n (exact).
 *
 * Why: the estimate is B̂(v) = n/(2k) Σ_i δ_{s_i}(v) over k distinct sources drawn uniformly. Each
 * δ_s(v) lies in [0, n − 2] (one term at most 1 per target t ∉ {s, v}) and its mean over all sources is
 * 2·BC(v)/n, so E[B̂(v)] = BC(v). Hoeffding's inequality, which holds for sampling without replacement
 * too (Hoeffding 1963, §6), bounds P(|mean of the k − 2·BC(v)/n| ≥ u) by 2·exp(−2ku²/(n − 2)²); |B̂ − BC|
 * ≥ ε means u = 2ε/n; a union bound over the n nodes gives n · 2·exp(−8kε²/(n²(n − 2)²)) = δ, solved for ε.
 * For scale: the largest possible betweenness is (n − 1)(n − 2)/2, so ε is about √(ln(2n/δ)/(2k)) of it.
 */
export function samplingErrorBound(
  nodeCount: number,
  sampleCount: number,
  delta = SAMPLING_FAILURE_PROBABILITY,
): number {
  const n = nodeCount;
  if (sampleCount >= n || n < 3) return 0;
  if (sampleCount <= 0) return Number.POSITIVE_INFINITY;
  return ((n * (n - 2)) / 2) * Math.sqrt(Math.log((2 * n) / delta) / (2 * sampleCount));
}

export interface BetweennessEstimate {
  scores: Map<string, number>;
  /** True when every node was a source: the scores are exact. */
  exact: boolean;
  /** Sources searched from (n when exact). */
  sampleCount: number;
  /** See samplingErrorBound; 0 when exact. */
  errorBound: number;
  /** The failure probability δ of the bound. */
  delta: number;
}

export interface SamplingOptions {
  /**
   * Work allowed, in adjacency entries scanned: a search from one source scans each reached node's
   * neighbours twice (forwards and back), about 2·(2·edges + nodes) entries. The graph is searched from
   * every node when that fits, from as many sources as fit otherwise (at least `minSamples`).
   */
  workBudget: number;
  /** Seeds the order in which sources are drawn: the same seed and graph give the same scores. */
  seed: string;
  minSamples?: number;
}

/** How many sources `estimateBetweenness` searches from, given the graph's size and the work budget. */
export function sampleCountFor(graph: AdjacencyArrays, workBudget: number, minSamples = 1): number {
  const n = graph.nodeCount;
  const perSource = 2 * (graph.targets.length + n);
  if (perSource * n <= workBudget) return n;
  return Math.min(n, Math.max(minSamples, Math.floor(workBudget / perSource)));
}

export interface BetweennessSums {
  /** Betweenness (exact) or its estimate, by node position. */
  scores: Float64Array;
  exact: boolean;
  sampleCount: number;
  errorBound: number;
  delta: number;
}

/**
 * Exact betweenness when searching from every node fits `workBudget`, else the Brandes–Pich estimate
 * from the first k nodes of a shuffle seeded by `seed`, scaled by n/k.
 */
export function estimateBetweennessOf(
  graph: AdjacencyArrays,
  { workBudget, seed, minSamples = 1 }: SamplingOptions,
): BetweennessSums {
  const n = graph.nodeCount;
  const k = sampleCountFor(graph, workBudget, minSamples);
  const sources = k === n ? allNodes(n) : seededShuffle(n, seed).subarray(0, k);
  const scores = new Float64Array(n);
  accumulateDependencies(graph, sources, scores);
  const scale = k === n ? 0.5 : n / (2 * k);
  for (let i = 0; i < n; i++) scores[i] = (scores[i] as number) * scale;
  return {
    scores,
    exact: k === n,
    sampleCount: k,
    errorBound: samplingErrorBound(n, k),
    delta: SAMPLING_FAILURE_PROBABILITY,
  };
}

/** estimateBetweennessOf, by node name. */
export function estimateBetweenness(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
  options: SamplingOptions,
): BetweennessEstimate {
  const { scores, ...rest } = estimateBetweennessOf(adjacencyArrays(nodes, edges), options);
  return { scores: new Map(nodes.map((node, i) => [node, scores[i] as number])), ...rest };
}

function allNodes(n: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

/** 0 … n − 1 in an order fixed by `seed` (Fisher–Yates over mulberry32 seeded by a 32-bit FNV-1a hash). */
export function seededShuffle(n: number, seed: string): Int32Array {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193);
  const next = mulberry32(hash);
  const order = allNodes(n);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}
