import { setTimeout as sleep } from 'node:timers/promises';
import type { RoleClustering } from '../analysis/role-clusters.js';
import type { Database } from '../database/database.js';
import { NotReadyError } from '../errors.js';
import { loadRoleSkillGraph } from '../queries/bridge-queries.js';
import { loadCareerGraph } from '../queries/career-queries.js';
import { loadRequirementGraph } from '../queries/cluster-queries.js';
import { loadGraphSnapshot } from '../queries/graph-snapshot-queries.js';
import { loadPathGraph } from '../queries/shortest-path-queries.js';
import type { CareerIndexHandle } from '../workers/career-index-thread.js';
import { careerIndexThread } from '../workers/career-index-thread.js';
import { PathSearchThread } from '../workers/path-search.js';
import { roleClustersOffThread } from '../workers/run-worker.js';
import { type BridgeSkillsRanking, rankBridgeSkills } from './bridge-skills.js';
import type { DataSourceName } from './career-graph.js';
import { GraphDerivedCache } from './graph-derived-cache.js';
import type { GraphSnapshot } from './graph-snapshot.js';
import { type PathGraphSnapshot, pathGraphSnapshotOf } from './path-graph.js';
import type { RequestScope } from './request-scope.js';

/** Results derived from the whole graph, kept for the app's lifetime and refreshed when the graph changes. */
export interface GraphCaches {
  /** The career index, held by the career-index worker thread. */
  careerIndex: GraphDerivedCache<CareerIndexHandle>;
  /** Skills with their betweenness in the role–skill graph, highest first, ties by key. */
  bridgeSkills: GraphDerivedCache<BridgeSkillsRanking>;
  /**
   * Role clusters (Louvain on the role–skill graph), one cache per source filter (null: every source);
   * only the unfiltered one is computed ahead of requests.
   */
  roleClusters(sources: readonly DataSourceName[] | null): GraphDerivedCache<RoleClustering>;
  /** Every node and relationship, in the arrays the path search takes. */
  pathGraph: GraphDerivedCache<PathGraphSnapshot>;
  /**
   * The whole graph in memory, for the loaders and lists: built in the background when a request first
   * sees a version (`ready`), never waited for; null for a version not held (too large, read while a write
   * committed, or breaking a rule the snapshot relies on: see loadGraphSnapshot). Off when made with
   * `snapshotMaxElements` 0.
   */
  snapshot: GraphDerivedCache<GraphSnapshot | null> | undefined;
  /** The thread that searches paths in the path graph; started by the first search. */
  pathSearch: PathSearchThread;
  /**
   * Starts building the graph snapshot and, if the caches were made to precompute, computing the career
   * index, bridge skills and the role clusters of the whole graph for `version`, unless they are built or
   * under way, without waiting: called by the graph-version watch and by requests.
   */
  warm(database: Database, version: string): void;
  /** Ends what the caches hold besides memory: the path search thread. */
  close(): Promise<void>;
}

export function createGraphCaches({
  precompute = false,
  snapshotMaxElements = 0,
  onError = () => {},
  onSnapshotUnused = () => {},
}: {
  precompute?: boolean;
  snapshotMaxElements?: number;
  /** The graph of `version` is read from Neo4j, not from a snapshot, for `reason`. */
  onSnapshotUnused?: (version: string, reason: string) => void;
  onError?: (what: string, error: unknown) => void;
} = {}): GraphCaches {
  const pathSearch = new PathSearchThread();
  const roleClusters = new Map<string, GraphDerivedCache<RoleClustering>>();
  /** The version whose precomputations were last started. */
  let warming: string | undefined;
  // One after another, not at once: each reads the whole graph and works on it in a thread of its own, and
  // at ESCO + O*NET's size the three together took ~330 MB of memory at their peak. A request that needs one
  // before its turn starts it itself (GraphDerivedCache.get).
  const warmOneAfterAnother = async (database: Database, version: string) => {
    const steps: [string, () => Promise<unknown>][] = [
      ['career index', () => caches.careerIndex.get(database, version)],
      ['bridge skills', () => caches.bridgeSkills.get(database, version)],
      ['role clusters', () => caches.roleClusters(null).get(database, version)],
    ];
    for (const [what, step] of steps) {
      // A newer version has its own warm-up.
      if (warming !== version) return;
      try {
        await step();
      } catch (error) {
        onError(what, error);
        // The next warm-up of this version (the watch's, or a request's) tries again.
        if (warming === version) warming = undefined;
        return;
      }
    }
  };
  const caches: GraphCaches = {
    careerIndex: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadCareerGraph(database);
      return { version, value: await careerIndexThread.load(version, value) };
    }),
    bridgeSkills: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadRoleSkillGraph(database);
      return { version, value: await rankBridgeSkills(value, version) };
    }),
    snapshot:
      snapshotMaxElements > 0
        ? new GraphDerivedCache(async (database) => {
            const { version, value, unused } = await loadGraphSnapshot(database, snapshotMaxElements).catch(
              (error: unknown) => {
                onError('the graph snapshot', error);
                throw error;
              },
            );
            if (unused) onSnapshotUnused(version, unused);
            return { version, value };
          })
        : undefined,
    pathGraph: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadPathGraph(database);
      return { version, value: pathGraphSnapshotOf(value) };
    }),
    roleClusters(sources) {
      const name = sources === null ? 'all' : [...new Set(sources)].sort().join(',');
      let cache = roleClusters.get(name);
      if (!cache) {
        const only = sources === null ? null : [...new Set(sources)].sort();
        cache = new GraphDerivedCache(async (database) => {
          const { version, value } = await loadRequirementGraph(database, only);
          return { version, value: await roleClustersOffThread(value) };
        });
        roleClusters.set(name, cache);
      }
      return cache;
    },
    pathSearch,
    close: () => pathSearch.close(),
    warm(database, version) {
      caches.snapshot?.ready(database, version);
      if (!precompute || warming === version) return;
      warming = version;
      warmOneAfterAnother(database, version).catch(() => {});
    },
  };
  return caches;
}

/** Seconds a client is told to wait before asking again for a result still being computed. */
const RETRY_AFTER_SECONDS = { careerIndex: 2, bridgeSkills: 15, roleClusters: 10 } as const;

/**
 * The cached value for the request's graph version, computing it if need be; a request waits at most
 * `scope.waitForComputedMs` (EXECUTION_TIMEOUT_MS), then gets NOT_READY while the computation goes on.
 */
async function computedFor<T>(
  scope: RequestScope,
  cache: GraphDerivedCache<T>,
  what: string,
  retryAfterSeconds: number,
): Promise<T> {
  const { version, confirmed } = await versionToUse(scope, cache);
  if (confirmed) scope.caches.warm(scope.database, version);
  const value = cache.get(scope.database, version);
  const timeout = new AbortController();
  const waited = sleep(scope.waitForComputedMs, 'timeout' as const, { signal: timeout.signal }).catch(() => 'aborted');
  try {
    const first = await Promise.race([value, waited]);
    if (first === 'timeout')
      throw new NotReadyError(what, cache.runningForMs() ?? scope.waitForComputedMs, retryAfterSeconds);
    return value;
  } finally {
    timeout.abort();
  }
}

/** The career index of the graph as this request sees it. */
export function careerIndexFor(scope: RequestScope): Promise<CareerIndexHandle> {
  return computedFor(scope, scope.caches.careerIndex, 'The career index', RETRY_AFTER_SECONDS.careerIndex);
}

/** The bridge-skill ranking of the graph as this request sees it. */
export function bridgeSkillsFor(scope: RequestScope): Promise<BridgeSkillsRanking> {
  return computedFor(scope, scope.caches.bridgeSkills, 'Bridge skills', RETRY_AFTER_SECONDS.bridgeSkills);
}

/** The role clusters of the graph (or of the nodes from `sources`) as this request sees it. */
export function roleClustersFor(
  scope: RequestScope,
  sources: readonly DataSourceName[] | null,
): Promise<RoleClustering> {
  return computedFor(scope, scope.caches.roleClusters(sources), 'Role clusters', RETRY_AFTER_SECONDS.roleClusters);
}

/** The path graph as this request sees it. */
export async function pathGraphFor(scope: RequestScope): Promise<PathGraphSnapshot> {
  return scope.caches.pathGraph.get(scope.database, (await versionToUse(scope, scope.caches.pathGraph)).version);
}

/**
 * The version to take `cache`'s value at: the request's, but a guessed one only if the value for it is
 * computed already. A guess may be stale, and a computation it started would be thrown away (and replace a
 * newer one): that waits for the version the request read.
 */
async function versionToUse<T>(
  scope: RequestScope,
  cache: GraphDerivedCache<T>,
): Promise<{ version: string; confirmed: boolean }> {
  const version = await scope.loaders.graphVersion();
  if (!scope.loaders.guessing()) return { version, confirmed: true };
  if (cache.peek(version) !== undefined) return { version, confirmed: false };
  return { version: await scope.loaders.confirmedVersion(), confirmed: true };
}
