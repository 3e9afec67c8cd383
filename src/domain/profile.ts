import type { Profile } from '../analysis/skill-gap.js';
import { BadUserInputError } from '../errors.js';
import type { EntityLabel, EntityRecord } from './career-graph.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export interface ProfileArgument {
  role?: string | null;
  skills?: readonly string[] | null;
  tools?: readonly string[] | null;
}

/**
 * A ProfileInput with its role, skills and tools resolved to keys. An empty profile is a complete
 * beginner. Every entry that names nothing, or several things, is reported: one alone keeps its own
 * error (NOT_FOUND with suggestions, AMBIGUOUS_REFERENCE with candidates); several become one
 * BAD_USER_INPUT listing them all in input order under `problems`.
 */
export async function resolveProfile(scope: RequestScope, input: ProfileArgument, argument: string): Promise<Profile> {
  const entries: { text: string; labels: EntityLabel[]; argument: string }[] = [
    ...(input.role == null ? [] : [{ text: input.role, labels: ['Role' as const], argument: `${argument}.role` }]),
    ...(input.skills ?? []).map((text, i) => ({
      text,
      labels: ['Skill' as const],
      argument: `${argument}.skills[${i}]`,
    })),
    ...(input.tools ?? []).map((text, i) => ({ text, labels: ['Tool' as const], argument: `${argument}.tools[${i}]` })),
  ];
  const outcomes = await Promise.allSettled(entries.map((entry) => resolveReference(scope, entry)));
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw profileProblems(argument, failures);

  const resolved = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<EntityRecord>).value);
  const keysOf = (label: EntityLabel) => resolved.filter((entity) => entity.label === label).map((e) => e.key);
  const role = input.role == null ? undefined : resolved[0]?.key;
  return { ...(role && { role }), skills: keysOf('Skill'), tools: keysOf('Tool') };
}

function profileProblems(argument: string, failures: unknown[]): BadUserInputError {
  const problems = failures.map((failure) => {
    const error = failure as { message: string; extensions?: Record<string, unknown> };
    // Anything but a reference error (the database gone, say) is passed on as it is.
    if (!error.extensions?.argument) throw failure;
    return { message: error.message, argument: String(error.extensions.argument), ...error.extensions };
  });
  const error = new BadUserInputError(
    `${problems.length} entries of ${argument} name nothing or several things: ` +
      problems.map((problem) => `${problem.argument}: ${problem.message}`).join(' '),
    argument,
  );
  error.extensions.problems = problems;
  return error;
}
