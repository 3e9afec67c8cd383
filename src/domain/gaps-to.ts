import type { GapToTarget } from '../analysis/gaps-to.js';
import { checkCount } from './argument-checks.js';
import type { EntityRecord } from './career-graph.js';
import { careerIndexFor } from './graph-caches.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_GAPS_PAGE = 20;

export interface GapsTo {
  target: EntityRecord;
  /** Every other role. */
  total: number;
  /** The page asked for, fewest hours first, ties by key. */
  gaps: GapToTarget[];
}

/**
 * The skill-gap hours from every other role to a target role (a key, name or alias), ranked, a page at a
 * time: one pass over the career index in its worker thread, not a gap per role.
 */
export async function gapsTo(
  scope: RequestScope,
  reference: string,
  page: { first: number | null; offset: number },
  argument = 'role',
): Promise<GapsTo> {
  if (page.first !== null) checkCount('first', page.first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  checkCount('offset', page.offset, { max: Number.MAX_SAFE_INTEGER, limit: 'pageSize', min: 0 });
  const target = await resolveReference(scope, { text: reference, labels: ['Role'], argument });
  const gaps = await (await careerIndexFor(scope)).call('gapsToRole', target.key);
  const end = page.first === null ? undefined : page.offset + page.first;
  return { target, total: gaps.length, gaps: gaps.slice(page.offset, end) };
}
