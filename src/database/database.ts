import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import type { Config } from '../config.js';
import { DatabaseUnavailableError } from '../errors.js';

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

/** The only code that talks to the driver: sessions, read/write transactions and error mapping. */
export class Database {
  constructor(
    private readonly driver: Driver,
    readonly name: string,
  ) {}

  static connect(uri: string, neo4jConfig: Config['neo4j']): Database {
    const driver = neo4j.driver(uri, neo4j.auth.basic(neo4jConfig.username, neo4jConfig.password), {
      connectionTimeout: 5_000,
      connectionAcquisitionTimeout: 10_000,
      maxTransactionRetryTime: 5_000,
      disableLosslessIntegers: true,
    });
    return new Database(driver, neo4jConfig.database);
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
    const transactionConfig = { timeout: timeoutMs, metadata: tag ? { app: 'skillgraph', tag } : undefined };
    try {
      return mode === 'READ'
        ? await session.executeRead(work, transactionConfig)
        : await session.executeWrite(work, transactionConfig);
    } catch (error) {
      throw mapDatabaseError(error);
    } finally {
      await session.close();
    }
  }
}

/** Turns the driver's connection-level failures into DatabaseUnavailableError; other errors pass through. */
export function mapDatabaseError(error: unknown): unknown {
  if (error instanceof Neo4jError && UNAVAILABLE_CODES.has(error.code)) {
    return new DatabaseUnavailableError(error);
  }
  return error;
}
