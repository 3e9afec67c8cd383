import { overlapMatrix } from '../analysis/role-overlap.js';
import type { EntityRecord } from '../domain/career-graph.js';
import { BadUserInputError, LimitExceededError } from '../errors.js';
import type { Context } from './context.js';
import { resolveReference } from './references.js';

export const MAX_MATRIX_ROLES = 50;

/** The roles named (in the order given) and the Jaccard index of every pair: for GraphQL and the CSV export. */
export async function computeOverlapMatrix(
  context: Context,
  references: readonly string[],
  argument: string,
): Promise<{ roles: EntityRecord[]; jaccard: number[][] }> {
  if (references.length === 0)
    throw new BadUserInputError(`Argument ${argument} must name at least one role.`, argument);
  if (references.length > MAX_MATRIX_ROLES) {
    throw new LimitExceededError(
      'listSize',
      `Argument ${argument} names ${references.length} roles; the limit is ${MAX_MATRIX_ROLES}.`,
      { max: MAX_MATRIX_ROLES, actual: references.length },
    );
  }
  const roles = await Promise.all(
    references.map((text, i) => resolveReference(context, { text, labels: ['Role'], argument: `${argument}[${i}]` })),
  );
  const index = await context.loaders.careerIndex();
  return {
    roles,
    jaccard: overlapMatrix(
      index,
      roles.map((role) => role.key),
    ),
  };
}
