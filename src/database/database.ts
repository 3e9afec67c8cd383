import { setTimeout as sleep } from 'node:timers/promises';
import neo4j, {
  type Driver,
  isRetryableError,
  type ManagedTransaction,
  Neo4jError,
  type Record as Neo4jRecord,
  type QueryResult,
  type Session,
} from 'neo4j-driver';
import type { Config } from '../config.js';
import { DatabaseUnavailableError, LimitExceededError } from '../errors.js';

type TransactionConfig = NonNullable<Parameters<Session['run']>[2]>;
type StartWork<T> = (session: Session, config: TransactionConfig) => Promise<T>;

/** What a query module may do inside a transaction: run Cypher with parameters. */
export interface QueryRunner {
  run(query: string, parameters?: Record<string, unknown>): Promise<QueryResult>;
  /**
   * Runs a query and hands each record to `visit` as it arrives, keeping none: for results too large to
   * hold as records (the whole graph), whose decoding then comes in small pieces between which the event
   * loop runs. Should `visit` throw, the records after are skipped and the promise fails with its error.
   */
  stream(query: string, parameters: Record<string, unknown>, visit: (record: Neo4jRecord) => void): Promise<void>;
}

export type { Neo4jRecord, QueryResult };

export interface TransactionOptions {
  /**
   * Time limit of the transaction, enforced by Neo4j and, should Neo4j not answer, by the client a
   * little later. A limit longer than the database's default (bulk writes) also turns off the stall check.
   */
  timeoutMs?: number;
  /** Shows in Neo4j's query log and `SHOW TRANSACTIONS`. */
  tag?: string;
}

const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);

export const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

const AUTH_LOCKED = 'Neo.ClientError.Security.AuthenticationRateLimit';
const AUTH_REFUSED = 'Neo.ClientError.Security.Unauthorized';

/** How often, and after how long, a transaction refused because the user is locked is tried again. */
const AUTH_LOCK_RETRIES = 2;
const AUTH_LOCK_BACKOFF_MS = 250;
/** A wrong password is not tried again sooner than this: each try would count towards locking the user. */
const UNAUTHORIZED_RETRY_MS = 30_000;
/** How often, and after how long, an auto-commit read that failed transiently is tried again. */
const TRANSIENT_READ_RETRIES = 2;
const TRANSIENT_READ_BACKOFF_MS = 100;
/** How long a probe's finding answers /ready without a new probe. */
const READY_PROBE_REUSE_MS = 500;
/** The client-side bound of a transaction that has no time limit at all. */
const UNLIMITED_TRANSACTION_BOUND_MS = 60_000;

export interface DatabaseOptions {
  /** Time limit of every transaction that does not set its own; past it: LIMIT_EXCEEDED. */
  transactionTimeoutMs?: number;
  /** A transaction still waiting after this long makes the database check that Neo4j answers (default 2 s). */
  stallCheckAfterMs?: number;
  /** How long that check, a fresh login and `RETURN 1`, may take before Neo4j counts as stalled (default 2 s). */
  probeTimeoutMs?: number;
  /** How long past its own time limit a transaction waits for Neo4j's answer before giving up (default 2 s). */
  clientGraceMs?: number;
  /** Called with every Cypher statement before it is sent (tests count round trips with it). */
  onQuery?: (query: string) => void;
}

/**
 * What a probe (a fresh connection, a login and `RETURN 1`) found: Neo4j answers; it does not answer in
 * time (a stopped JVM, a blackholed network); it cannot be reached or cannot serve the database; the
 * user is locked after too many failed logins; the credentials are wrong.
 */
export type DatabaseHealth = 'ok' | 'stalled' | 'unreachable' | 'locked' | 'unauthorized';

/**
 * Runs `start` (a driver call that makes a Result) with stack traces off: the driver records the caller's
 * stack for every statement, to put in place of a Neo4jError's own, and for us that is always this file.
 * Recording it cost ~4 % of the service's CPU on a cheap request. A Neo4jError's stack is then its message
 * alone; its code and message say what failed.
 */
function withoutCallSite<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const cannotServe = (health: DatabaseHealth) => health === 'stalled' || health === 'unreachable';

/** Makes drivers: a new main driver after a stall, and a throwaway one for each probe. */
export interface DriverFactory {
  main(): Driver;
  probe(timeoutMs: number): Driver;
}

/**
 * The only code that talks to the driver: sessions, read/write transactions and error mapping.
 *
 * Every transaction is bounded on the client side too, so that a Neo4j that stops answering (a
 * SIGSTOPped or swapping JVM, a network that drops packets) cannot hold a request for longer than a few
 * seconds: Neo4j's own time limit does nothing when Neo4j does not run. A transaction still waiting after
 * `stallCheckAfterMs` makes the database probe Neo4j on a fresh connection; when the probe gets no
 * answer either, the transaction fails with DATABASE_UNAVAILABLE, the driver is replaced (its pooled
 * connections are never reused) and, until a probe succeeds again, transactions fail at once. A
 * transaction past its own limit plus `clientGraceMs` without an answer fails likewise.
 */
export class Database {
  private driver: Driver;
  /** Set when a probe found Neo4j stalled or unreachable: transactions then fail at once until a probe succeeds. */
  private down = false;
  private probing: Promise<DatabaseHealth> | undefined;
  private lastProbe: { health: DatabaseHealth; detail: string; at: number } | undefined;
  /** Transactions not given up on, per driver: a replaced driver is closed once it has none. */
  private readonly inUse = new Map<Driver, number>();
  /**
   * Shared by every session of this process, so that each transaction starts from everything the process
   * has read or written before: on a cluster, the data a request reads is never older than the graph
   * version it read first (and its answer is cached and tagged under). On one server it costs nothing.
   */
  private readonly bookmarks = neo4j.bookmarkManager();
  /** Drivers replaced after a stall, still serving a transaction (a bulk write) or being closed. */
  private readonly retired = new Map<Driver, Promise<void> | undefined>();
  private isClosed = false;
  private readonly closeTasks = new Set<() => Promise<unknown>>();

  constructor(
    driver: Driver,
    readonly name: string,
    private readonly options: DatabaseOptions = {},
    private readonly drivers?: DriverFactory,
  ) {
    this.driver = driver;
  }

  static connect(uri: string, neo4jConfig: Config['neo4j'], options: DatabaseOptions = {}): Database {
    const auth = neo4j.auth.basic(neo4jConfig.username, neo4jConfig.password);
    const drivers: DriverFactory = {
      main: () =>
        neo4j.driver(uri, auth, {
          connectionTimeout: 3_000,
          connectionAcquisitionTimeout: 5_000,
          maxTransactionRetryTime: 3_000,
          disableLosslessIntegers: true,
        }),
      probe: (timeoutMs) =>
        neo4j.driver(uri, auth, {
          connectionTimeout: timeoutMs,
          connectionAcquisitionTimeout: timeoutMs + 1_000,
          maxConnectionPoolSize: 1,
          disableLosslessIntegers: true,
        }),
    };
    return new Database(drivers.main(), neo4jConfig.database, options, drivers);
  }

  read<T>(work: (tx: QueryRunner) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.withAuthLockRetries('READ', this.managed('READ', work), options);
  }

  write<T>(work: (tx: QueryRunner) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.withAuthLockRetries('WRITE', this.managed('WRITE', work), options);
  }

  /**
   * One read statement in an auto-commit transaction: the statement is sent with its transaction in one
   * message, where `read` needs a BEGIN and a COMMIT that waits for its own answer. For reads that are a
   * single statement (most of the API's); a transient failure is tried again, as `read` would.
   */
  async readQuery(
    query: string,
    parameters: Record<string, unknown> = {},
    options: TransactionOptions = {},
  ): Promise<QueryResult> {
    const autoCommit: StartWork<QueryResult> = (session, config) => {
      this.options.onQuery?.(query);
      return withoutCallSite(() => session.run(query, parameters, config));
    };
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.withAuthLockRetries('READ', autoCommit, options);
      } catch (error) {
        const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
        if (attempt >= TRANSIENT_READ_RETRIES || !(cause instanceof Neo4jError) || !isRetryableError(cause))
          throw error;
        await sleep(TRANSIENT_READ_BACKOFF_MS * 2 ** attempt);
      }
    }
  }

  /**
   * True when Neo4j accepts a fresh login and answers a query within `probeTimeoutMs` (for /ready): a
   * user locked by failed logins is not ready, even while pooled connections still work.
   */
  async isReady(): Promise<boolean> {
    // Every probe is a fresh login: a client polling /ready in a loop gets the last half-second's answer.
    const last = this.lastProbe;
    if (last && Date.now() - last.at < READY_PROBE_REUSE_MS) return last.health === 'ok';
    return (await this.checkHealth()) === 'ok';
  }

  /**
   * Probes Neo4j until it answers, waiting longer after each failure (0.5 s, 1 s, 2 s, … at most 5 s),
   * for at most `timeoutMs`. Returns `ok`, or what the last probe found: it gives up at once when the
   * credentials are refused, as every retry would count towards locking the user.
   */
  async waitUntilAvailable(
    timeoutMs: number,
    onWait: (health: DatabaseHealth, detail: string, retryInMs: number) => void = () => {},
  ): Promise<{ health: DatabaseHealth; detail: string }> {
    const deadline = Date.now() + timeoutMs;
    let delay = 500;
    for (;;) {
      const health = await this.checkHealth();
      const detail = this.lastProbe?.detail ?? '';
      if (health === 'ok' || health === 'unauthorized' || Date.now() + delay > deadline) return { health, detail };
      onWait(health, detail, delay);
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }

  /** True once `close` has been called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Runs `task` when `close` is called, before the driver closes: what must still reach Neo4j (bounded, 1 s). */
  beforeClose(task: () => Promise<unknown>): void {
    this.closeTasks.add(task);
  }

  async close(): Promise<void> {
    if (!this.isClosed && this.closeTasks.size > 0) {
      const tasks = [...this.closeTasks].map((task) => task().catch(() => {}));
      await Promise.race([Promise.all(tasks), sleep(1_000, undefined, { ref: false })]);
    }
    this.isClosed = true;
    // Bounded: shutting down must not wait on a Neo4j that does not answer.
    const closing = [this.driver, ...this.retired.keys()].map((driver) => this.retired.get(driver) ?? driver.close());
    await Promise.race([Promise.all(closing), sleep(3_000, undefined, { ref: false })]);
  }

  /** A locked user is unlocked by Neo4j after a few seconds, and other requests free pooled connections. */
  private async withAuthLockRetries<T>(
    mode: 'READ' | 'WRITE',
    start: StartWork<T>,
    options: TransactionOptions,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.inSession(mode, start, options);
      } catch (error) {
        if (attempt >= AUTH_LOCK_RETRIES || codeOfCause(error) !== AUTH_LOCKED) throw error;
        await sleep(AUTH_LOCK_BACKOFF_MS * 2 ** attempt);
      }
    }
  }

  /** A managed transaction (retried by the driver on transient failures) that runs `work`. */
  private managed<T>(mode: 'READ' | 'WRITE', work: (tx: QueryRunner) => Promise<T>): StartWork<T> {
    return (session, config) => {
      const counted = (tx: ManagedTransaction) =>
        work({
          run: async (query, parameters) => {
            this.options.onQuery?.(query);
            return await withoutCallSite(() => tx.run(query, parameters));
          },
          stream: (query, parameters, visit) => {
            this.options.onQuery?.(query);
            return new Promise<void>((resolve, reject) => {
              let failure: { error: unknown } | undefined;
              withoutCallSite(() => tx.run(query, parameters)).subscribe({
                onNext: (record) => {
                  if (failure) return;
                  try {
                    visit(record);
                  } catch (error) {
                    failure = { error };
                  }
                },
                onCompleted: () => (failure ? reject(failure.error) : resolve()),
                onError: (error) => reject(failure?.error ?? error),
              });
            });
          },
        });
      return mode === 'READ' ? session.executeRead(counted, config) : session.executeWrite(counted, config);
    };
  }

  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    start: StartWork<T>,
    { timeoutMs, tag }: TransactionOptions,
  ): Promise<T> {
    if (this.down) {
      // Known to be down: fail at once on what the last probe found, while a probe in the background
      // (one at a time) finds out when Neo4j answers again.
      const last = this.lastProbe;
      const probing = this.checkHealth();
      probing.catch(() => {});
      const health = last && cannotServe(last.health) ? last.health : await probing;
      if (cannotServe(health)) throw unavailable(`Neo4j is ${health}: ${this.lastProbe?.detail}`);
    }
    const timeout = timeoutMs ?? this.options.transactionTimeoutMs;
    // Bulk writes, with a limit longer than the API's, may legitimately keep Neo4j busy: only their own
    // limit bounds them, not a probe that a busy Neo4j might answer late.
    const watched = timeoutMs === undefined || timeoutMs <= (this.options.transactionTimeoutMs ?? 0);
    const boundMs = (timeout ?? UNLIMITED_TRANSACTION_BOUND_MS) + (this.options.clientGraceMs ?? 2_000);
    const stallCheckAfterMs = this.options.stallCheckAfterMs ?? 2_000;

    const driver = this.driver;
    this.inUse.set(driver, (this.inUse.get(driver) ?? 0) + 1);
    const session = driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.bookmarks,
    });
    const running = start(session, { timeout, metadata: tag ? { app: 'skillgraph', tag } : undefined });

    let answered = false;
    try {
      return await new Promise<T>((resolve, reject) => {
        let settled = false;
        let stallTimer: NodeJS.Timeout | undefined;
        const finish = (settle: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(stallTimer);
          clearTimeout(deadline);
          settle();
        };
        running.then(
          (value) => {
            answered = true;
            finish(() => resolve(value));
          },
          (error: unknown) => {
            answered = true;
            finish(() => reject(this.failed(error, timeout)));
          },
        );
        const checkForStall = async () => {
          const health = await this.checkHealth();
          if (settled) return;
          if (cannotServe(health)) {
            finish(() => reject(unavailable(`Neo4j is ${health}: ${this.lastProbe?.detail}`)));
          } else {
            stallTimer = setTimeout(checkForStall, stallCheckAfterMs);
          }
        };
        if (watched) stallTimer = setTimeout(checkForStall, stallCheckAfterMs);
        const deadline = setTimeout(async () => {
          const health = await this.checkHealth();
          finish(() =>
            reject(
              cannotServe(health)
                ? unavailable(`Neo4j is ${health} and gave no answer within ${boundMs} ms`)
                : executionTimeExceeded(timeout),
            ),
          );
        }, boundMs);
      });
    } finally {
      // A failure to close must not hide the transaction's own outcome. A transaction given up on is
      // closed if it ever ends, or with its driver, which has been replaced when Neo4j was found stalled.
      if (answered) await session.close().catch(() => {});
      else
        void running
          .catch(() => {})
          .finally(() => session.close().catch(() => {}))
          .catch(() => {});
      this.release(driver);
    }
  }

  /** Maps a transaction's failure; one that may mean Neo4j is gone has it probed, so others fail fast. */
  private failed(error: unknown, timeoutMs: number | undefined): unknown {
    const mapped = mapDatabaseError(error, timeoutMs);
    const code = codeOfCause(mapped);
    if (mapped instanceof DatabaseUnavailableError && code !== AUTH_LOCKED && code !== AUTH_REFUSED) {
      void this.checkHealth();
    } else if (!(mapped instanceof DatabaseUnavailableError)) {
      this.down = false;
    }
    return mapped;
  }

  /** Probes Neo4j (one probe at a time, shared by all callers) and records what it found. */
  private checkHealth(): Promise<DatabaseHealth> {
    const last = this.lastProbe;
    if (last?.health === 'unauthorized' && Date.now() - last.at < UNAUTHORIZED_RETRY_MS) {
      return Promise.resolve(last.health);
    }
    this.probing ??= this.probe().then(({ health, detail }) => {
      this.probing = undefined;
      this.lastProbe = { health, detail, at: Date.now() };
      if (cannotServe(health)) this.markDown();
      else if (health !== 'unauthorized') this.down = false;
      return health;
    });
    return this.probing;
  }

  private async probe(): Promise<{ health: DatabaseHealth; detail: string }> {
    const timeoutMs = this.options.probeTimeoutMs ?? 2_000;
    const driver = this.drivers?.probe(timeoutMs) ?? this.driver;
    const session = driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        session.run('RETURN 1').then(
          () => ({ health: 'ok' as const, detail: 'Neo4j answers' }),
          (error: unknown) => ({ health: classifyFailure(error), detail: describeFailure(error) }),
        ),
        new Promise<{ health: DatabaseHealth; detail: string }>((resolve) => {
          timer = setTimeout(
            () => resolve({ health: 'stalled', detail: `no answer to a fresh connection within ${timeoutMs} ms` }),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => {});
      if (driver !== this.driver) void driver.close().catch(() => {});
    }
  }

  /** Neo4j cannot serve: replace the driver once, so no connection of this episode is used again. */
  private markDown(): void {
    if (this.down) return;
    this.down = true;
    if (!this.drivers) return;
    const old = this.driver;
    this.driver = this.drivers.main();
    this.retired.set(old, undefined);
    if (!this.inUse.get(old)) this.closeRetired(old);
  }

  private release(driver: Driver): void {
    const left = (this.inUse.get(driver) ?? 1) - 1;
    if (left > 0) {
      this.inUse.set(driver, left);
      return;
    }
    this.inUse.delete(driver);
    if (this.retired.has(driver) && !this.retired.get(driver)) this.closeRetired(driver);
  }

  /**
   * Closes a replaced driver once no transaction it serves is waited for: closing a driver closes its
   * connections in use too, which frees those of the transactions given up on (never to be reused).
   */
  private closeRetired(driver: Driver): void {
    this.retired.set(
      driver,
      driver
        .close()
        .catch(() => {})
        .finally(() => this.retired.delete(driver)),
    );
  }
}

/**
 * Connection-level failures become DATABASE_UNAVAILABLE and transaction timeouts LIMIT_EXCEEDED;
 * other errors pass through (and are masked as unexpected).
 */
export function mapDatabaseError(error: unknown, timeoutMs?: number): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (TIMEOUT_CODES.has(error.code)) return executionTimeExceeded(timeoutMs);
  // Retryable errors that outlived the driver's retries, and the driver's own connection failures (a
  // connection that cannot be acquired in time, a pool closed after a stall, have no server code) mean
  // the database cannot serve now.
  if (
    UNAVAILABLE_CODES.has(error.code) ||
    isRetryableError(error) ||
    /acquisition|acquire|pool is closed/i.test(error.message)
  ) {
    return new DatabaseUnavailableError(error);
  }
  return error;
}

function executionTimeExceeded(timeoutMs: number | undefined): LimitExceededError {
  return new LimitExceededError(
    'executionTime',
    `The query ran past the execution time limit${timeoutMs ? ` of ${timeoutMs} ms` : ''}; EXECUTION_TIMEOUT_MS sets it.`,
    { max: timeoutMs ?? 0 },
  );
}

function unavailable(reason: string): DatabaseUnavailableError {
  return new DatabaseUnavailableError(new Error(reason));
}

/** The Neo4j code of an error, or of the error a DatabaseUnavailableError wraps. */
function codeOfCause(error: unknown): string | undefined {
  const inner = error instanceof DatabaseUnavailableError ? error.cause : error;
  return inner instanceof Neo4jError ? inner.code : undefined;
}

function classifyFailure(error: unknown): DatabaseHealth {
  const code = error instanceof Neo4jError ? error.code : undefined;
  if (code === AUTH_LOCKED) return 'locked';
  if (code === AUTH_REFUSED) return 'unauthorized';
  if (/acquisition timed out|failed to establish connection in/i.test((error as Error)?.message ?? '')) {
    return 'stalled';
  }
  return 'unreachable';
}

function describeFailure(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  const code = error instanceof Neo4jError && error.code !== 'N/A' ? `${error.code}: ` : '';
  return `${code}${message.split('\n')[0]}`.slice(0, 300);
}

/** A Cypher INTEGER parameter: JavaScript numbers travel as FLOAT, which SKIP, LIMIT and slices refuse. */
export function cypherInteger(value: number) {
  return neo4j.int(Math.trunc(value));
}

/**
 * Whether a Bolt server accepts this login, with a throwaway driver: for the project-managed Neo4j, which
 * is started and checked before (and by commands without) a Database.
 */
export async function tryBoltLogin(
  uri: string,
  credentials: { username: string; password: string },
  timeoutMs = 2_000,
): Promise<{ ok: true } | { ok: false; refused: boolean; error: Error }> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(credentials.username, credentials.password), {
    connectionTimeout: timeoutMs,
  });
  try {
    await driver.verifyConnectivity();
    return { ok: true };
  } catch (error) {
    return { ok: false, refused: (error as { code?: string }).code === AUTH_REFUSED, error: error as Error };
  } finally {
    await driver.close();
  }
}

/** An error Neo4j or its driver raised, with its code (`Neo.…` from the server, a bare word from the driver). */
export function isNeo4jError(value: unknown): value is Neo4jError {
  return value instanceof Neo4jError;
}
