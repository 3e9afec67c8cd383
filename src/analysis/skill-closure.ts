/** What the career computations need of skills: their hours and direct prerequisites. */
export interface SkillFacts {
  hours: number;
  prerequisites: readonly string[];
}

/** The skills together with all their transitive prerequisites. */
export function withPrerequisites(skills: Iterable<string>, facts: ReadonlyMap<string, SkillFacts>): Set<string> {
  const closure = new Set<string>();
  const stack = [...skills];
  while (stack.length > 0) {
    const key = stack.pop() as string;
    if (closure.has(key)) continue;
    closure.add(key);
    for (const prerequisite of facts.get(key)?.prerequisites ?? []) {
      if (!closure.has(prerequisite)) stack.push(prerequisite);
    }
  }
  return closure;
}

export function totalHours(skills: Iterable<string>, facts: ReadonlyMap<string, SkillFacts>): number {
  let sum = 0;
  for (const key of skills) sum += facts.get(key)?.hours ?? 0;
  return sum;
}

/**
 * The skills ordered so that each comes after every one of its prerequisites that is also in the set;
 * among skills free to come next, the smallest key first, so the order is deterministic.
 */
export function orderByPrerequisites(skills: Iterable<string>, facts: ReadonlyMap<string, SkillFacts>): string[] {
  const set = new Set(skills);
  const waitingOn = new Map<string, number>();
  const unlocks = new Map<string, string[]>();
  for (const key of set) {
    const inSet = (facts.get(key)?.prerequisites ?? []).filter((p) => set.has(p));
    waitingOn.set(key, inSet.length);
    for (const prerequisite of inSet) unlocks.set(prerequisite, [...(unlocks.get(prerequisite) ?? []), key]);
  }
  const ready = [...set].filter((key) => waitingOn.get(key) === 0).sort();
  const ordered: string[] = [];
  while (ready.length > 0) {
    const key = ready.shift() as string;
    ordered.push(key);
    for (const next of unlocks.get(key) ?? []) {
      const left = (waitingOn.get(next) ?? 0) - 1;
      waitingOn.set(next, left);
      if (left === 0) insertSorted(ready, next);
    }
  }
  if (ordered.length !== set.size) throw new Error('prerequisites form a cycle');
  return ordered;
}

function insertSorted(list: string[], value: string): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((list[middle] as string) < value) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, value);
}
