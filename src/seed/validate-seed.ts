import type { EntityLabel } from '../domain/career-graph.js';
import type { SeedEntries } from './read-seed-files.js';
import {
  IMPORTED_KEY_PREFIXES,
  type Located,
  type SeedGraph,
  type SeedLocation,
  type SeedProblem,
} from './seed-model.js';

interface KeyOwner {
  kind: EntityLabel;
  at: SeedLocation;
}

/**
 * Checks what no single entry can check alone: keys unique across roles, skills and tools, every
 * reference known and of the right kind, no list naming a key twice, names and aliases that identify
 * one entity, and prerequisites without cycles. Returns the graph only when there is no problem.
 */
export function validateSeed(entries: SeedEntries): { graph?: SeedGraph; problems: SeedProblem[] } {
  const problems: SeedProblem[] = [];
  const owners = new Map<string, KeyOwner>();
  const all: [EntityLabel, Located<{ key: string; name: string; aliases: string[] }>[]][] = [
    ['Role', entries.roles],
    ['Skill', entries.skills],
    ['Tool', entries.tools],
  ];

  for (const [kind, list] of all) {
    for (const { value, at } of list) {
      const owner = owners.get(value.key);
      if (owner) {
        problems.push({ at, reason: `duplicate key "${value.key}": already used by ${describe(owner)}` });
      } else {
        owners.set(value.key, { kind, at });
      }
      const prefix = IMPORTED_KEY_PREFIXES.find((p) => value.key.startsWith(p));
      if (prefix) problems.push({ at, reason: `key "${value.key}": keys starting "${prefix}" are kept for imports` });
    }
  }

  const labels = new Map<string, { key: string; at: SeedLocation }>();
  for (const [, list] of all) {
    for (const { value, at } of list) {
      const own = new Set<string>();
      for (const label of [value.name, ...value.aliases]) {
        const folded = label.toLowerCase();
        if (own.has(folded)) {
          problems.push({ at, reason: `"${label}" is listed twice among its name and aliases` });
          continue;
        }
        own.add(folded);
        const other = labels.get(folded);
        if (other && other.key !== value.key) {
          problems.push({
            at,
            reason: `name or alias "${label}" also names ${other.at.entry} (${other.at.file}:${other.at.line})`,
          });
        } else {
          labels.set(folded, { key: value.key, at });
        }
      }
    }
  }

  const checkReferences = (at: SeedLocation, field: string, references: string[], expected: EntityLabel) => {
    const seen = new Set<string>();
    references.forEach((reference, index) => {
      const where = `${field}[${index}]`;
      if (seen.has(reference)) problems.push({ at, reason: `${where}: "${reference}" is listed twice` });
      seen.add(reference);
      const owner = owners.get(reference);
      if (!owner) {
        problems.push({ at, reason: `${where}: unknown ${expected.toLowerCase()} "${reference}"` });
      } else if (owner.kind !== expected) {
        problems.push({
          at,
          reason: `${where}: "${reference}" is a ${owner.kind.toLowerCase()}, not a ${expected.toLowerCase()}`,
        });
      }
    });
  };

  for (const { value, at } of entries.roles) {
    checkReferences(
      at,
      'skills',
      value.skills.map((s) => s.skill),
      'Skill',
    );
    checkReferences(at, 'tools', value.tools, 'Tool');
  }
  for (const { value, at } of entries.tools) {
    checkReferences(at, 'supports', value.supports, 'Skill');
  }
  for (const { value, at } of entries.skills) {
    checkReferences(at, 'prerequisites', value.prerequisites, 'Skill');
    checkReferences(at, 'related', value.related, 'Skill');
    if (value.related.includes(value.key))
      problems.push({ at, reason: 'related: a skill cannot be related to itself' });
  }

  const linked = new Map<string, SeedLocation>();
  for (const { value, at } of entries.links) {
    if (!owners.has(value.key)) problems.push({ at, reason: `key: no role, skill or tool has the key "${value.key}"` });
    const earlier = linked.get(value.key);
    if (earlier)
      problems.push({ at, reason: `key "${value.key}" is already linked at ${earlier.file}:${earlier.line}` });
    linked.set(value.key, at);
  }

  for (const cycle of findPrerequisiteCycles(entries.skills.map(({ value }) => value))) {
    const first = entries.skills.find(({ value }) => value.key === cycle[0]);
    problems.push({
      at: first?.at ?? { file: '(seed)', line: 1, entry: cycle[0] ?? '' },
      reason: `prerequisite cycle: ${[...cycle, cycle[0]].join(' → ')}`,
    });
  }

  if (problems.length > 0) return { problems };
  return {
    problems,
    graph: {
      roles: entries.roles.map((entry) => entry.value),
      skills: entries.skills.map((entry) => entry.value),
      tools: entries.tools.map((entry) => entry.value),
      links: entries.links.map((entry) => entry.value),
    },
  };
}

function describe(owner: KeyOwner): string {
  return `${owner.at.entry} at ${owner.at.file}:${owner.at.line}`;
}

/** Every elementary cycle reached by a depth-first walk, each reported once, starting at its smallest key. */
export function findPrerequisiteCycles(skills: { key: string; prerequisites: string[] }[]): string[][] {
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
