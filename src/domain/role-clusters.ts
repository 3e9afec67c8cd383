import { type RoleCluster, type RoleClustering, TOP_SKILLS_KEPT } from '../analysis/role-clusters.js';
import { checkCount } from './argument-checks.js';
import type { DataSourceName } from './career-graph.js';
import { roleClustersFor } from './graph-caches.js';
import type { RequestScope } from './request-scope.js';

export type { RoleCluster, RoleClustering };
export { TOP_SKILLS_KEPT };

export const DEFAULT_CLUSTERS_PAGE = 20;
export const DEFAULT_CLUSTER_ROLES_PAGE = 20;
export const DEFAULT_TOP_SKILLS = 5;

/**
 * Clusters of roles by the skills they require (Louvain, see analysis/role-clusters.ts), over the whole
 * graph or the nodes of some sources: computed in a worker thread, cached by graph version (the whole
 * graph's ahead of requests, when the version changes).
 */
export function roleClusters(scope: RequestScope, sources: readonly DataSourceName[] | null): Promise<RoleClustering> {
  return roleClustersFor(scope, sources === null ? null : [...new Set(sources)].sort());
}

/** A page of a list of the clusters (clusters, a cluster's roles), `first` at most the page size limit. */
export function pageOf<T>(
  scope: RequestScope,
  items: readonly T[],
  first: number,
  offset: number,
  max = scope.maxPageSize,
) {
  checkCount('first', first, { max, limit: 'pageSize', min: 0 });
  checkCount('offset', offset, { max: Number.MAX_SAFE_INTEGER, limit: 'pageSize', min: 0 });
  return items.slice(offset, offset + first);
}
