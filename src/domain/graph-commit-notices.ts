import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../database/database.js';
import {
  type AwaitCommitRequest,
  awaitCommit,
  type CommitCount,
  NOTICES_UNAVAILABLE,
  PROCEDURE_NOT_FOUND,
} from '../queries/graph-commits.js';

export interface CommitNoticeListener {
  /** A write is committing or has committed: whatever was read before may be out of date. */
  changed(): void;
  /** Neo4j has no commit-notices plugin, or it does not run there: nothing is ever covered. */
  unavailable?(reason: string): void;
  /** The first failure after a success (Neo4j down, say); the loop retries. */
  failed?(error: unknown): void;
}

export interface CommitNoticeTiming {
  /** How long after each call arrives Neo4j holds commits back until this process acknowledges them (≤ 2 s). */
  leaseMs: number;
  /** How long each call waits for an event before answering anyway; well below the lease, so leases overlap. */
  waitMs: number;
  /** Pause after a failed call. */
  retryMs: number;
}

/**
 * A lease of 1 s bounds how long a commit can wait for a process that has stopped answering; calls that
 * answer every 250 ms keep the cover unbroken through event-loop delays of up to about half a second.
 */
export const DEFAULT_COMMIT_NOTICE_TIMING: CommitNoticeTiming = { leaseMs: 1_000, waitMs: 250, retryMs: 1_000 };

const byDatabase = new WeakMap<Database, GraphCommitNotices>();

interface Loop {
  stopped: AbortController;
  /** A name of its own: a late lease-0 call of a stopped loop must not give back the lease of the next one. */
  subscriber: string;
  seen: Pick<CommitCount, 'instance' | 'events'>;
}

/**
 * Hears of every write to the graph before it becomes visible, through the commit-notices plugin
 * (neo4j-plugin/): each call acknowledges the events heard of and leases notice of the next ones for
 * `leaseMs`; Neo4j holds a transaction back from committing until every leaseholder has acknowledged it,
 * or its lease has run out.
 *
 * So while `covering()` is true (within `leaseMs` of sending a call whose answer showed no transaction
 * committing), no write has become visible since the last announcement (`changed`): a version read since
 * is still the graph's version, and needs no read of its own. Without the plugin, or while Neo4j does not
 * answer, `covering()` is false and every request reads the version, as before.
 */
export class GraphCommitNotices {
  private readonly listeners = new Set<CommitNoticeListener>();
  /** Both clocks: a monotonic one (immune to clock changes) and the wall clock (which counts a suspended host's sleep). */
  private coveredUntil = { monotonic: Number.NEGATIVE_INFINITY, wall: Number.NEGATIVE_INFINITY };
  private loop: Loop | undefined;
  private unavailableReason: string | undefined;
  private releasing: Promise<void> = Promise.resolve();

  constructor(
    private readonly call: (request: AwaitCommitRequest) => Promise<CommitCount>,
    private readonly timing: CommitNoticeTiming = DEFAULT_COMMIT_NOTICE_TIMING,
    /** Whether calls can still be made (false once the database is closed): the loop ends when not. */
    private readonly open: () => boolean = () => true,
  ) {}

  /** The notices of `database`, one loop per database however many apps listen; `timing` counts on first use only. */
  static of(database: Database, timing?: CommitNoticeTiming): GraphCommitNotices {
    let notices = byDatabase.get(database);
    if (!notices) {
      const created = new GraphCommitNotices(
        (request) => awaitCommit(database, request),
        timing,
        () => !database.closed,
      );
      // Listeners that never stop (an app not disposed) must not leave a lease that holds commits back.
      database.beforeClose(() => created.release());
      byDatabase.set(database, created);
      notices = created;
    }
    return notices;
  }

  /** True when no write can have become visible without `changed` being called here first. */
  covering(): boolean {
    return performance.now() < this.coveredUntil.monotonic && Date.now() < this.coveredUntil.wall;
  }

  /** Starts the loop with the first listener and stops it after the last; returns the function that stops listening. */
  listen(listener: CommitNoticeListener): () => void {
    if (this.unavailableReason !== undefined) {
      listener.unavailable?.(this.unavailableReason);
      return () => {};
    }
    this.listeners.add(listener);
    if (!this.loop) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.release();
    };
  }

  /**
   * Stops the loop and gives its lease back, so that no commit waits for this process any more; resolves
   * once Neo4j has taken it back (or refused), also when the loop had already been stopped by the last
   * listener: the database's close waits for it.
   */
  release(): Promise<void> {
    const loop = this.loop;
    if (!loop) return this.releasing;
    this.stop(loop);
    if (this.open()) {
      this.releasing = this.call({ subscriber: loop.subscriber, seen: loop.seen, leaseMs: 0, waitMs: 0 }).then(
        () => {},
        () => {},
      );
    }
    return this.releasing;
  }

  private stop(loop: Loop): void {
    loop.stopped.abort();
    if (this.loop === loop) this.loop = undefined;
    this.uncover();
  }

  private uncover(): void {
    this.coveredUntil = { monotonic: Number.NEGATIVE_INFINITY, wall: Number.NEGATIVE_INFINITY };
  }

  private start(): void {
    const loop: Loop = {
      stopped: new AbortController(),
      subscriber: randomUUID(),
      seen: { instance: '', events: -1 },
    };
    this.loop = loop;
    const { leaseMs, waitMs, retryMs } = this.timing;
    const { signal } = loop.stopped;
    void (async () => {
      let failing = false;
      while (!signal.aborted && this.open()) {
        const sentAt = { monotonic: performance.now(), wall: Date.now() };
        try {
          const count = await this.call({ subscriber: loop.subscriber, seen: loop.seen, leaseMs, waitMs });
          if (signal.aborted) return;
          failing = false;
          if (count.instance !== loop.seen.instance || count.events !== loop.seen.events) {
            // Announced before the next call acknowledges it, so before the write can become visible.
            for (const listener of this.listeners) listener.changed();
            loop.seen = { instance: count.instance, events: count.events };
          }
          // A transaction between its two events may be visible any moment: no cover until it is done.
          if (count.pending === 0) {
            this.coveredUntil = { monotonic: sentAt.monotonic + leaseMs, wall: sentAt.wall + leaseMs };
          } else {
            this.uncover();
          }
        } catch (error) {
          if (signal.aborted) return;
          this.uncover();
          const reason = unavailableReason(error);
          if (reason !== undefined) {
            this.unavailableReason = reason;
            for (const listener of this.listeners) listener.unavailable?.(reason);
            this.listeners.clear();
            this.stop(loop);
            return;
          }
          if (!failing) for (const listener of this.listeners) listener.failed?.(error);
          failing = true;
          await sleep(retryMs, undefined, { ref: false, signal }).catch(() => {});
        }
      }
      if (this.loop === loop) void this.release();
    })();
  }
}

function unavailableReason(error: unknown): string | undefined {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code === PROCEDURE_NOT_FOUND)
    return 'Neo4j has no skillgraph.awaitCommit procedure (the plugin in neo4j-plugin/)';
  if (typeof message === 'string' && message.includes(NOTICES_UNAVAILABLE)) {
    return message.slice(message.indexOf(NOTICES_UNAVAILABLE)).split('\n')[0];
  }
  return undefined;
}
