import type { CareerIndex } from './career-path.js';

/** S(r): every skill role r REQUIRES, of either importance. */
export function requiredSkills(index: CareerIndex, role: string): Set<string> {
  return new Set([...(index.graph.roles.get(role) ?? []), ...(index.graph.optionalSkills?.get(role) ?? [])]);
}

/** |A ∩ B| / |A ∪ B|; two empty sets are identical, so 1. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/** How two roles' required skills are compared. */
export type OverlapMeasure = 'JACCARD' | 'WEIGHTED_JACCARD';

/** How much an ESSENTIAL requirement weighs against an OPTIONAL one of the same level. */
export const ESSENTIAL_FACTOR = 2;

/**
 * w_r(s) = level × (2 if ESSENTIAL, 1 if OPTIONAL) for every skill s role r REQUIRES (level 1–5, 1 when
 * the relationship has none); skills r does not require weigh 0 and are left out.
 */
export function requirementWeights(index: CareerIndex, role: string): Map<string, number> {
  const levels = index.graph.levels?.get(role);
  const weights = new Map<string, number>();
  for (const skill of index.graph.optionalSkills?.get(role) ?? []) weights.set(skill, levels?.get(skill) ?? 1);
  for (const skill of index.graph.roles.get(role) ?? []) {
    weights.set(skill, (levels?.get(skill) ?? 1) * ESSENTIAL_FACTOR);
  }
  return weights;
}

/**
 * The weighted Jaccard (Ruzicka) index Σ_s min(a(s), b(s)) / Σ_s max(a(s), b(s)) over the union of both
 * keys; with every weight 1 it is the Jaccard index. Two empty maps are identical, so 1.
 */
export function weightedJaccard(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let low = 0;
  let high = 0;
  for (const [skill, weight] of a) {
    const other = b.get(skill) ?? 0;
    low += Math.min(weight, other);
    high += Math.max(weight, other);
  }
  for (const [skill, weight] of b) if (!a.has(skill)) high += weight;
  return high === 0 ? 1 : low / high;
}

export interface RoleOverlap {
  sharedSkills: string[];
  onlyA: string[];
  onlyB: string[];
  sharedTools: string[];
  jaccard: number;
  weightedJaccard: number;
}

/** What two roles have in common; lists in key order. */
export function overlapOfRoles(index: CareerIndex, a: string, b: string): RoleOverlap {
  const skillsA = requiredSkills(index, a);
  const skillsB = requiredSkills(index, b);
  const toolsB = new Set(index.graph.tools?.get(b) ?? []);
  return {
    sharedSkills: [...skillsA].filter((s) => skillsB.has(s)).sort(),
    onlyA: [...skillsA].filter((s) => !skillsB.has(s)).sort(),
    onlyB: [...skillsB].filter((s) => !skillsA.has(s)).sort(),
    sharedTools: [...new Set(index.graph.tools?.get(a) ?? [])].filter((t) => toolsB.has(t)).sort(),
    jaccard: jaccard(skillsA, skillsB),
    weightedJaccard: weightedJaccard(requirementWeights(index, a), requirementWeights(index, b)),
  };
}

export interface RoleSimilarity {
  role: string;
  jaccard: number;
}

/**
 * The roles most like `role` by the Jaccard index of their required skills, highest first, ties by key;
 * roles sharing no skill (Jaccard 0) are not similar at all and are left out.
 */
export function findSimilarRoles(index: CareerIndex, role: string, first: number): RoleSimilarity[] {
  const own = requiredSkills(index, role);
  const shared = new Map<string, number>();
  for (const [other] of index.graph.roles) {
    if (other === role) continue;
    const theirs = requiredSkills(index, other);
    let count = 0;
    for (const skill of own) if (theirs.has(skill)) count++;
    if (count > 0) shared.set(other, count / (own.size + theirs.size - count));
  }
  return [...shared]
    .map(([other, value]) => ({ role: other, jaccard: value }))
    .sort((x, y) => y.jaccard - x.jaccard || (x.role < y.role ? -1 : 1))
    .slice(0, first);
}

/** The overlap by `measure` of every pair of the given roles, in the order given. */
export function overlapMatrix(
  index: CareerIndex,
  roles: readonly string[],
  measure: OverlapMeasure = 'JACCARD',
): number[][] {
  return overlapMatrixRows(index, roles, measure, 0, roles.length);
}

/**
 * Rows `start` to `end` (excluded) of the overlap matrix of `roles`: so that a large matrix is computed,
 * sent and written a block of rows at a time.
 */
export function overlapMatrixRows(
  index: CareerIndex,
  roles: readonly string[],
  measure: OverlapMeasure,
  start: number,
  end: number,
): number[][] {
  const rows = roles.slice(start, end);
  if (measure === 'WEIGHTED_JACCARD') {
    const weights = roles.map((role) => requirementWeights(index, role));
    return rows.map((_role, i) => weights.map((b) => weightedJaccard(weights[start + i] as Map<string, number>, b)));
  }
  const sets = roles.map((role) => requiredSkills(index, role));
  return rows.map((_role, i) => sets.map((b) => jaccard(sets[start + i] as Set<string>, b)));
}
