import neo4j, { type Driver, isRetryableError, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import type { Config } from '../config.js';
import { DatabaseUnavailableError, LimitExceededError } from '../errors.js';

export interface TransactionOptions {
  /** Server-side timeout for the transaction. */
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

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

export interface DatabaseOptions {
  /** Server-side timeout of every transaction that does not set its own; past it: LIMIT_EXCEEDED. */
  transactionTimeoutMs?: number;
}

/** The only code that talks to the driver: sessions, read/write transactions and error mapping. */
export class Database {
  /** Cypher statements sent so far; tests compare it before and after a request. */
  roundTrips = 0;

  constructor(
    private readonly driver: Driver,
    readonly name: string,
    private readonly options: DatabaseOptions = {},
  ) {}

  static connect(uri: string, neo4jConfig: Config['neo4j'], options: DatabaseOptions = {}): Database {
    const driver = neo4j.driver(uri, neo4j.auth.basic(neo4jConfig.username, neo4jConfig.password), {
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
      maxTransactionRetryTime: 5_000,
      disableLosslessIntegers: true,
    });
    return new Database(driver, neo4jConfig.database, options);
  }

  read<T>(work: (tx: ManagedTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.inSession('READ', work, options);
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return this.inSession('WRITE', work, options);
  }

  /** True when the database answers a query within `timeoutMs`; one attempt, no retries (for /ready). */
  async isReady(timeoutMs = 2_000): Promise<boolean> {
    const session = this.driver.session({ database: this.name, defaultAccessMode: neo4j.session.READ });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      const answered = session.run('RETURN 1').then(
        () => true,
        () => false,
      );
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(timer);
      void session.close().catch(() => {});
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    work: (tx: ManagedTransaction) => Promise<T>,
    { timeoutMs, tag }: TransactionOptions,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.name,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const timeout = timeoutMs ?? this.options.transactionTimeoutMs;
    const transactionConfig = { timeout, metadata: tag ? { app: 'skillgraph', tag } : undefined };
    const counted = (tx: ManagedTransaction) =>
      work({
        run: (query: string, parameters?: Record<string, unknown>) => {
          this.roundTrips += 1;
          return tx.run(query, parameters);
        },
      } as ManagedTransaction);
    try {
      return mode === 'READ'
        ? await session.executeRead(counted, transactionConfig)
        : await session.executeWrite(counted, transactionConfig);
    } catch (error) {
      throw mapDatabaseError(error, timeout);
    } finally {
      // A failure to close must not hide the transaction's own outcome.
      await session.close().catch(() => {});
    }
  }
}

/**
 * Connection-level failures become DATABASE_UNAVAILABLE and transaction timeouts LIMIT_EXCEEDED;
 * other errors pass through (and are masked as unexpected).
 */
export function mapDatabaseError(error: unknown, timeoutMs?: number): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (TIMEOUT_CODES.has(error.code)) {
    return new LimitExceededError(
      'executionTime',
      `The query ran past the execution time limit${timeoutMs ? ` of ${timeoutMs} ms` : ''}; EXECUTION_TIMEOUT_MS sets it.`,
      { max: timeoutMs ?? 0 },
    );
  }
  // Retryable errors that outlived the driver's retries, and the driver's own connection failures (a
  // connection that cannot be acquired in time has no server code) mean the database cannot serve now.
  if (UNAVAILABLE_CODES.has(error.code) || isRetryableError(error) || /acquisition|acquire/i.test(error.message)) {
    return new DatabaseUnavailableError(error);
  }
  return error;
}

/** A Cypher INTEGER parameter: JavaScript numbers travel as FLOAT, which SKIP, LIMIT and slices refuse. */
export function cypherInteger(value: number) {
  return neo4j.int(Math.trunc(value));
}
