import { Heap } from 'heap-js';
import { compareSequences } from './graph-path.js';
import { orderByPrerequisites, type SkillFacts, totalHours, withPrerequisites } from './skill-closure.js';

export interface CareerGraph {
  /** Every role with the keys of its ESSENTIAL skills. */
  roles: ReadonlyMap<string, readonly string[]>;
  /** Every role with the keys of its OPTIONAL skills (absent: none). */
  optionalSkills?: ReadonlyMap<string, readonly string[]>;
  /** Every role with the keys of the tools it uses (absent: none). */
  tools?: ReadonlyMap<string, readonly string[]>;
  /** Every role with the level (1–5) of each skill it REQUIRES (absent, or a skill missing: level 1). */
  levels?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  skills: ReadonlyMap<string, SkillFacts>;
}

export interface CareerStep {
  from: string;
  to: string;
  hours: number;
  /** gap(from, to), each skill after its prerequisites. */
  learn: string[];
}

export interface CareerPath {
  totalHours: number;
  steps: CareerStep[];
}

/** What a career-path search found, and why not when it found nothing (see `searchCareerPath`). */
export interface CareerPathSearch {
  outcome: 'FOUND' | 'SAME_ROLE' | 'NO_CHAIN_WITHIN_LIMIT';
  /** The cheapest chain whose every move is within `stepLimitHours`; null when there is none. */
  path: CareerPath | null;
  /** The step limit searched under: the one given, or else `smallestFeasibleStepHours`. */
  stepLimitHours: number;
  limitGiven: boolean;
  /** The smallest step limit under which some chain exists: its largest move is as small as can be. */
  smallestFeasibleStepHours: number;
  /** hours(from, to): a single move is always a chain, so this bounds the smallest feasible step. */
  directMoveHours: number;
  /** The cheapest move out of `from` to any other role, ties by key; null when there is no other role. */
  cheapestFirstMove: { to: string; hours: number } | null;
}

/**
 * What the role computations need, built once per version of the graph: have(R) for every role (its
 * ESSENTIAL skills with all their transitive prerequisites), its total hours, for each skill the roles
 * whose have-set holds it, and the graph it was built from.
 */
export interface CareerIndex {
  roles: string[];
  position: Map<string, number>;
  have: Set<string>[];
  total: number[];
  rolesWithSkill: Map<string, number[]>;
  /** Role positions by ascending total hours. */
  byTotal: number[];
  skills: ReadonlyMap<string, SkillFacts>;
  graph: CareerGraph;
}

/** have(R): the ESSENTIAL skills of role R with all their transitive prerequisites (empty for an unknown role). */
export function haveOf(index: CareerIndex, role: string): ReadonlySet<string> {
  return index.have[index.position.get(role) ?? -1] ?? new Set<string>();
}

export function buildCareerIndex(graph: CareerGraph): CareerIndex {
  const roles = [...graph.roles.keys()].sort();
  const have = roles.map((role) => withPrerequisites(graph.roles.get(role) ?? [], graph.skills));
  const rolesWithSkill = new Map<string, number[]>();
  have.forEach((skills, i) => {
    for (const skill of skills) {
      const holders = rolesWithSkill.get(skill);
      if (holders) holders.push(i);
      else rolesWithSkill.set(skill, [i]);
    }
  });
  const total = have.map((skills) => totalHours(skills, graph.skills));
  return {
    roles,
    position: new Map(roles.map((role, i) => [role, i])),
    have,
    total,
    rolesWithSkill,
    byTotal: roles.map((_, i) => i).sort((a, b) => (total[a] ?? 0) - (total[b] ?? 0)),
    skills: graph.skills,
    graph,
  };
}

interface Label {
  hours: number;
  moves: number;
  chain: string[];
}

function compareLabels(a: Label, b: Label): number {
  return a.hours - b.hours || a.moves - b.moves || compareSequences(a.chain, b.chain);
}

/**
 * The cheapest chain of feasible moves from one role to another (see README, "careerPath"): Dijkstra
 * over roles where a move A → B costs the hours of have(B) − have(A) and is feasible up to `maxStepHours`.
 * Labels compare by hours, then moves, then the chain of role keys; all three only grow when a chain is
 * extended, so the first label settled for a role is its best.
 *
 * The cost of every move out of A comes from one pass over have(A) through the index of the roles that
 * hold each skill: hours(A, B) = total(B) − Σ hours of have(A) ∩ have(B). Roles sharing nothing with A
 * cost their whole total, so only those whose total is within maxStepHours are looked at. Settling a
 * role costs O(Σ over its skills of the roles sharing them + roles cheap enough to enter from nothing).
 */
export function findCareerPath(index: CareerIndex, from: string, to: string, maxStepHours: number): CareerPath | null {
  const start = index.position.get(from);
  const goal = index.position.get(to);
  if (start === undefined || goal === undefined) return null;
  if (start === goal) return { totalHours: 0, steps: [] };
  const { roles } = index;

  const best: (Label | undefined)[] = new Array(roles.length);
  const settled = new Uint8Array(roles.length);
  // Stale entries (a role reached again more cheaply) are skipped when popped.
  const queue = new Heap<{ role: number; label: Label }>((a, b) => compareLabels(a.label, b.label));
  best[start] = { hours: 0, moves: 0, chain: [from] };
  queue.push({ role: start, label: best[start] });
  const scratch = scratchFor(index);

  const relax = (label: Label, next: number, gap: number) => {
    if (settled[next] || gap > maxStepHours) return;
    const known = best[next];
    if (known && !improves(label, gap, roles[next] as string, known)) return;
    const candidate = {
      hours: label.hours + gap,
      moves: label.moves + 1,
      chain: [...label.chain, roles[next] as string],
    };
    best[next] = candidate;
    queue.push({ role: next, label: candidate });
  };

  for (let entry = queue.pop(); entry; entry = queue.pop()) {
    const { role: current, label } = entry;
    if (settled[current] || best[current] !== label) continue;
    settled[current] = 1;
    if (current === goal) return describe(label.chain, index);

    forEachMove(index, current, maxStepHours, (next, gap) => relax(label, next, gap), scratch);
  }
  return null;
}

/**
 * Calls `visit(next, hours)` for every role other than `from` whose move costs at most `limit` hours
 * (each once, in no particular order): roles sharing skills through the skill → roles index, then the
 * roles sharing nothing, by ascending total, while their total is within `limit`.
 */
function forEachMove(
  index: CareerIndex,
  from: number,
  limit: number,
  visit: (next: number, hours: number) => void,
  scratch: { shared: Float64Array; touched: Uint8Array },
): void {
  const { have, total, rolesWithSkill, skills, byTotal } = index;
  const { shared, touched: touchedMark } = scratch;
  const touched: number[] = [];
  for (const skill of have[from] ?? []) {
    const hours = skills.get(skill)?.hours ?? 0;
    for (const other of rolesWithSkill.get(skill) ?? []) {
      if (!touchedMark[other]) {
        touchedMark[other] = 1;
        touched.push(other);
      }
      shared[other] = (shared[other] ?? 0) + hours;
    }
  }
  for (const next of touched) {
    const hours = (total[next] ?? 0) - (shared[next] ?? 0);
    if (next !== from && hours <= limit) visit(next, hours);
  }
  for (const next of byTotal) {
    if ((total[next] ?? 0) > limit) break;
    if (!touchedMark[next] && next !== from) visit(next, total[next] ?? 0);
  }
  for (const other of touched) {
    shared[other] = 0;
    touchedMark[other] = 0;
  }
}

function scratchFor(index: CareerIndex) {
  return { shared: new Float64Array(index.roles.length), touched: new Uint8Array(index.roles.length) };
}

/** hours(from, to) = the learningHours of have(to) − have(from). */
export function moveHours(index: CareerIndex, from: string, to: string): number {
  const had = haveOf(index, from);
  return totalHours(
    [...haveOf(index, to)].filter((skill) => !had.has(skill)),
    index.skills,
  );
}

/**
 * The smallest step limit under which a chain of moves from one role to another exists: the minimax
 * ("bottleneck") path, by Dijkstra on the largest move so far. The direct move bounds it, so moves at
 * least as large as the best bound found for the goal are never looked at. null for an unknown role.
 */
export function smallestFeasibleStep(index: CareerIndex, from: string, to: string): number | null {
  const start = index.position.get(from);
  const goal = index.position.get(to);
  if (start === undefined || goal === undefined) return null;
  if (start === goal) return 0;
  const bottleneck = new Float64Array(index.roles.length).fill(Number.POSITIVE_INFINITY);
  const settled = new Uint8Array(index.roles.length);
  bottleneck[start] = 0;
  bottleneck[goal] = moveHours(index, from, to);
  const queue = new Heap<{ role: number; bottleneck: number }>(
    (a, b) => a.bottleneck - b.bottleneck || a.role - b.role,
  );
  queue.push({ role: start, bottleneck: 0 });
  const scratch = scratchFor(index);
  for (let entry = queue.pop(); entry; entry = queue.pop()) {
    const current = entry.role;
    if (settled[current] || entry.bottleneck !== bottleneck[current]) continue;
    if (current === goal) break;
    settled[current] = 1;
    const bound = bottleneck[goal] as number;
    // Only moves smaller than the goal's bound can lower it.
    forEachMove(
      index,
      current,
      bound,
      (next, hours) => {
        const through = Math.max(entry.bottleneck, hours);
        if (!settled[next] && through < (bottleneck[next] as number) && (through < bound || next === goal)) {
          bottleneck[next] = through;
          queue.push({ role: next, bottleneck: through });
        }
      },
      scratch,
    );
  }
  return bottleneck[goal] as number;
}

/** The cheapest move out of a role, ties by the target's key; null when the role is the only one. */
export function cheapestMoveFrom(index: CareerIndex, from: string): { to: string; hours: number } | null {
  const start = index.position.get(from);
  if (start === undefined) return null;
  let best: { to: number; hours: number } | null = null;
  forEachMove(
    index,
    start,
    Number.POSITIVE_INFINITY,
    (next, hours) => {
      if (!best || hours < best.hours || (hours === best.hours && next < best.to)) best = { to: next, hours };
    },
    scratchFor(index),
  );
  const found = best as { to: number; hours: number } | null;
  return found ? { to: index.roles[found.to] as string, hours: found.hours } : null;
}

/**
 * careerPath with its explanation: with a step limit, the cheapest chain within it (findCareerPath);
 * without one, the smallest limit under which a chain exists, then the cheapest chain within that, so
 * there is always an answer for two known roles. Either way it says the smallest feasible step, the
 * direct move and the cheapest first move, which explain an empty answer. Roles must be known.
 */
export function searchCareerPath(
  index: CareerIndex,
  from: string,
  to: string,
  maxStepHours: number | null,
): CareerPathSearch {
  const smallest = smallestFeasibleStep(index, from, to);
  if (smallest === null) throw new Error(`unknown role ${index.position.has(from) ? to : from}`);
  const stepLimitHours = maxStepHours ?? smallest;
  const path = findCareerPath(index, from, to, stepLimitHours);
  return {
    outcome: from === to ? 'SAME_ROLE' : path ? 'FOUND' : 'NO_CHAIN_WITHIN_LIMIT',
    path,
    stepLimitHours,
    limitGiven: maxStepHours !== null,
    smallestFeasibleStepHours: smallest,
    directMoveHours: moveHours(index, from, to),
    cheapestFirstMove: cheapestMoveFrom(index, from),
  };
}

/** Whether label + one move to `nextRole` costing `gap` beats `known`, without building the new chain. */
function improves(label: Label, gap: number, nextRole: string, known: Label): boolean {
  const hours = label.hours + gap;
  if (hours !== known.hours) return hours < known.hours;
  if (label.moves + 1 !== known.moves) return label.moves + 1 < known.moves;
  for (let i = 0; i < label.chain.length; i++) {
    const a = label.chain[i] as string;
    const b = known.chain[i] as string;
    if (a !== b) return a < b;
  }
  return nextRole < (known.chain[label.chain.length] as string);
}

function describe(chain: string[], index: CareerIndex): CareerPath {
  const steps = chain.slice(1).map((to, i) => {
    const from = chain[i] as string;
    const had = haveOf(index, from);
    const gap = [...haveOf(index, to)].filter((skill) => !had.has(skill));
    return { from, to, hours: totalHours(gap, index.skills), learn: orderByPrerequisites(gap, index.skills) };
  });
  return { totalHours: steps.reduce((sum, step) => sum + step.hours, 0), steps };
}
