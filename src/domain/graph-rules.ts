import type { EntityLabel } from './career-graph.js';

/**
 * The rules the curated graph keeps whoever writes it: the seed loader (src/seed/validate-seed.ts) and the
 * API's mutations (src/domain/graph-edit-plan.ts) both check them here, each wording where a problem is
 * (a file and line, an argument path) around the same reasons. The rules of single values (kebab-case
 * keys, non-empty names, positive hours, levels 1–5) are the zod fields of src/seed/seed-model.ts.
 */

/** Keys with these prefixes are the importers' (see src/import): a curated key may not take them. */
export const IMPORTED_KEY_PREFIXES = ['esco-', 'onet-'] as const;

/** Why a curated entity may not have this key (it looks like an imported one's), or undefined. */
export function reservedKeyReason(key: string): string | undefined {
  const prefix = IMPORTED_KEY_PREFIXES.find((p) => key.startsWith(p));
  return prefix && `key "${key}": keys starting "${prefix}" are kept for imports`;
}

/** Why `reference` cannot stand for an entity of kind `expected`, or undefined when it can. */
export function referenceProblem(
  reference: string,
  owner: { kind: EntityLabel } | undefined,
  expected: EntityLabel,
): string | undefined {
  if (!owner) return `unknown ${expected.toLowerCase()} "${reference}"`;
  if (owner.kind !== expected) {
    return `"${reference}" is a ${owner.kind.toLowerCase()}, not a ${expected.toLowerCase()}`;
  }
  return undefined;
}

export interface Labelled {
  key: string;
  name: string;
  aliases: readonly string[];
}

/** A name or alias that does not identify one entity: listed twice by `entity`, or also naming `other`. */
export interface LabelClash<T extends Labelled> {
  entity: T;
  label: string;
  other?: T;
}

/**
 * Names and aliases, ignoring case, must each identify one entity, so that a look-up by name finds one
 * thing. In order: an entity keeps the labels no earlier entity took; a later one taking such a label
 * clashes with the earlier, and so does an entity listing one label twice.
 */
export function findLabelClashes<T extends Labelled>(entities: Iterable<T>): LabelClash<T>[] {
  const owners = new Map<string, T>();
  const clashes: LabelClash<T>[] = [];
  for (const entity of entities) {
    const own = new Set<string>();
    for (const label of [entity.name, ...entity.aliases]) {
      const folded = label.toLowerCase();
      if (own.has(folded)) {
        clashes.push({ entity, label });
        continue;
      }
      own.add(folded);
      const other = owners.get(folded);
      if (other && other.key !== entity.key) clashes.push({ entity, label, other });
      else owners.set(folded, entity);
    }
  }
  return clashes;
}

export const LISTED_TWICE = (label: string) => `"${label}" is listed twice among its name and aliases`;

export const SELF_RELATED = 'a skill cannot be related to itself';

/** `a → b → c → a`: each skill a prerequisite of the next, back to the first. */
export function describeCycle(cycle: readonly string[]): string {
  return `prerequisite cycle: ${[...cycle, cycle[0]].join(' → ')}`;
}

/**
 * Every elementary cycle reached by a depth-first walk, each reported once, starting at its smallest key,
 * each skill in it a prerequisite of the next (and the last of the first).
 */
export function findPrerequisiteCycles(skills: { key: string; prerequisites: readonly string[] }[]): string[][] {
  const prerequisitesOf = new Map(skills.map((skill) => [skill.key, skill.prerequisites]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const cycles = new Map<string, string[]>();

  const visit = (key: string) => {
    state.set(key, 'visiting');
    stack.push(key);
    for (const next of prerequisitesOf.get(key) ?? []) {
      if (!prerequisitesOf.has(next)) continue;
      if (state.get(next) === 'visiting') {
        const cycle = stack.slice(stack.indexOf(next)).reverse();
        const start = cycle.indexOf([...cycle].sort()[0] ?? '');
        const canonical = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(canonical.join('>'), canonical);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(key, 'done');
  };

  for (const skill of skills) if (!state.has(skill.key)) visit(skill.key);
  return [...cycles.values()];
}
