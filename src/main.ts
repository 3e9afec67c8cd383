import { createServer } from 'node:http';
import { runCli } from './cli/run-cli.js';
import { loadConfig } from './config.js';
import { migrateDatabase } from './database/migrations.js';
import { openDatabase } from './database/open-database.js';
import { createLogger } from './logger.js';
import { findProjectRoot } from './project-root.js';
import { seedIfEmpty } from './seed/load-seed.js';
import { createApp } from './server/app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const projectRoot = findProjectRoot();

  const { database, uri, close } = await openDatabase(config, projectRoot, (message) => logger.info(message));
  try {
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
  } catch (error) {
    await close();
    throw error;
  }

  const app = createApp({ database, logger, config });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', async (error: NodeJS.ErrnoException) => {
      await close();
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
    await close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

runCli(main);
