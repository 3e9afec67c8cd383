import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../database/database.js';
import {
  type AwaitCommitRequest,
  awaitCommit,
  type CommitCount,
  PROCEDURE_NOT_FOUND,
} from '../queries/graph-commits.js';

export interface CommitNoticeListener {
  /** A commit this process had not heard of: whatever was read before may be out of date. */
  changed(): void;
  /** Neo4j has no commit-notices plugin: nothing is ever covered, and the loop has stopped. */
  unavailable?(reason: string): void;
  /** The first failure after a success (Neo4j down, say); the loop retries. */
  failed?(error: unknown): void;
}

export interface CommitNoticeTiming {
  /** How long after each call arrives Neo4j holds back commits' replies until this process acknowledges them. */
  leaseMs: number;
  /** How long each call waits for a commit before answering anyway; below half the lease, so leases overlap. */
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

/**
 * Hears of every commit to the graph before its writer is told it committed, through the commit-notices
 * plugin (neo4j-plugin/): each call acknowledges the commits heard of and leases notice of the next ones
 * for `leaseMs`, and Neo4j holds a commit's reply until every leaseholder has acknowledged it, or its
 * lease has run out.
 *
 * So while `covering()` is true (within `leaseMs` of sending a call that has answered), every commit
 * whose writer has been answered was announced here (`changed`) first: a version read since the last
 * announcement is still the graph's version, and needs no read of its own. Without the plugin, or while
 * Neo4j does not answer, `covering()` is false and every request reads the version, as before.
 */
export class GraphCommitNotices {
  private readonly listeners = new Set<CommitNoticeListener>();
  private readonly subscriber = randomUUID();
  private coveredUntil = Number.NEGATIVE_INFINITY;
  private running: AbortController | undefined;
  /** The count acknowledged last, which a release acknowledges again. */
  private seen: CommitCount = { instance: '', commits: -1 };
  private unavailableReason: string | undefined;

  constructor(
    private readonly call: (request: AwaitCommitRequest) => Promise<CommitCount>,
    private readonly timing: CommitNoticeTiming = DEFAULT_COMMIT_NOTICE_TIMING,
    /** Whether calls can still be made (false once the database is closed): the loop ends when not. */
    private readonly open: () => boolean = () => true,
  ) {}

  /** The notices of `database`, one loop per database however many apps listen. */
  static of(database: Database, timing?: CommitNoticeTiming): GraphCommitNotices {
    let notices = byDatabase.get(database);
    if (!notices) {
      notices = new GraphCommitNotices(
        (request) => awaitCommit(database, request),
        timing,
        () => !database.closed,
      );
      byDatabase.set(database, notices);
    }
    return notices;
  }

  /** True when no commit can have been answered to its writer without `changed` being called here first. */
  covering(): boolean {
    return performance.now() < this.coveredUntil;
  }

  /** Starts the loop with the first listener and stops it after the last; returns the function that stops listening. */
  listen(listener: CommitNoticeListener): () => void {
    if (this.unavailableReason !== undefined) {
      listener.unavailable?.(this.unavailableReason);
      return () => {};
    }
    this.listeners.add(listener);
    if (!this.running) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.release();
    };
  }

  /** Stops the loop and gives the lease back, so that no commit waits for this process any more. */
  async release(): Promise<void> {
    if (!this.running) return;
    this.running.abort();
    this.running = undefined;
    this.coveredUntil = Number.NEGATIVE_INFINITY;
    if (this.open()) {
      await this.call({ subscriber: this.subscriber, seen: this.seen, leaseMs: 0, waitMs: 0 }).catch(() => {});
    }
  }

  private start(): void {
    const running = new AbortController();
    this.running = running;
    const { leaseMs, waitMs, retryMs } = this.timing;
    void (async () => {
      this.seen = { instance: '', commits: -1 };
      let failing = false;
      while (!running.signal.aborted && this.open()) {
        const sentAt = performance.now();
        try {
          const count = await this.call({ subscriber: this.subscriber, seen: this.seen, leaseMs, waitMs });
          if (running.signal.aborted) return;
          failing = false;
          if (count.instance !== this.seen.instance || count.commits !== this.seen.commits) {
            // Announced before the next call acknowledges it, so before the commit's writer hears back.
            for (const listener of this.listeners) listener.changed();
            this.seen = count;
          }
          this.coveredUntil = sentAt + leaseMs;
        } catch (error) {
          if (running.signal.aborted) return;
          this.coveredUntil = Number.NEGATIVE_INFINITY;
          if ((error as { code?: unknown }).code === PROCEDURE_NOT_FOUND) {
            this.unavailableReason = 'Neo4j has no skillgraph.awaitCommit procedure (the plugin in neo4j-plugin/)';
            for (const listener of this.listeners) listener.unavailable?.(this.unavailableReason);
            this.listeners.clear();
            this.running = undefined;
            return;
          }
          if (!failing) for (const listener of this.listeners) listener.failed?.(error);
          failing = true;
          await sleep(retryMs, undefined, { ref: false, signal: running.signal }).catch(() => {});
        }
      }
      if (this.running === running) void this.release();
    })();
  }
}
