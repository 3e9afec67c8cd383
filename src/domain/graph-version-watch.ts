import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../database/database.js';
import { readGraphVersion } from '../queries/graph-version.js';
import type { GraphCaches } from './graph-caches.js';

export interface GraphVersionWatch {
  stop(): void;
}

/**
 * Reads the graph's version every `intervalMs` (one index look-up) and, when it has changed, starts the
 * whole-graph computations for it (`caches.warm`), so that the first request after an import does not
 * wait for them. The timers are unref'd and `stop` ends the loop; a failed read is reported and retried.
 */
export function watchGraphVersion(
  database: Database,
  caches: GraphCaches,
  { intervalMs, onError = () => {} }: { intervalMs: number; onError?: (error: unknown) => void },
): GraphVersionWatch {
  const stopped = new AbortController();
  let seen: string | undefined;
  const loop = async () => {
    while (!stopped.signal.aborted) {
      try {
        const version = await readGraphVersion(database);
        if (version !== seen && !stopped.signal.aborted) {
          seen = version;
          caches.warm(database, version);
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
