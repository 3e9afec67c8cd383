import type { Profile } from '../analysis/skill-gap.js';
import { BadUserInputError } from '../errors.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export interface ProfileArgument {
  role?: string | null;
  skills?: readonly string[] | null;
}

/** A ProfileInput with its role and skills resolved to keys; an empty profile is BAD_USER_INPUT. */
export async function resolveProfile(scope: RequestScope, input: ProfileArgument, argument: string): Promise<Profile> {
  if (input.role == null && (input.skills ?? []).length === 0) {
    throw new BadUserInputError(`Argument ${argument} is empty: give a role, skills, or both.`, argument);
  }
  const [role, ...skills] = await Promise.all([
    input.role == null
      ? Promise.resolve(undefined)
      : resolveReference(scope, { text: input.role, labels: ['Role'], argument: `${argument}.role` }),
    ...(input.skills ?? []).map((text, i) =>
      resolveReference(scope, { text, labels: ['Skill'], argument: `${argument}.skills[${i}]` }),
    ),
  ]);
  return { ...(role && { role: role.key }), skills: skills.map((skill) => skill?.key ?? '') };
}
