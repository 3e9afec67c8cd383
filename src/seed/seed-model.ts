import { z } from 'zod';

export const KEY_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// The rules of single values, shared by the seed's entries and the API's mutations (src/domain/graph-edit-plan.ts).
export const key = z.string().regex(KEY_PATTERN, 'must be a kebab-case slug such as "feature-engineering"');
export const text = z.string().trim().min(1, 'must not be empty');
const keys = z.array(key).default([]);
const aliases = z.array(text).default([]);
export const learningHours = z
  .number()
  .int('must be a whole number of hours')
  .positive('must be a positive number of hours');
export const importance = z.enum(['ESSENTIAL', 'OPTIONAL'], { error: 'must be ESSENTIAL or OPTIONAL' });
export const level = z
  .number()
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be 1 to 5')
  .max(5, 'must be 1 to 5');

export const skillEntry = z.strictObject({
  key,
  name: text,
  aliases,
  category: key,
  learningHours,
  description: text,
  prerequisites: keys,
  related: keys,
});

export const toolEntry = z.strictObject({
  key,
  name: text,
  aliases,
  kind: key,
  description: text,
  supports: keys,
});

export const roleSkillEntry = z.strictObject({
  skill: key,
  importance,
  level,
});

export const roleEntry = z.strictObject({
  key,
  name: text,
  aliases,
  description: text,
  skills: z.array(roleSkillEntry).default([]),
  tools: keys,
});

/** A crosswalk link: our entity and the same thing in ESCO (a concept URI) and/or O*NET (a code or technology name). */
export const crosswalkEntry = z
  .strictObject({
    key,
    esco: z
      .string()
      .regex(
        /^http:\/\/data\.europa\.eu\/esco\/(occupation|skill)\/[0-9a-f-]+$/,
        'must be an ESCO occupation or skill URI',
      )
      .optional(),
    onet: text.optional(),
  })
  .refine((entry) => entry.esco !== undefined || entry.onet !== undefined, 'needs "esco", "onet" or both');

export const seedFile = z.strictObject({
  roles: z.array(z.unknown()).optional(),
  links: z.array(z.unknown()).optional(),
  skills: z.array(z.unknown()).optional(),
  tools: z.array(z.unknown()).optional(),
});

export type SkillEntry = z.infer<typeof skillEntry>;
export type CrosswalkEntry = z.infer<typeof crosswalkEntry>;
export type ToolEntry = z.infer<typeof toolEntry>;
export type RoleEntry = z.infer<typeof roleEntry>;
export type Importance = RoleSkillEntry['importance'];
export type RoleSkillEntry = z.infer<typeof roleSkillEntry>;

/** Where an entry stands, for messages a person can act on. */
export interface SeedLocation {
  file: string;
  line: number;
  /** e.g. `roles[3] (data-scientist)` */
  entry: string;
}

export interface Located<T> {
  value: T;
  at: SeedLocation;
}

/** The seed as validated: every reference resolves, prerequisites are acyclic. */
export interface SeedGraph {
  roles: RoleEntry[];
  skills: SkillEntry[];
  tools: ToolEntry[];
  /** The crosswalk (seed/crosswalk.yaml): SAME_AS links to imported nodes, made once those are imported. */
  links: CrosswalkEntry[];
  /**
   * The files the graph was read from, as written: `npm run seed:export` lays the graph out like them
   * (order, comments, line breaks). Absent for graphs not read from files (test fixtures).
   */
  files?: SeedFileText[];
}

/** A seed file by its path inside the seed folder (`/`-separated), and its text. */
export interface SeedFileText {
  name: string;
  text: string;
}

export { IMPORTED_KEY_PREFIXES } from '../domain/graph-rules.js';

export interface SeedProblem {
  at: SeedLocation;
  reason: string;
}

export function formatProblem({ at, reason }: SeedProblem): string {
  return `${at.file}:${at.line}: ${at.entry}: ${reason}`;
}
