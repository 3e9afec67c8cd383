import type { Config } from '../config.js';
import { defaultLocalNeo4j, type LocalNeo4j } from '../local-neo4j/local-neo4j.js';
import { Database } from './database.js';

export interface OpenDatabase {
  database: Database;
  uri: string;
  /** Closes the driver, then stops the managed Neo4j if this call started it. */
  close(): Promise<void>;
}

/** What openDatabase needs of the managed Neo4j (tests pass a stand-in). */
export type ManagedNeo4j = Pick<LocalNeo4j, 'uri' | 'start' | 'stop'>;

/**
 * Connects to NEO4J_URI, or, when it is unset, to the project-managed Neo4j, starting it first if it
 * is not running. A Neo4j that was already running (`npm run db:start`, another service) is left
 * running on close; only one this call started is stopped.
 */
export async function openDatabase(
  config: Config,
  projectRoot: string,
  log: (message: string) => void,
  managed?: ManagedNeo4j,
): Promise<OpenDatabase> {
  let stopStartedNeo4j: (() => Promise<unknown>) | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    const localNeo4j = managed ?? defaultLocalNeo4j(config, projectRoot, log);
    const { alreadyRunning } = await localNeo4j.start();
    if (!alreadyRunning) stopStartedNeo4j = () => localNeo4j.stop();
    uri = localNeo4j.uri;
    log(`Managed Neo4j ${alreadyRunning ? 'was already running' : 'started'} on ${uri}.`);
  }
  const database = Database.connect(uri, config.neo4j, { transactionTimeoutMs: config.limits.executionTimeoutMs });
  return {
    database,
    uri,
    async close() {
      await database.close();
      if (stopStartedNeo4j) {
        log('Stopping the managed Neo4j.');
        await stopStartedNeo4j();
      }
    },
  };
}
