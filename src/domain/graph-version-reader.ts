import type { Database } from '../database/database.js';
import { readGraphVersion } from '../queries/graph-version.js';

/**
 * Reads the graph's version for many requests at once (single flight): callers share one read, so a
 * burst of N requests costs a read or two, not N.
 *
 * A caller never gets a read that was sent before it called: such a read may have missed a write that
 * committed just before the call, and a request arriving after a seed write must see the new version
 * (or a response cache keyed by version would answer it from the old graph). So a caller that finds a
 * read in flight waits for the next one, which starts as soon as that one settles and is shared by
 * everyone who came meanwhile: at most two reads are ever under way.
 */
export class GraphVersionReader {
  private inFlight: Promise<string> | undefined;
  /** Callers that came while a read was in flight: they share the read that starts when it settles. */
  private queued: { promise: Promise<string>; settle: (read: Promise<string>) => void } | undefined;
  /** The last read that answered, and when it was sent. */
  private latest: { version: Promise<string>; sentAt: number } | undefined;
  /** The version the newest settled read gave, unless a newer version was announced since (`forget`). */
  private lastSeen: { version: string; sentAt: number } | undefined;
  /** When `forget` was last called: a read sent before it may predate the write it was told of. */
  private forgottenAt = Number.NEGATIVE_INFINITY;

  /**
   * The last version read is used again without a read while `covered()` holds (every write is announced
   * by `forget` before it becomes visible: GraphCommitNotices), or for `maxAgeMs` after its read:
   * writes by this process are then seen at once (`forget`), others' (a seed, another instance) within
   * `maxAgeMs`.
   */
  constructor(
    private readonly read: () => Promise<string>,
    private readonly maxAgeMs = 0,
    private readonly covered: () => boolean = () => false,
  ) {}

  static of(database: Database, maxAgeMs = 0, covered?: () => boolean): GraphVersionReader {
    return new GraphVersionReader(() => readGraphVersion(database), maxAgeMs, covered);
  }

  /** The version as committed when this call was made, or later (or, with a max age, at most that much earlier). */
  current(): Promise<string> {
    const latest = this.latest;
    if (latest && (this.covered() || performance.now() - latest.sentAt < this.maxAgeMs)) return latest.version;
    if (!this.inFlight) return this.start();
    if (!this.queued) {
      let settle: (read: Promise<string>) => void = () => {};
      const promise = new Promise<string>((resolve) => {
        settle = resolve;
      });
      this.queued = { promise, settle };
    }
    return this.queued.promise;
  }

  /**
   * The version the newest read gave, if no newer one was announced since: a good guess at `current()`,
   * never a substitute for it (another process may have written since).
   */
  lastRead(): string | undefined {
    return this.lastSeen?.version;
  }

  /** A new version was written or seen: the next caller reads again. */
  forget(): void {
    this.latest = undefined;
    this.lastSeen = undefined;
    this.forgottenAt = performance.now();
  }

  private start(): Promise<string> {
    const sentAt = performance.now();
    const read = this.read();
    this.inFlight = read;
    read.then(
      (version) => {
        if (sentAt <= this.forgottenAt) return;
        if (!this.lastSeen || this.lastSeen.sentAt < sentAt) this.lastSeen = { version, sentAt };
        if (!this.latest || this.latest.sentAt < sentAt) this.latest = { version: read, sentAt };
      },
      () => {},
    );
    const done = () => {
      this.inFlight = undefined;
      const queued = this.queued;
      this.queued = undefined;
      // Started in the same turn, so no caller can slip in between and start a third read.
      if (queued) queued.settle(this.start());
    };
    read.then(done, done);
    return read;
  }
}
