import type { Database } from '../database/database.js';
import type { GraphCaches } from './graph-caches.js';
import type { GraphChangeFeed } from './graph-change-feed.js';
import type { Loaders } from './loaders.js';

/** What a domain function may use while serving one request. */
export interface RequestScope {
  database: Database;
  /** Per-request DataLoaders: lookups and relationship pages batched across the request. */
  loaders: Loaders;
  /** Results derived from the whole graph, kept for the app's lifetime, keyed by the graph's version. */
  caches: GraphCaches;
  /** Where the app's writes announce each new graph version, once committed. */
  changeFeed: GraphChangeFeed;
  /** Largest `first`/`last` a page may ask for (MAX_PAGE_SIZE, at most 100). */
  maxPageSize: number;
  /** How long a request waits for a whole-graph result still being computed before NOT_READY (EXECUTION_TIMEOUT_MS). */
  waitForComputedMs: number;
}
