/**
 * Betweenness centrality of every node of an undirected, unweighted graph (Brandes' algorithm, one
 * breadth-first search per node): for every unordered pair of other nodes, the share of their shortest
 * paths that pass through the node, summed; not normalised. Parallel edges count once.
 */
export function betweennessCentrality(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
): Map<string, number> {
  const n = nodes.length;
  const position = new Map(nodes.map((node, i) => [node, i]));
  const neighbours: Set<number>[] = nodes.map(() => new Set());
  for (const [a, b] of edges) {
    const i = position.get(a);
    const j = position.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    neighbours[i]?.add(j);
    neighbours[j]?.add(i);
  }
  const adjacency = neighbours.map((set) => Int32Array.from(set));

  const centrality = new Float64Array(n);
  const distance = new Int32Array(n);
  const paths = new Float64Array(n);
  const dependency = new Float64Array(n);
  const order = new Int32Array(n);
  const queue = new Int32Array(n);

  for (let source = 0; source < n; source++) {
    distance.fill(-1);
    paths.fill(0);
    dependency.fill(0);
    distance[source] = 0;
    paths[source] = 1;
    let head = 0;
    let tail = 0;
    let visited = 0;
    queue[tail++] = source;
    while (head < tail) {
      const v = queue[head++] as number;
      order[visited++] = v;
      for (const w of adjacency[v] as Int32Array) {
        if (distance[w] === -1) {
          distance[w] = (distance[v] as number) + 1;
          queue[tail++] = w;
        }
        if (distance[w] === (distance[v] as number) + 1) paths[w] = (paths[w] as number) + (paths[v] as number);
      }
    }
    // Back-propagate dependencies from the farthest nodes; predecessors are the neighbours one step closer.
    for (let k = visited - 1; k > 0; k--) {
      const w = order[k] as number;
      for (const v of adjacency[w] as Int32Array) {
        if (distance[v] === (distance[w] as number) - 1) {
          dependency[v] =
            (dependency[v] as number) + ((paths[v] as number) / (paths[w] as number)) * (1 + (dependency[w] as number));
        }
      }
      centrality[w] = (centrality[w] as number) + (dependency[w] as number);
    }
  }
  // Each unordered pair was counted from both of its ends.
  return new Map(nodes.map((node, i) => [node, (centrality[i] as number) / 2]));
}
