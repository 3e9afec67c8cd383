import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { printSchema } from 'graphql';
import { type CORSOptions, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { type Config, DEFAULT_CACHING, DEFAULT_EXPORT_CONFIG, DEFAULT_SUBSCRIPTION_CONFIG } from '../config.js';
import type { Database } from '../database/database.js';
import { createGraphCaches } from '../domain/graph-caches.js';
import { GraphChangeFeed } from '../domain/graph-change-feed.js';
import { GraphCommitNotices } from '../domain/graph-commit-notices.js';
import { GraphVersionReader } from '../domain/graph-version-reader.js';
import { watchGraphVersion } from '../domain/graph-version-watch.js';
import { createLoaders } from '../domain/loaders.js';
import type { Context } from '../graphql/context.js';
import { loadExampleQueries } from '../graphql/examples.js';
import { schema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { findProjectRoot } from '../project-root.js';
import { listDataSources, SEED_SOURCE } from '../queries/data-source-queries.js';
import { createDocumentCaches } from './document-cache.js';
import { ExportGate } from './export-gate.js';
import { GRAPHIQL_ASSETS, renderGraphiQLPage } from './graphiql-page.js';
import { type AssetCollection, useHashedAssets } from './hashed-assets.js';
import type { CreateRateLimiter } from './rate-limit-store.js';
import { useAnalystExport } from './use-analyst-export.js';
import { apiKeyIdOf, useApiKeys, writerOf } from './use-api-keys.js';
import { useErrorCodes } from './use-error-codes.js';
import { EXPLORER_ASSETS, useExplorer } from './use-explorer.js';
import { useGraphExport } from './use-graph-export.js';
import { useGraphVersion } from './use-graph-version.js';
import { useHttpCaching } from './use-http-caching.js';
import { useOverlapExport } from './use-overlap-export.js';
import { useOverlapPicture } from './use-overlap-picture.js';
import { usePersistedQueries } from './use-persisted-operations.js';
import { useQueryLimits } from './use-query-limits.js';
import { useReadinessCheck } from './use-readiness-check.js';
import { useRequestBodyLimit } from './use-request-body-limit.js';
import { requestIdOf, useRequestLogging } from './use-request-logging.js';
import { useResponseCache } from './use-response-cache.js';
import { useResponseCompression } from './use-response-compression.js';
import { useSecurityHeaders } from './use-security-headers.js';
import { useStrictRequests } from './use-strict-requests.js';
import { useSubscriptionLimits } from './use-subscription-limits.js';

export interface AppOptions {
  database: Database;
  logger: Logger;
  config: Pick<Config, 'corsOrigins' | 'graphiql' | 'introspection' | 'limits' | 'access'> &
    Partial<Pick<Config, 'caching' | 'persistedOperations' | 'exports' | 'subscriptions'>>;
  /** The rate limiters' store: one shared by every instance (Redis) when several run. @default process memory */
  createRateLimiter?: CreateRateLimiter;
  /**
   * Read the graph's version every `intervalMs`: `graphChanged` subscribers hear of versions written by
   * other processes (a seed, an import, another instance), and with `precompute` bridge skills and the
   * career index are computed ahead of requests when it changes (also when a request sees a new version).
   * Off when absent: subscribers then hear only of this app's own writes.
   */
  graphWatch?: { intervalMs: number; precompute?: boolean };
  /**
   * Where new graph versions are announced (see GraphChangeFeed); closing it ends every `graphChanged`
   * stream, which a server does before draining its connections. The app closes it when disposed.
   * @default a new feed
   */
  changeFeed?: GraphChangeFeed;
}

const GRAPHQL_ENDPOINT = '/graphql';

/** With a list, origins not on it (`null` included, which sandboxed pages send) get no CORS headers at all. */
function corsFor(origins: Config['corsOrigins']): CORSOptions | ((request: Request) => CORSOptions) {
  if (origins === '*') return { origin: '*', credentials: false };
  return (request) => {
    const origin = request.headers.get('origin');
    return origin !== null && origins.includes(origin) ? { origin: [origin], credentials: false } : false;
  };
}

/** The schema and the package's version: what, besides the graph, the answers depend on (for ETags). */
function serviceRevision(): string {
  const { version } = JSON.parse(readFileSync(join(findProjectRoot(), 'package.json'), 'utf8')) as { version: string };
  return createHash('sha256').update(version).update(printSchema(schema)).digest('base64url');
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/**
 * The HTTP app: GraphQL (and GraphiQL) at /graphql, /health and /ready, the explorer at / and its views.
 * Listening is the caller's business.
 */
export function createApp({
  database,
  logger,
  config,
  graphWatch,
  changeFeed = new GraphChangeFeed(),
  createRateLimiter,
}: AppOptions): App {
  const revision = serviceRevision();
  const caching = config.caching ?? DEFAULT_CACHING;
  const caches = createGraphCaches({
    precompute: graphWatch?.precompute ?? false,
    snapshotMaxElements: caching.graphSnapshotMaxElements,
    onError: (what, error) => logger.error({ err: error }, `computing ${what} ahead of requests failed`),
    onSnapshotUnused: (version, reason) =>
      logger.info(
        { graphVersion: version },
        `no in-memory snapshot of this graph version (${reason}): read from Neo4j`,
      ),
  });
  const watch =
    graphWatch &&
    watchGraphVersion(database, {
      intervalMs: graphWatch.intervalMs,
      caches,
      feed: changeFeed,
      onError: (error) => logger.warn({ err: error }, 'could not read the graph version'),
    });
  const notices = caching.graphCommitNotices ? GraphCommitNotices.of(database) : undefined;
  // One read of the graph's version shared by the requests that arrive together (single flight), and
  // none while every commit is announced here before its writer is answered.
  const versions = GraphVersionReader.of(database, caching.graphVersionMaxAgeMs, () => notices?.covering() ?? false);
  const stopNotices = notices?.listen({
    changed: () => versions.forget(),
    unavailable: (reason) => logger.info(`${reason}: every request reads the graph version`),
    failed: (error) =>
      logger.warn({ err: error }, 'commit notices failed: every request reads the graph version until they answer'),
  });
  const responseCache =
    caching.responseCacheMaxBytes > 0 ? useResponseCache({ maxBytes: caching.responseCacheMaxBytes }) : undefined;
  const snapshotAt = (version: string, confirmed: boolean) =>
    (confirmed ? caches.snapshot?.ready(database, version) : caches.snapshot?.peek(version)) ?? undefined;
  // Every new version, written here or seen by the watch, is read afresh by the next request.
  changeFeed.listen(() => versions.forget());
  const createContext = (request: Request): Context => {
    const requestId = requestIdOf(request);
    const apiKeyId = apiKeyIdOf(request);
    return {
      database,
      requestId,
      apiKeyId,
      writer: writerOf(request),
      changeFeed,
      logger: logger.child({ requestId, ...(apiKeyId && { apiKeyId }) }),
      loaders: createLoaders(database, () => versions.current(), snapshotAt),
      caches,
      maxPageSize: config.limits.maxPageSize,
      waitForComputedMs: config.limits.executionTimeoutMs,
    };
  };
  const access = useApiKeys({ database, access: config.access, createRateLimiter });
  // One gate for every /export/… answer: slots, cost and time limits shared by all of them.
  const exportGate = new ExportGate({ config: config.exports ?? DEFAULT_EXPORT_CONFIG, logger, charge: access.charge });
  const persistedOnly = config.persistedOperations?.only ?? false;
  // Both send documents of their own making, which trusted-documents mode refuses: they are off in it.
  const graphiql = config.graphiql && !persistedOnly;
  const plugins: Plugin[] = [
    {
      onDispose: () => {
        stopNotices?.();
        watch?.stop();
        changeFeed.close();
      },
    },
    useRequestLogging(logger, (request) => ({ apiKeyId: apiKeyIdOf(request) })),
    useReadinessCheck(() => database.isReady()),
    access.admission,
    // Before the strict check, which refuses every other non-JSON POST: the exports answer their own 405.
    useGraphExport({ database, logger, gate: exportGate, revision }),
    useOverlapExport(createContext, logger, exportGate, revision),
    useOverlapPicture(createContext, logger, exportGate, revision),
    useAnalystExport(createContext, logger, exportGate),
    useStrictRequests(),
    // Wraps the request parser chosen by then: a plugin that sets another must come before it.
    useRequestBodyLimit(config.limits.maxRequestBytes),
    // Turns a hash into its document before anything parses it.
    usePersistedQueries(config.persistedOperations ?? { only: false }, schema),
    ...useQueryLimits(config.limits),
    // After the limits, which price each operation: its cost is charged to the key or client address,
    // whether the answer is computed, taken from the response cache or a 304.
    access.charging,
    // After the charge, so that a subscription refused by a limit or for its cost holds no slot.
    useSubscriptionLimits(config.subscriptions ?? DEFAULT_SUBSCRIPTION_CONFIG),
    // Then, in this order, before any resolver: the graph version is read, a GET whose ETag still holds
    // gets 304, and a repeat is answered from the response cache.
    useGraphVersion({
      guess: (args) => {
        const version = versions.lastRead();
        return version !== undefined && !responseCache?.holds(version, args) ? version : undefined;
      },
    }),
    useHttpCaching({ maxAgeSeconds: caching.httpMaxAgeSeconds, revision }),
    ...(responseCache ? [responseCache.plugin] : []),
    useErrorCodes({ maxRequestBytes: config.limits.maxRequestBytes, hideSuggestions: !config.introspection }),
    // The path search thread ends with the app (`app.dispose()`).
    { onDispose: () => caches.close() },
  ];
  if (!config.introspection) plugins.push(useDisableIntrospection());
  const assets: AssetCollection[] = [EXPLORER_ASSETS];
  if (graphiql) assets.push(GRAPHIQL_ASSETS);
  plugins.push(useHashedAssets(assets));
  if (!persistedOnly) plugins.push(useExplorer());
  plugins.push(useSecurityHeaders(), useResponseCompression());

  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: graphiql
      ? async () => ({
          title: 'SkillGraph',
          defaultTabs: loadExampleQueries().map(({ query }) => ({ query })),
          // The licences of imported taxonomies ask for their attribution wherever the data is shown.
          attributions: await listDataSources(database).then(
            (sources) => sources.map((source) => source.attribution),
            () => [SEED_SOURCE.attribution],
          ),
        })
      : false,
    // GraphiQL's files are served by the app, not a CDN, so the playground works offline and behind
    // firewalls: hashed, precompressed and cached for good, rather than inlined into a 9 MB page.
    renderGraphiQL: renderGraphiQLPage,
    // A public read API needs no cookies: credentials are never allowed, so no origin can read a
    // visitor's authenticated answers; with a list, only the listed origins are echoed.
    cors: corsFor(config.corsOrigins),
    // useRequestBodyLimit bounds bodies instead, counting only those without a Content-Length.
    maxRequestBodySize: false,
    parserAndValidationCache: createDocumentCaches(),
    multipart: false,
    maskedErrors: true,
    logging: logger.child({ component: 'yoga' }),
    context: ({ request }) => createContext(request),
    plugins,
  });
}
