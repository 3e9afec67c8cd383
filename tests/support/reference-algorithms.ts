/**
 * The traversals by their definitions in the README, done the slow and obvious way over plain data, for
 * independent checks of the production algorithms: unit tests feed them hand-made and random graphs,
 * integration tests the graph read back from Neo4j (`loadMemoryGraph` in in-memory-graph.ts).
 */

/** The whole career graph in memory. */
export interface MemoryGraph {
  labels: Map<string, string>;
  /** Undirected adjacency: for each node, its relationships as walked from it. */
  adjacency: Map<string, { id: string; type: string; other: string }[]>;
  /** REQUIRES with its level (1 when the relationship has none). */
  requires: { role: string; skill: string; importance: string; level: number }[];
  prerequisites: { from: string; to: string }[];
  hours: Map<string, number>;
}

export interface MemoryNode {
  key: string;
  label: string;
  hours?: number | null;
}

/** A stored relationship, in its stored direction. */
export interface MemoryRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
  importance?: string | null;
  level?: number | null;
}

export function memoryGraphOf(nodes: Iterable<MemoryNode>, relationships: Iterable<MemoryRelationship>): MemoryGraph {
  const graph: MemoryGraph = {
    labels: new Map(),
    adjacency: new Map(),
    requires: [],
    prerequisites: [],
    hours: new Map(),
  };
  for (const { key, label, hours } of nodes) {
    graph.labels.set(key, label);
    graph.adjacency.set(key, []);
    if (hours != null) graph.hours.set(key, hours);
  }
  for (const { id, type, from, to, importance, level } of relationships) {
    graph.adjacency.get(from)?.push({ id, type, other: to });
    graph.adjacency.get(to)?.push({ id, type, other: from });
    if (type === 'REQUIRES') {
      graph.requires.push({ role: from, skill: to, importance: importance as string, level: level ?? 1 });
    }
    if (type === 'PREREQUISITE_OF') graph.prerequisites.push({ from, to });
  }
  return graph;
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

/** The keys of every node with the label, sorted. */
export function keysWithLabel(graph: MemoryGraph, label: string): string[] {
  return [...graph.labels]
    .filter(([, l]) => l === label)
    .map(([key]) => key)
    .sort();
}

/** For each skill, its direct prerequisites. */
export function prerequisitesByDefinition(graph: MemoryGraph): Map<string, string[]> {
  const prerequisitesOf = new Map<string, string[]>();
  for (const { from, to } of graph.prerequisites) prerequisitesOf.set(to, [...(prerequisitesOf.get(to) ?? []), from]);
  return prerequisitesOf;
}

/** The skills with all their transitive prerequisites. */
export function closureByDefinition(graph: MemoryGraph, skills: Iterable<string>): Set<string> {
  const prerequisitesOf = prerequisitesByDefinition(graph);
  const seen = new Set<string>();
  const stack = [...skills];
  while (stack.length) {
    const skill = stack.pop() as string;
    if (!seen.has(skill)) {
      seen.add(skill);
      stack.push(...(prerequisitesOf.get(skill) ?? []));
    }
  }
  return seen;
}

/** The skills the role REQUIRES, of the importance given or of either. */
export function requiredByDefinition(graph: MemoryGraph, role: string, importance?: string): string[] {
  return graph.requires
    .filter((r) => r.role === role && (!importance || r.importance === importance))
    .map((r) => r.skill);
}

/** have(R): the ESSENTIAL skills of R with all their transitive prerequisites. */
export function haveByDefinition(graph: MemoryGraph, role: string): Set<string> {
  return closureByDefinition(graph, requiredByDefinition(graph, role, 'ESSENTIAL'));
}

export function hoursByDefinition(graph: MemoryGraph, skills: Iterable<string>): number {
  return [...skills].reduce((sum, s) => sum + (graph.hours.get(s) ?? 0), 0);
}

/** |A ∩ B| / |A ∪ B|, 1 for two empty sets. */
export function jaccardByDefinition(a: Set<string>, b: Set<string>): number {
  const shared = [...a].filter((x) => b.has(x)).length;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 1 : shared / union;
}

export interface ProfileByDefinition {
  role?: string;
  skills: string[];
  tools?: string[];
}

/** have(profile) = have(role) plus the listed skills and all their transitive prerequisites. */
export function profileHaveByDefinition(graph: MemoryGraph, profile: ProfileByDefinition): Set<string> {
  return new Set([
    ...(profile.role ? haveByDefinition(graph, profile.role) : []),
    ...closureByDefinition(graph, profile.skills),
  ]);
}

/** skillGap(from, to) as the README defines it. */
export function skillGapByDefinition(graph: MemoryGraph, profile: ProfileByDefinition, target: string) {
  const had = profileHaveByDefinition(graph, profile);
  const essential = requiredByDefinition(graph, target, 'ESSENTIAL');
  const optional = requiredByDefinition(graph, target, 'OPTIONAL');
  // The profile's tools: those listed and those its role uses.
  const tools = new Set([...(profile.tools ?? []), ...(profile.role ? toolsByDefinition(graph, profile.role) : [])]);
  return {
    missingEssential: essential.filter((s) => !had.has(s)).sort(),
    missingOptional: optional.filter((s) => !had.has(s)).sort(),
    covered: [...essential, ...optional].filter((s) => had.has(s)).sort(),
    coverage: essential.length === 0 ? 1 : essential.filter((s) => had.has(s)).length / essential.length,
    hoursToClose: hoursByDefinition(
      graph,
      [...haveByDefinition(graph, target)].filter((s) => !had.has(s)),
    ),
    missingTools: toolsByDefinition(graph, target).filter((t) => !tools.has(t)),
    coveredTools: toolsByDefinition(graph, target).filter((t) => tools.has(t)),
  };
}

/**
 * The skills, each after all of its prerequisites among them: repeatedly the smallest key among those whose
 * prerequisites are all placed (a scan, not a queue).
 */
export function prerequisiteOrderByDefinition(graph: MemoryGraph, skills: Iterable<string>): string[] {
  const prerequisitesOf = prerequisitesByDefinition(graph);
  const wanted = new Set(skills);
  const order: string[] = [];
  while (order.length < wanted.size) {
    const free = [...wanted]
      .filter((s) => !order.includes(s))
      .filter((s) => (prerequisitesOf.get(s) ?? []).every((p) => !wanted.has(p) || order.includes(p)))
      .sort();
    if (free.length === 0) throw new Error('prerequisites form a cycle');
    order.push(free[0] as string);
  }
  return order;
}

/** learningPlan(from, to, includeOptional) as the README defines it. */
export function learningPlanByDefinition(
  graph: MemoryGraph,
  profile: ProfileByDefinition,
  target: string,
  includeOptional: boolean,
) {
  const had = profileHaveByDefinition(graph, profile);
  const prerequisitesOf = prerequisitesByDefinition(graph);
  const essential = requiredByDefinition(graph, target, 'ESSENTIAL');
  const optional = includeOptional ? requiredByDefinition(graph, target, 'OPTIONAL') : [];
  const wanted = new Set(
    [...haveByDefinition(graph, target), ...closureByDefinition(graph, optional)].filter((s) => !had.has(s)),
  );
  const plan = prerequisiteOrderByDefinition(graph, wanted);
  const steps = plan.map((skill, i) => ({
    position: i + 1,
    skill,
    hours: graph.hours.get(skill) ?? 0,
    reason: essential.includes(skill) ? 'ESSENTIAL' : optional.includes(skill) ? 'OPTIONAL' : 'PREREQUISITE',
    unlocks: plan.slice(i + 1).filter((later) => (prerequisitesOf.get(later) ?? []).includes(skill)),
    runningTotalHours: hoursByDefinition(graph, plan.slice(0, i + 1)),
  }));
  return { totalHours: hoursByDefinition(graph, plan), steps };
}

/** The tools the role USES, sorted. */
export function toolsByDefinition(graph: MemoryGraph, role: string): string[] {
  const tools = (graph.adjacency.get(role) ?? []).filter((e) => e.type === 'USES').map((e) => e.other);
  return [...new Set(tools)].sort();
}

/** roleOverlap(a, b) as the README defines it, with S(r) every skill r requires. */
export function roleOverlapByDefinition(graph: MemoryGraph, a: string, b: string) {
  const skillsA = new Set(requiredByDefinition(graph, a));
  const skillsB = new Set(requiredByDefinition(graph, b));
  const toolsB = toolsByDefinition(graph, b);
  return {
    sharedSkills: [...skillsA].filter((s) => skillsB.has(s)).sort(),
    onlyA: [...skillsA].filter((s) => !skillsB.has(s)).sort(),
    onlyB: [...skillsB].filter((s) => !skillsA.has(s)).sort(),
    sharedTools: toolsByDefinition(graph, a).filter((t) => toolsB.includes(t)),
    jaccard: jaccardByDefinition(skillsA, skillsB),
    weightedJaccard: weightedJaccardByDefinition(graph, a, b),
  };
}

/**
 * The weighted Jaccard index by the README's words, straight from the REQUIRES rows: the weight of skill s
 * for role r is the largest level × (2 if ESSENTIAL else 1) of r's REQUIRES of s, 0 without one; the
 * index is the sum over every skill of the graph of the smaller weight over the sum of the larger (1 when
 * both sums are 0).
 */
export function weightedJaccardByDefinition(graph: MemoryGraph, a: string, b: string): number {
  const weight = (role: string, skill: string) =>
    graph.requires
      .filter((r) => r.role === role && r.skill === skill)
      .reduce((w, r) => Math.max(w, r.level * (r.importance === 'ESSENTIAL' ? 2 : 1)), 0);
  let low = 0;
  let high = 0;
  for (const skill of keysWithLabel(graph, 'Skill')) {
    low += Math.min(weight(a, skill), weight(b, skill));
    high += Math.max(weight(a, skill), weight(b, skill));
  }
  return high === 0 ? 1 : low / high;
}

/**
 * similarRoles(to, first): other roles by Jaccard, highest first, ties by key; roles sharing no skill are left
 * out (two roles requiring nothing too, though their Jaccard index is 1).
 */
export function similarRolesByDefinition(graph: MemoryGraph, role: string, first: number) {
  const own = new Set(requiredByDefinition(graph, role));
  return keysWithLabel(graph, 'Role')
    .filter((other) => other !== role && requiredByDefinition(graph, other).some((skill) => own.has(skill)))
    .map((other) => ({ role: other, jaccard: jaccardByDefinition(own, new Set(requiredByDefinition(graph, other))) }))
    .sort((x, y) => y.jaccard - x.jaccard || (x.role < y.role ? -1 : 1))
    .slice(0, first);
}

/** careerPath by its definition, without the production code's index or heap: set differences and a scan. */
export function careerPathByDefinition(graph: MemoryGraph, from: string, to: string, maxStepHours: number) {
  const roles = [...graph.labels].filter(([, label]) => label === 'Role').map(([key]) => key);
  const have = new Map(roles.map((role) => [role, haveByDefinition(graph, role)]));
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
