import type { SeedGraph } from '../../src/seed/seed-model.js';

type Requirement = [skill: string, importance?: 'ESSENTIAL' | 'OPTIONAL', level?: number];

/** A terse way to write small hand-made graphs for tests, as seed entries. */
export function handMadeGraph(spec: {
  roles?: Record<string, { skills?: Requirement[]; tools?: string[]; aliases?: string[] }>;
  skills?: Record<string, { hours?: number; prerequisites?: string[]; related?: string[]; aliases?: string[] }>;
  tools?: Record<string, { supports?: string[]; aliases?: string[] }>;
}): SeedGraph {
  const title = (key: string) => key.replace(/(^|-)(\w)/g, (_, dash, c) => `${dash ? ' ' : ''}${c.toUpperCase()}`);
  return {
    roles: Object.entries(spec.roles ?? {}).map(([key, r]) => ({
      key,
      name: title(key),
      aliases: r.aliases ?? [],
      description: `The ${key} role.`,
      skills: (r.skills ?? []).map(([skill, importance = 'ESSENTIAL', level = 3]) => ({ skill, importance, level })),
      tools: r.tools ?? [],
    })),
    skills: Object.entries(spec.skills ?? {}).map(([key, s]) => ({
      key,
      name: title(key),
      aliases: s.aliases ?? [],
      category: 'test',
      learningHours: s.hours ?? 10,
      description: `The ${key} skill.`,
      prerequisites: s.prerequisites ?? [],
      related: s.related ?? [],
    })),
    tools: Object.entries(spec.tools ?? {}).map(([key, t]) => ({
      key,
      name: title(key),
      aliases: t.aliases ?? [],
      kind: 'tool',
      description: `The ${key} tool.`,
      supports: t.supports ?? [],
    })),
  };
}
