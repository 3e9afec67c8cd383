import { type SearchHit, searchEntities } from '../queries/search.js';
import { checkCount } from './argument-checks.js';
import { ENTITY_LABELS, type EntityLabel } from './career-graph.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_SEARCH_HITS = 10;

/** Ranked full-text hits for a piece of text, of the given kinds (all when none are given). */
export function searchGraph(
  scope: RequestScope,
  { text, kinds, first = DEFAULT_SEARCH_HITS }: { text: string; kinds?: readonly EntityLabel[] | null; first?: number },
): Promise<SearchHit[]> {
  checkCount('first', first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  return searchEntities(scope.database, text, kinds?.length ? kinds : ENTITY_LABELS, first);
}
