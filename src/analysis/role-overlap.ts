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

export interface RoleOverlap {
  sharedSkills: string[];
  onlyA: string[];
  onlyB: string[];
  sharedTools: string[];
  jaccard: number;
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

/** The Jaccard index of every pair of the given roles, in the order given. */
export function overlapMatrix(index: CareerIndex, roles: readonly string[]): number[][] {
  const sets = roles.map((role) => requiredSkills(index, role));
  return sets.map((a) => sets.map((b) => jaccard(a, b)));
}
