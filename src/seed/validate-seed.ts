import type { EntityLabel } from '../domain/career-graph.js';
import {
  describeCycle,
  findLabelClashes,
  findPrerequisiteCycles,
  LISTED_TWICE,
  referenceProblem,
  reservedKeyReason,
  SELF_RELATED,
} from '../domain/graph-rules.js';
import type { SeedEntries } from './read-seed-files.js';
import type { Located, SeedGraph, SeedLocation, SeedProblem } from './seed-model.js';

export { findPrerequisiteCycles };

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
      const reserved = reservedKeyReason(value.key);
      if (reserved) problems.push({ at, reason: reserved });
    }
  }

  const labelled = all.flatMap(([, list]) => list.map(({ value, at }) => ({ ...value, at })));
  for (const { entity, label, other } of findLabelClashes(labelled)) {
    problems.push({
      at: entity.at,
      reason: other
        ? `name or alias "${label}" also names ${other.at.entry} (${other.at.file}:${other.at.line})`
        : LISTED_TWICE(label),
    });
  }

  const checkReferences = (at: SeedLocation, field: string, references: string[], expected: EntityLabel) => {
    const seen = new Set<string>();
    references.forEach((reference, index) => {
      const where = `${field}[${index}]`;
      if (seen.has(reference)) problems.push({ at, reason: `${where}: "${reference}" is listed twice` });
      seen.add(reference);
      const problem = referenceProblem(reference, owners.get(reference), expected);
      if (problem) problems.push({ at, reason: `${where}: ${problem}` });
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
    if (value.related.includes(value.key)) problems.push({ at, reason: `related: ${SELF_RELATED}` });
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
      reason: describeCycle(cycle),
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
