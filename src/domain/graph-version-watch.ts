import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../database/database.js';
import { readGraphVersionStamp } from '../queries/graph-version.js';
import type { GraphCaches } from './graph-caches.js';
import type { GraphChangeFeed } from './graph-change-feed.js';

export interface GraphVersionWatch {
  stop(): void;
}

export interface GraphVersionWatchOptions {
  intervalMs: number;
  /** Started for each new version (`caches.warm`); absent, nothing is computed ahead of requests. */
  caches?: GraphCaches;
  /** Told every version after the first: the feed announces those this process did not write itself. */
  feed?: GraphChangeFeed;
  onError?: (error: unknown) => void;
}

/**
 * Reads the graph's version every `intervalMs` (one index look-up) and, when it has changed, starts the
 * whole-graph computations for it (`caches.warm`), so that the first request after an import does not
 * wait for them, and publishes it to the feed with `changes: null` (a seed or an import, by another
 * process, whose details are unknown here; a version this process wrote and announced itself the feed
 * ignores). The first version read is the feed's baseline, not a change. The timers are unref'd and
 * `stop` ends the loop; a failed read is reported and retried.
 */
export function watchGraphVersion(
  database: Database,
  { intervalMs, caches, feed, onError = () => {} }: GraphVersionWatchOptions,
): GraphVersionWatch {
  const stopped = new AbortController();
  let seen: string | undefined;
  const loop = async () => {
    while (!stopped.signal.aborted) {
      try {
        const { version, changedAt } = await readGraphVersionStamp(database);
        if (version !== seen && !stopped.signal.aborted) {
          if (seen === undefined) feed?.recordBaseline(version);
          else feed?.publish({ version, changedAt: changedAt ?? new Date().toISOString(), changes: null });
          seen = version;
          caches?.warm(database, version);
        }
      } catch (error) {
        if (!stopped.signal.aborted) onError(error);
      }
      await sleep(intervalMs, undefined, { ref: false, signal: stopped.signal }).catch(() => {});
    }
  };
  void loop();
  return { stop: () => stopped.abort() };
}
