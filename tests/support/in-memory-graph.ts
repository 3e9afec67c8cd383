import type { Database } from '../../src/database/database.js';

/** The whole career graph in memory, read with plain Cypher: for independent checks of the traversals. */
export interface MemoryGraph {
  labels: Map<string, string>;
  /** Undirected adjacency: for each node, its relationships as walked from it. */
  adjacency: Map<string, { id: string; type: string; other: string }[]>;
  requires: { role: string; skill: string; importance: string }[];
  prerequisites: { from: string; to: string }[];
  hours: Map<string, number>;
}

export async function loadMemoryGraph(database: Database): Promise<MemoryGraph> {
  return database.read(async (tx) => {
    const nodes = await tx.run(
      "MATCH (n:Entity) RETURN n.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.learningHours AS hours",
    );
    const relationships = await tx.run(
      'MATCH (a:Entity)-[r]->(b:Entity) RETURN elementId(r) AS id, type(r) AS type, a.key AS from, b.key AS to, r.importance AS importance',
    );
    const graph: MemoryGraph = {
      labels: new Map(),
      adjacency: new Map(),
      requires: [],
      prerequisites: [],
      hours: new Map(),
    };
    for (const record of nodes.records) {
      graph.labels.set(record.get('key'), record.get('label'));
      graph.adjacency.set(record.get('key'), []);
      if (record.get('hours') != null) graph.hours.set(record.get('key'), record.get('hours'));
    }
    for (const record of relationships.records) {
      const [id, type, from, to] = ['id', 'type', 'from', 'to'].map((field) => record.get(field) as string) as [
        string,
        string,
        string,
        string,
      ];
      graph.adjacency.get(from)?.push({ id, type, other: to });
      graph.adjacency.get(to)?.push({ id, type, other: from });
      if (type === 'REQUIRES') graph.requires.push({ role: from, skill: to, importance: record.get('importance') });
      if (type === 'PREREQUISITE_OF') graph.prerequisites.push({ from, to });
    }
    return graph;
  });
}

export interface SimplePath {
  keys: string[];
  types: string[];
}

/**
 * Every simple path of at most maxHops relationships, by exhaustive depth-first search, sorted shortest
 * first, then by node keys, then by relationship types: the definition of shortestPaths, done the slow way.
 */
export function allSimplePaths(
  graph: MemoryGraph,
  from: string,
  to: string,
  options: { maxHops: number; via?: string[]; relations?: string[]; avoid?: string[] },
): SimplePath[] {
  const found: SimplePath[] = [];
  const visit = (keys: string[], types: string[]) => {
    const here = keys.at(-1) as string;
    if (here === to) {
      found.push({ keys: [...keys], types: [...types] });
      return;
    }
    if (types.length === options.maxHops) return;
    for (const edge of graph.adjacency.get(here) ?? []) {
      if (keys.includes(edge.other)) continue;
      if (options.relations && !options.relations.includes(edge.type)) continue;
      if (edge.other !== to) {
        if (options.avoid?.includes(edge.other)) continue;
        if (options.via && !options.via.includes(graph.labels.get(edge.other) ?? '')) continue;
      }
      visit([...keys, edge.other], [...types, edge.type]);
    }
  };
  visit([from], []);
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++)
      if (a[i] !== b[i]) return (a[i] ?? '') < (b[i] ?? '') ? -1 : 1;
    return a.length - b.length;
  };
  return found.sort((a, b) => a.types.length - b.types.length || compare(a.keys, b.keys) || compare(a.types, b.types));
}

/** careerPath by its definition, without the production code's index or heap: set differences and a scan. */
export function careerPathByDefinition(graph: MemoryGraph, from: string, to: string, maxStepHours: number) {
  const prerequisitesOf = new Map<string, string[]>();
  for (const { from: p, to: s } of graph.prerequisites) prerequisitesOf.set(s, [...(prerequisitesOf.get(s) ?? []), p]);
  const roles = [...graph.labels].filter(([, label]) => label === 'Role').map(([key]) => key);
  const have = new Map<string, Set<string>>();
  for (const role of roles) {
    const set = new Set<string>();
    const queue = graph.requires.filter((r) => r.role === role && r.importance === 'ESSENTIAL').map((r) => r.skill);
    while (queue.length) {
      const skill = queue.shift() as string;
      if (set.has(skill)) continue;
      set.add(skill);
      queue.push(...(prerequisitesOf.get(skill) ?? []));
    }
    have.set(role, set);
  }
  const hours = (a: string, b: string) =>
    [...(have.get(b) ?? [])].filter((s) => !have.get(a)?.has(s)).reduce((sum, s) => sum + (graph.hours.get(s) ?? 0), 0);
  type Label = { hours: number; chain: string[] };
  const better = (x: Label, y: Label | undefined) => {
    if (!y) return true;
    if (x.hours !== y.hours) return x.hours < y.hours;
    if (x.chain.length !== y.chain.length) return x.chain.length < y.chain.length;
    return x.chain.join('\u0000') < y.chain.join('\u0000');
  };
  const best = new Map<string, Label>([[from, { hours: 0, chain: [from] }]]);
  const done = new Set<string>();
  for (;;) {
    let current: string | undefined;
    for (const [role, label] of best)
      if (!done.has(role) && (!current || better(label, best.get(current)))) current = role;
    if (!current) return null;
    done.add(current);
    const label = best.get(current) as Label;
    if (current === to) {
      const steps = label.chain.slice(1).map((role, i) => ({
        from: label.chain[i] as string,
        to: role,
        hours: hours(label.chain[i] as string, role),
        learn: [...(have.get(role) ?? [])].filter((s) => !have.get(label.chain[i] as string)?.has(s)).sort(),
      }));
      return { totalHours: label.hours, steps };
    }
    for (const next of roles) {
      if (done.has(next) || next === current) continue;
      const gap = hours(current, next);
      if (gap > maxStepHours) continue;
      const candidate = { hours: label.hours + gap, chain: [...label.chain, next] };
      if (better(candidate, best.get(next))) best.set(next, candidate);
    }
  }
}

/** Betweenness by its definition: for every pair {s, t} and node v, σst(v)/σst from all-pairs BFS counts. */
export function betweennessByDefinition(nodes: string[], edges: [string, string][]): Map<string, number> {
  const adjacency = new Map(nodes.map((n) => [n, new Set<string>()]));
  for (const [a, b] of edges) {
    if (a === b) continue;
    adjacency.get(a)?.add(b);
    adjacency.get(b)?.add(a);
  }
  const bfs = (source: string) => {
    const distance = new Map([[source, 0]]);
    const count = new Map([[source, 1]]);
    const queue = [source];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i] as string;
      for (const w of adjacency.get(v) ?? []) {
        if (!distance.has(w)) {
          distance.set(w, (distance.get(v) as number) + 1);
          queue.push(w);
        }
        if (distance.get(w) === (distance.get(v) as number) + 1)
          count.set(w, (count.get(w) ?? 0) + (count.get(v) as number));
      }
    }
    return { distance, count };
  };
  const all = new Map(nodes.map((n) => [n, bfs(n)]));
  const score = new Map(nodes.map((n) => [n, 0]));
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const s = nodes[i] as string;
      const t = nodes[j] as string;
      const fromS = all.get(s);
      const dst = fromS?.distance.get(t);
      if (dst === undefined) continue;
      const sigma = fromS?.count.get(t) as number;
      for (const v of nodes) {
        if (v === s || v === t) continue;
        const dsv = fromS?.distance.get(v);
        const dvt = all.get(v)?.distance.get(t);
        if (dsv === undefined || dvt === undefined || dsv + dvt !== dst) continue;
        const through = (fromS?.count.get(v) as number) * (all.get(v)?.count.get(t) as number);
        score.set(v, (score.get(v) ?? 0) + through / sigma);
      }
    }
  }
  return score;
}
