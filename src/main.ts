import { createServer } from 'node:http';
import { join } from 'node:path';
import { runCli } from './cli/run-cli.js';
import { loadConfig } from './config.js';
import { Database } from './database/database.js';
import { applyMigrations, loadMigrations } from './database/migrations.js';
import { defaultLocalNeo4j, type LocalNeo4j } from './local-neo4j/local-neo4j.js';
import { createLogger } from './logger.js';
import { findProjectRoot } from './project-root.js';
import { createApp } from './server/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const projectRoot = findProjectRoot();

  let startedNeo4j: LocalNeo4j | undefined;
  let uri = config.neo4j.uri;
  if (!uri) {
    const localNeo4j = defaultLocalNeo4j(config, projectRoot, (message) => logger.info(message));
    const { alreadyRunning } = await localNeo4j.start();
    if (!alreadyRunning) startedNeo4j = localNeo4j;
    uri = localNeo4j.uri;
    logger.info({ uri, home: localNeo4j.home, alreadyRunning }, 'managed Neo4j is up');
  }

  const database = Database.connect(uri, config.neo4j);
  const stopDatabase = async () => {
    await database.close();
    if (startedNeo4j) {
      logger.info('stopping the managed Neo4j');
      await startedNeo4j.stop();
    }
  };

  try {
    const migrations = await applyMigrations(database, await loadMigrations(join(projectRoot, 'schema', 'migrations')));
    logger.info(
      { applied: migrations.applied.map((m) => m.version), alreadyApplied: migrations.alreadyApplied.length },
      'database schema is up to date',
    );
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const app = createApp({ database, logger, config });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', async (error: NodeJS.ErrnoException) => {
      await stopDatabase();
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${config.port} on ${config.host} is already in use; choose another with PORT.`)
          : error,
      );
    });
    server.listen(config.port, config.host, resolve);
  });
  logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'SkillGraph is serving GraphQL');

  let shuttingDown = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const forceClose = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearTimeout(forceClose);
    await app.dispose();
    await stopDatabase();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

runCli(main);
