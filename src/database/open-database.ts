import type { Config } from '../config.js';
import { defaultLocalNeo4j } from '../local-neo4j/local-neo4j.js';
import { Database } from './database.js';

export interface OpenDatabase {
  database: Database;
  uri: string;
  /** Closes the driver, then stops the managed Neo4j if this call started it. */
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI, or, when it is unset, to the project-managed Neo4j, starting it first if it
 * is not running. A Neo4j that was already running is left running on close.
 */
export async function openDatabase(
  config: Config,
  projectRoot: string,
  log: (message: string) => void,
): Promise<OpenDatabase> {
  let stopStartedNeo4j: (() => Promise<unknown>) | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    const localNeo4j = defaultLocalNeo4j(config, projectRoot, log);
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
