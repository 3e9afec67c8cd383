import { createServer } from 'node:http';
import { describeCliFailure, runCli } from './cli/run-cli.js';
import { type Config, loadConfig } from './config.js';
import type { DatabaseHealth } from './database/database.js';
import { migrateDatabase } from './database/migrations.js';
import { type OpenDatabase, openDatabase } from './database/open-database.js';
import { GraphChangeFeed } from './domain/graph-change-feed.js';
import { createLogger } from './logger.js';
import { findProjectRoot } from './project-root.js';
import { seedIfEmpty } from './seed/load-seed.js';
import { type App, createApp } from './server/app.js';
import { type GracefulServer, gracefulServer } from './server/graceful-server.js';

/** How long start-up waits, with backoff, for a Neo4j that does not answer yet or whose user is locked. */
const START_WAIT_MS = 30_000;

/** A start-up failure whose message says all there is to say. */
class StartFailure extends Error {}

async function main(): Promise<void> {
  // A bad configuration is reported by runCli, in one message, before there is a logger.
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const projectRoot = findProjectRoot();

  let opening: Promise<OpenDatabase> | undefined;
  let app: App | undefined;
  let server: GracefulServer | undefined;
  let stopping: Promise<void> | undefined;
  const changeFeed = new GraphChangeFeed();

  // Installed first, so that Ctrl+C while Neo4j starts or the graph is seeded still stops what was started.
  const shutdown = (signal: NodeJS.Signals) => {
    stopping ??= (async () => {
      logger.info({ signal }, 'shutting down: draining in-flight requests');
      try {
        // Ends every graphChanged stream first: they never finish by themselves, and draining waits for them.
        changeFeed.close();
        if (server) {
          const { cut } = await server.drain(config.shutdownTimeoutMs);
          if (cut > 0) logger.warn({ cut }, `cut ${cut} connections still busy after SHUTDOWN_TIMEOUT_MS`);
        }
        await app?.dispose();
      } finally {
        // A Neo4j still starting is waited for, then stopped (only if this process started it).
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
    // Rides out a Neo4j still starting, or a user locked by someone else's failed logins.
    const { health, detail } = await database.waitUntilAvailable(START_WAIT_MS, (found, why, retryInMs) =>
      logger.warn({ health: found, detail: why, retryInMs }, `waiting for Neo4j at ${uri}: ${found}`),
    );
    if (health !== 'ok') throw new StartFailure(startFailureMessage(health, detail, uri, config));
    const migrations = await migrateDatabase(database, projectRoot);
    logger.info(
      { uri, applied: migrations.applied.map((m) => m.version), alreadyApplied: migrations.alreadyApplied.length },
      'database schema is up to date',
    );
    if (config.seedOnStart) {
      const report = await seedIfEmpty(database, projectRoot, { timeoutMs: config.writeTimeoutMs });
      if (report) logger.info({ seed: report }, 'seeded the empty graph');
      else logger.info('graph already has data; not seeding');
    }

    app = createApp({
      database,
      logger,
      config,
      changeFeed,
      ...(config.graphWatchIntervalMs > 0 && {
        graphWatch: { intervalMs: config.graphWatchIntervalMs, precompute: true },
      }),
    });
    const listening = createServer(app);
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new StartFailure(`Port ${config.port} on ${config.host} is already in use; choose another with PORT.`)
            : error,
        );
      listening.once('error', onError);
      listening.listen(config.port, config.host, () => {
        listening.off('error', onError);
        resolve();
      });
    });
    server = gracefulServer(listening);
    listening.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
    logger.info({ url: `http://${config.host}:${config.port}/graphql` }, 'SkillGraph is serving GraphQL');
  } catch (error) {
    // Interrupted while starting: the shutdown under way stops what was started and exits.
    if (stopping) return;
    // One line that says what went wrong (the stack only with DEBUG=1), then what was started is stopped.
    const reason = error instanceof StartFailure ? error.message : describeCliFailure(error, process.env);
    logger.fatal(`SkillGraph could not start: ${reason}`);
    await (await opening?.catch(() => undefined))?.close().catch(() => {});
    process.exit(1);
  }
}

function startFailureMessage(health: DatabaseHealth, detail: string, uri: string, config: Config): string {
  const user = config.neo4j.username;
  switch (health) {
    case 'unauthorized':
      return `Neo4j at ${uri} refused the login of user "${user}" (${detail}); set NEO4J_USERNAME and NEO4J_PASSWORD to its credentials.`;
    case 'locked':
      return (
        `The Neo4j user "${user}" at ${uri} stayed locked for ${START_WAIT_MS / 1000} s after too many failed logins: ` +
        'something that reaches Neo4j keeps trying wrong passwords for that user.'
      );
    default:
      return `Neo4j at ${uri} did not answer within ${START_WAIT_MS / 1000} s (${detail}); start it, or check NEO4J_URI.`;
  }
}

runCli(main);
