import type { RoleOverlap, RoleSimilarity } from '../analysis/role-overlap.js';
import type { EntityRecord } from '../domain/career-graph.js';
import { checkCount } from './argument-checks.js';
import { careerIndexFor } from './graph-caches.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export const MAX_MATRIX_ROLES = 50;

/** The roles named (in the order given) and the Jaccard index of every pair: for GraphQL and the CSV export. */
export async function computeOverlapMatrix(
  scope: RequestScope,
  references: readonly string[],
  argument: string,
): Promise<{ roles: EntityRecord[]; jaccard: number[][] }> {
  checkCount(argument, references.length, { max: MAX_MATRIX_ROLES, limit: 'listSize', noun: 'role' });
  const roles = await Promise.all(
    references.map((text, i) => resolveReference(scope, { text, labels: ['Role'], argument: `${argument}[${i}]` })),
  );
  const index = await careerIndexFor(scope);
  return {
    roles,
    jaccard: await index.call(
      'overlapMatrix',
      roles.map((role) => role.key),
    ),
  };
}

export const DEFAULT_SIMILAR_ROLES = 5;

/** What two roles, named by the user, share. */
export async function compareRoles(
  scope: RequestScope,
  references: { a: string; b: string },
): Promise<RoleOverlap & { a: EntityRecord; b: EntityRecord }> {
  const [a, b] = await Promise.all([
    resolveReference(scope, { text: references.a, labels: ['Role'], argument: 'a' }),
    resolveReference(scope, { text: references.b, labels: ['Role'], argument: 'b' }),
  ]);
  return { a, b, ...(await (await careerIndexFor(scope)).call('overlapOfRoles', a.key, b.key)) };
}

/** The `first` roles most like a role by the Jaccard index of their required skills. */
export async function rolesSimilarTo(
  scope: RequestScope,
  roleKey: string,
  first = DEFAULT_SIMILAR_ROLES,
): Promise<RoleSimilarity[]> {
  checkCount('first', first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  return (await careerIndexFor(scope)).call('findSimilarRoles', roleKey, first);
}

/** Like `rolesSimilarTo`, for a role named by the user. */
export async function rolesSimilarToReference(
  scope: RequestScope,
  reference: string,
  first = DEFAULT_SIMILAR_ROLES,
): Promise<RoleSimilarity[]> {
  const role = await resolveReference(scope, { text: reference, labels: ['Role'], argument: 'to' });
  return rolesSimilarTo(scope, role.key, first);
}
