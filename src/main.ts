import { createServer, type Server } from 'node:http';
import { runCli } from './cli/run-cli.js';
import { loadConfig } from './config.js';
import { migrateDatabase } from './database/migrations.js';
import { type OpenDatabase, openDatabase } from './database/open-database.js';
import { createLogger } from './logger.js';
import { findProjectRoot } from './project-root.js';
import { seedIfEmpty } from './seed/load-seed.js';
import { type App, createApp } from './server/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const projectRoot = findProjectRoot();

  let opening: Promise<OpenDatabase> | undefined;
  let app: App | undefined;
  let server: Server | undefined;
  let stopping: Promise<void> | undefined;

  // Installed first, so that Ctrl+C while Neo4j starts or the graph is seeded still stops what was started.
  const shutdown = (signal: NodeJS.Signals) => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down: draining in-flight requests');
      try {
        if (server) {
          const listening = server;
          const forceClose = setTimeout(() => listening.closeAllConnections(), config.shutdownTimeoutMs);
          await new Promise<void>((resolve) => {
            listening.close(() => resolve());
            listening.closeIdleConnections();
          });
          clearTimeout(forceClose);
        }
        await app?.dispose();
      } finally {
        // A Neo4j still starting is waited for, then stopped.
        const opened = await opening?.catch(() => undefined);
        await opened?.close();
      }
    })().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  try {
    opening = openDatabase(config, projectRoot, (message) => logger.info(message));
    const { database, uri } = await opening;
    const migrations = await migrateDatabase(database, projectRoot);
    logger.info(
      { uri, applied: migrations.applied.map((m) => m.version), alreadyApplied: migrations.alreadyApplied.length },
      'database schema is up to date',
    );
    if (config.seedOnStart) {
      const report = await seedIfEmpty(database, projectRoot);
      if (report) logger.info({ seed: report }, 'seeded the empty graph');
      else logger.info('graph already has data; not seeding');
    }

    app = createApp({ database, logger, config });
    const listening = createServer(app);
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(`Port ${config.port} on ${config.host} is already in use; choose another with PORT.`)
            : error,
        );
      listening.once('error', onError);
      listening.listen(config.port, config.host, () => {
        listening.off('error', onError);
        resolve();
      });
    });
    server = listening;
    listening.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
    logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'SkillGraph is serving GraphQL');
  } catch (error) {
    if (!stopping) await (await opening?.catch(() => undefined))?.close().catch(() => {});
    throw error;
  }
}

runCli(main);
