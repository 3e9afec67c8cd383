import {
  type DemandPage,
  readSkillDemand,
  readToolDemand,
  type SkillDemandRow,
  type ToolDemandRow,
} from '../queries/demand-queries.js';
import { checkCount } from './argument-checks.js';
import type { DataSourceName } from './career-graph.js';
import type { RequestScope } from './request-scope.js';

export type { SkillDemandRow, ToolDemandRow };

export const DEFAULT_DEMAND_PAGE = 20;

interface DemandRequest {
  /** Rows to return (at most the page size limit); null: every row (the CSV export). */
  first: number | null;
  offset: number;
  sources: readonly DataSourceName[] | null;
}

function pageOf(scope: RequestScope, request: DemandRequest): DemandPage {
  if (request.first !== null) checkCount('first', request.first, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  checkCount('offset', request.offset, { max: Number.MAX_SAFE_INTEGER, limit: 'pageSize', min: 0 });
  const sources = request.sources === null ? null : [...new Set(request.sources)].sort();
  return { sources, offset: request.offset, limit: request.first };
}

/** Skills by how many roles require them (ESSENTIAL and OPTIONAL counted apart), one aggregation in Neo4j. */
export function skillDemand(scope: RequestScope, request: DemandRequest): Promise<SkillDemandRow[]> {
  const page = pageOf(scope, request);
  return scope.database.read((tx) => readSkillDemand(tx, page));
}

/** Tools by how many roles use them, one aggregation in Neo4j. */
export function toolDemand(scope: RequestScope, request: DemandRequest): Promise<ToolDemandRow[]> {
  const page = pageOf(scope, request);
  return scope.database.read((tx) => readToolDemand(tx, page));
}
