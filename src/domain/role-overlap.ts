import type { OverlapMeasure, RoleOverlap, RoleSimilarity } from '../analysis/role-overlap.js';
import type { DataSourceName, EntityRecord } from '../domain/career-graph.js';
import { BadUserInputError, LimitExceededError } from '../errors.js';
import { listRolesOf } from '../queries/role-overlap-queries.js';
import { checkCount } from './argument-checks.js';
import { careerIndexFor } from './graph-caches.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

/** Roles of an overlapMatrix, and of overlap.csv when they are named. */
export const MAX_MATRIX_ROLES = 50;

/**
 * Roles of overlap.csv with `roles=all`: ESCO's 3,007 occupations (alone or with the seed's) fit, every
 * role of the imported taxonomies (4,046, 16.4 million cells) does not. The rows are computed in the
 * career-index worker a block at a time and streamed, so this bounds the worker's time and the download (one
 * cell per pair), not the memory.
 */
export const MAX_CSV_OVERLAP_ROLES = 3200;

/** The roles of an overlap matrix: named (in the order given), or every role, of some sources or all. */
export interface OverlapRoleSelection {
  /** References (key, name or alias); null with `allRoles`. */
  roles: readonly string[] | null;
  allRoles: boolean;
  /** With `allRoles`, only the roles of these sources; null: every role. */
  sources: readonly DataSourceName[] | null;
}

/** How the arguments are called where the selection comes from (GraphQL or the CSV's query). */
interface SelectionArguments {
  roles: string;
  allRoles: string;
  sources: string;
}

/**
 * The roles a selection names, checked against the limits: at most MAX_MATRIX_ROLES named ones, at most
 * `maxAll` for every role (LIMIT_EXCEEDED `overlapRoles`, before reading them).
 */
export async function selectOverlapRoles(
  scope: RequestScope,
  selection: OverlapRoleSelection,
  names: SelectionArguments,
  maxAll: number,
): Promise<EntityRecord[]> {
  if (selection.allRoles) {
    if (selection.roles !== null) {
      throw new BadUserInputError(`Give either "${names.roles}" or "${names.allRoles}", not both.`, names.roles);
    }
    const { count, roles } = await listRolesOf(scope.database, selection.sources, maxAll);
    if (count > maxAll) {
      throw new LimitExceededError(
        'overlapRoles',
        `All roles${selection.sources ? ` of ${selection.sources.join(', ')}` : ''} are ${count}; an overlap matrix of every role holds at most ${maxAll}. Filter by source, or name the roles.`,
        { max: maxAll, actual: count },
      );
    }
    return roles;
  }
  if (selection.sources !== null) {
    throw new BadUserInputError(`"${names.sources}" only goes with "${names.allRoles}".`, names.sources);
  }
  const references = selection.roles ?? [];
  checkCount(names.roles, references.length, { max: MAX_MATRIX_ROLES, limit: 'listSize', noun: 'role' });
  return Promise.all(
    references.map((text, i) => resolveReference(scope, { text, labels: ['Role'], argument: `${names.roles}[${i}]` })),
  );
}

/** The overlap by `measure` of every pair of these roles, rows and columns in their order. */
export async function computeOverlapMatrix(
  scope: RequestScope,
  roleKeys: readonly string[],
  measure: OverlapMeasure,
): Promise<number[][]> {
  return (await careerIndexFor(scope)).call('overlapMatrix', roleKeys, measure);
}

/** Cells of the matrix sent by the worker at a time. */
const BLOCK_CELLS = 100_000;

/**
 * The rows of the overlap matrix of these roles, a block at a time: each block is computed in the
 * career-index worker when asked for, on the index of the graph version the first block was read from.
 */
export async function overlapMatrixBlocks(
  scope: RequestScope,
  roleKeys: readonly string[],
  measure: OverlapMeasure,
): Promise<AsyncGenerator<number[][]>> {
  const index = await careerIndexFor(scope);
  const rowsPerBlock = Math.max(1, Math.floor(BLOCK_CELLS / Math.max(roleKeys.length, 1)));
  return (async function* () {
    for (let start = 0; start < roleKeys.length; start += rowsPerBlock) {
      yield await index.call('overlapMatrixRows', roleKeys, measure, start, start + rowsPerBlock);
    }
  })();
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
