import type { Database } from '../database/database.js';

const RETRY_READY_AFTER_FAILURE_MS = 5_000;

/**
 * A value computed from the whole graph, recomputed only when the graph's version has changed. `compute`
 * reads the version in the same transaction as the data, so what is cached is labelled with the version
 * it was really read at (on a cluster, members may lag behind one another).
 */
export class GraphDerivedCache<T> {
  private entry:
    | {
        version: Promise<string>;
        value: Promise<T>;
        startedAt: number;
        settled: boolean;
        computed?: { version: string; value: T };
      }
    | undefined;

  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly compute: (database: Database) => Promise<{ version: string; value: T }>) {}

  /**
   * `version` is the graph's current version, read once per request by the caller. Requests that waited
   * on a computation that failed try once more together; if that fails too, they get its error.
   */
  async get(database: Database, version: string, afterFailure = false): Promise<T> {
    const entry = this.entry;
    if (entry) {
      const outcome = await entry.version.then(
        (read) => ({ read }),
        (error: unknown) => ({ error }),
      );
      if ('read' in outcome && outcome.read === version) return entry.value;
      if ('error' in outcome && afterFailure) throw outcome.error;
      if (this.entry !== entry) return this.get(database, version, afterFailure || 'error' in outcome);
    }
    return this.start(database);
  }

  /** The value computed for `version`, if it is ready now; nothing is started. */
  peek(version: string): T | undefined {
    const computed = this.entry?.computed;
    return computed?.version === version ? computed.value : undefined;
  }

  /**
   * The value computed for `version`, if it is ready now; if not, undefined at once, and a computation for
   * the current version is started unless one is under way: for callers that have another way to answer.
   */
  ready(database: Database, version: string): T | undefined {
    const entry = this.entry;
    if (entry?.computed?.version === version) return entry.computed.value;
    // After a failure (Neo4j away, a timeout), not again at once: every request would start one.
    if (performance.now() - this.failedAt < RETRY_READY_AFTER_FAILURE_MS) return undefined;
    if (!entry || entry.settled) this.start(database).catch(() => {});
    return undefined;
  }

  private start(database: Database): Promise<T> {
    const computed = this.compute(database);
    const fresh: NonNullable<typeof this.entry> = {
      version: computed.then((c) => c.version),
      value: computed.then((c) => c.value),
      startedAt: performance.now(),
      settled: false,
    };
    computed.then(
      (done) => {
        fresh.settled = true;
        fresh.computed = done;
      },
      () => {},
    );
    // Whoever asked gets the failure through `value`; `version` is only awaited by requests that come later.
    fresh.version.catch(() => {});
    this.entry = fresh;
    computed.catch(() => {
      this.failedAt = performance.now();
      if (this.entry === fresh) this.entry = undefined;
    });
    return fresh.value;
  }

  /** How long the computation under way has been running, in ms; undefined when none is. */
  runningForMs(): number | undefined {
    const entry = this.entry;
    return entry && !entry.settled ? performance.now() - entry.startedAt : undefined;
  }
}
