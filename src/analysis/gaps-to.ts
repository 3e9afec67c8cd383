import type { CareerIndex } from './career-path.js';

/** How far one role is from the target (see `gapsToRole`). */
export interface GapToTarget {
  role: string;
  /** The learningHours of have(target) − have(role): skillGap(from: {role}, to: target).hoursToClose. */
  hours: number;
  /** Share of the target's ESSENTIAL skills in have(role), 0..1 (1 when it has none): skillGap's coverage. */
  coverage: number;
}

/**
 * The gap from every other role to `target`, fewest hours first, ties by key; empty for an unknown target.
 *
 * One pass over the index instead of one skill gap per role: for every skill of have(target), the roles
 * whose have-set holds it (the index's skill → roles table) are credited its hours, so hours(R) =
 * total(target) − Σ hours of have(target) ∩ have(R), and likewise for the target's ESSENTIAL skills.
 * It costs O(Σ over have(target) of the roles holding each skill + roles), not O(roles × |have|).
 */
export function gapsToRole(index: CareerIndex, target: string): GapToTarget[] {
  const goal = index.position.get(target);
  if (goal === undefined) return [];
  const count = index.roles.length;
  const sharedHours = new Float64Array(count);
  const sharedEssential = new Uint32Array(count);
  for (const skill of index.have[goal] ?? []) {
    const hours = index.skills.get(skill)?.hours ?? 0;
    for (const holder of index.rolesWithSkill.get(skill) ?? [])
      sharedHours[holder] = (sharedHours[holder] ?? 0) + hours;
  }
  const essential = new Set(index.graph.roles.get(target) ?? []);
  for (const skill of essential) {
    for (const holder of index.rolesWithSkill.get(skill) ?? []) {
      sharedEssential[holder] = (sharedEssential[holder] ?? 0) + 1;
    }
  }
  const total = index.total[goal] ?? 0;
  const gaps: GapToTarget[] = [];
  for (let role = 0; role < count; role++) {
    if (role === goal) continue;
    gaps.push({
      role: index.roles[role] as string,
      hours: total - (sharedHours[role] ?? 0),
      coverage: essential.size === 0 ? 1 : (sharedEssential[role] ?? 0) / essential.size,
    });
  }
  // index.roles is in key order and the sort is stable: ties stay by key.
  return gaps.sort((a, b) => a.hours - b.hours);
}
