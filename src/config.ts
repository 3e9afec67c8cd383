import { z } from 'zod';
import type { QueryLimits } from './server/use-query-limits.js';

const port = z.coerce.number().int().min(1).max(65535);
const memorySize = z.string().regex(/^\d+[kmgKMG]?$/, 'expected a size such as 512m or 2g');
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const neo4jUri = z.string().refine((value) => /^(bolt|neo4j)(\+s|\+ssc)?:\/\//.test(value), {
  message: 'expected a bolt://, bolt+s://, neo4j:// or neo4j+s:// URI',
});

/** Caching of GraphQL answers (src/server/use-response-cache.ts, use-http-caching.ts). */
export interface CachingConfig {
  /** JSON bytes of answers the server-side response cache holds; 0 turns it off. @default 20000000 */
  responseCacheMaxBytes: number;
  /** `max-age` of cacheable GET answers, in seconds, after which clients revalidate (304). @default 10 */
  httpMaxAgeSeconds: number;
  /**
   * How long a read of the graph's version answers later requests without a read of their own: 0 reads it
   * for every request (no answer ever older than the graph); above 0, writes through this instance are
   * still seen at once, others' (a seed, an import, another instance) within this many ms. @default 0
   */
  graphVersionMaxAgeMs: number;
  /**
   * Hear of every commit from Neo4j's commit-notices plugin (neo4j-plugin/, installed in the managed
   * Neo4j) and read the graph's version only after one: never older than the graph, without a read per
   * request. On a Neo4j without the plugin the version is read for every request. @default true
   */
  graphCommitNotices: boolean;
  /**
   * Largest graph (nodes and relationships together) kept whole in memory per version for look-ups,
   * lists and relationship pages (src/domain/graph-snapshot.ts); a larger one is read from Neo4j, as is
   * every new version until its snapshot is built. 0 turns it off. @default 100000
   */
  graphSnapshotMaxElements: number;
}

export const DEFAULT_CACHING: CachingConfig = {
  responseCacheMaxBytes: 20_000_000,
  httpMaxAgeSeconds: 10,
  graphVersionMaxAgeMs: 0,
  graphCommitNotices: true,
  graphSnapshotMaxElements: 100_000,
};

/** Persisted operations (src/server/use-persisted-operations.ts). */
export interface PersistedOperationsConfig {
  /**
   * Trusted documents: only the operations of the manifest run; ad-hoc documents and APQ registrations are
   * refused, and GraphiQL and the explorer are off. @default false
   */
  only: boolean;
  /** The manifest: a JSON object of hash → document, as graphql-codegen's `persisted-documents.json`. */
  manifestFile?: string;
}

/** Seed and import writes are far bigger than any API query, so they get their own time limit. */
export const DEFAULT_WRITE_TIMEOUT_MS = 300_000;

export const DEFAULT_SUBSCRIPTION_CONFIG: SubscriptionConfig = { maxPerClient: 10, maxTotal: 1_000 };

export const DEFAULT_EXPORT_CONFIG: ExportConfig = { concurrency: 2, cost: 1_000, timeoutMs: 300_000 };

const environmentSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NEO4J_URI: neo4jUri.optional(),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters (Neo4j requires it)').default('skillgraph-local'),
  NEO4J_DATABASE: z.string().min(1).default('neo4j'),
  NEO4J_LOCAL_PORT: port.default(7687),
  NEO4J_LOCAL_HEAP: memorySize.default('1g'),
  NEO4J_LOCAL_PAGECACHE: memorySize.default('512m'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGIN: z.string().min(1).default('*'),
  SEED_ON_START: flag.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  GRAPH_WATCH_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  GRAPHIQL: flag.default(true),
  INTROSPECTION: flag.default(true),
  MAX_DEPTH: z.coerce.number().int().min(1).default(15),
  MAX_COST: z.coerce.number().int().min(1).default(50_000),
  MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  MAX_TOKENS: z.coerce.number().int().min(10).default(3_000),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(10),
  MAX_DOCUMENT_LENGTH: z.coerce.number().int().min(100).default(20_000),
  MAX_LIST_SIZE: z.coerce.number().int().min(1).default(100),
  MAX_REQUEST_BYTES: z.coerce.number().int().min(1_000).default(100_000),
  MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(100, 'must be at most 100').default(100),
  EXECUTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  WRITE_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(DEFAULT_WRITE_TIMEOUT_MS),
  ANONYMOUS_ACCESS: flag.default(true),
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).default(10_000),
  TRUST_PROXY: flag.default(false),
  RATE_LIMIT_WINDOW_S: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_ANONYMOUS_POINTS: z.coerce.number().int().min(1).default(60_000),
  RATE_LIMIT_KEY_POINTS: z.coerce.number().int().min(1).default(200_000),
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(0).default(DEFAULT_CACHING.responseCacheMaxBytes),
  HTTP_CACHE_MAX_AGE_S: z.coerce.number().int().min(0).default(DEFAULT_CACHING.httpMaxAgeSeconds),
  GRAPH_VERSION_MAX_AGE_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_CACHING.graphVersionMaxAgeMs),
  GRAPH_COMMIT_NOTICES: flag.default(DEFAULT_CACHING.graphCommitNotices),
  GRAPH_SNAPSHOT_MAX_ELEMENTS: z.coerce.number().int().min(0).default(DEFAULT_CACHING.graphSnapshotMaxElements),
  PERSISTED_ONLY: flag.default(false),
  PERSISTED_OPERATIONS_FILE: z.string().min(1).optional(),
  EXPORT_CONCURRENCY: z.coerce.number().int().min(1).default(DEFAULT_EXPORT_CONFIG.concurrency),
  EXPORT_COST: z.coerce.number().int().min(1).default(DEFAULT_EXPORT_CONFIG.cost),
  EXPORT_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(DEFAULT_EXPORT_CONFIG.timeoutMs),
  MAX_SUBSCRIPTIONS_PER_CLIENT: z.coerce.number().int().min(1).default(DEFAULT_SUBSCRIPTION_CONFIG.maxPerClient),
  MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).default(DEFAULT_SUBSCRIPTION_CONFIG.maxTotal),
});

export interface Config {
  port: number;
  host: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  corsOrigins: string[] | '*';
  seedOnStart: boolean;
  shutdownTimeoutMs: number;
  /**
   * How often the graph's version is read, to start whole-graph computations ahead of requests and to tell
   * `graphChanged` subscribers of changes written by other processes; 0: never.
   */
  graphWatchIntervalMs: number;
  /** Time limit of each seed or import write transaction. */
  writeTimeoutMs: number;
  graphiql: boolean;
  introspection: boolean;
  limits: QueryLimits & {
    /** Bytes in one request body. @default 100000 */
    maxRequestBytes: number;
    /** Largest `first`/`last` of a connection, at most 100. @default 100 */
    maxPageSize: number;
    /** Time limit of each API transaction. @default 10000 */
    executionTimeoutMs: number;
  };
  access: AccessConfig;
  caching: CachingConfig;
  persistedOperations: PersistedOperationsConfig;
  exports: ExportConfig;
  subscriptions: SubscriptionConfig;
  neo4j: {
    /** Absent when the service manages its own local Neo4j. */
    uri?: string;
    username: string;
    password: string;
    database: string;
  };
  localNeo4j: {
    port: number;
    heapSize: string;
    pageCacheSize: string;
  };
}

/** Who may ask, and how much: API keys and rate limits (src/server/use-api-keys.ts). */
/** Whole-graph exports (/export/graph.json and the like): long responses, so limited apart. */
export interface ExportConfig {
  /** Exports running at once, all clients together; each client runs one at a time. @default 2 */
  concurrency: number;
  /** Rate-limit points one export costs. @default 1000 */
  cost: number;
  /** An export still streaming after this long is cut off. @default 300000 */
  timeoutMs: number;
}

/** Open `graphChanged` streams (src/server/use-subscription-limits.ts). */
export interface SubscriptionConfig {
  /** Streams one client (API key or address) may hold open at once. @default 10 */
  maxPerClient: number;
  /** Streams open at once, all clients together. @default 1000 */
  maxTotal: number;
}

export interface AccessConfig {
  /** Requests without a key are served (under the anonymous limit). @default true */
  anonymousAccess: boolean;
  /** How long a key look-up is reused: a revoked key works for at most this long on a running server. @default 10000 */
  apiKeyCacheMs: number;
  /** The client address is the first `x-forwarded-for` hop, not the socket's peer (behind a proxy). @default false */
  trustProxy: boolean;
  rateLimit: {
    /** @default 60 */
    windowSeconds: number;
    /** Points per window for each anonymous client address: above MAX_COST, so any admitted query can run. @default 60000 */
    anonymousPoints: number;
    /** Points per window for each key without its own pointsPerMinute. @default 200000 */
    keyPoints: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; every bad variable is named in one ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(environmentSchema.shape)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name}=${JSON.stringify(present[name])}: ${issue.message}`;
      }),
    );
  }
  const values = parsed.data;
  if (!values.NEO4J_URI && values.NEO4J_USERNAME !== 'neo4j') {
    throw new ConfigError([
      `NEO4J_USERNAME=${JSON.stringify(values.NEO4J_USERNAME)}: the managed Neo4j has only the "neo4j" user; set NEO4J_URI to use another server`,
    ]);
  }
  if (values.PERSISTED_ONLY && !values.PERSISTED_OPERATIONS_FILE) {
    throw new ConfigError([
      'PERSISTED_ONLY=true: set PERSISTED_OPERATIONS_FILE to the manifest of the operations that may run',
    ]);
  }
  return {
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL,
    corsOrigins: values.CORS_ORIGIN === '*' ? '*' : values.CORS_ORIGIN.split(',').map((origin) => origin.trim()),
    seedOnStart: values.SEED_ON_START,
    shutdownTimeoutMs: values.SHUTDOWN_TIMEOUT_MS,
    graphWatchIntervalMs: values.GRAPH_WATCH_INTERVAL_MS,
    writeTimeoutMs: values.WRITE_TIMEOUT_MS,
    graphiql: values.GRAPHIQL,
    introspection: values.INTROSPECTION,
    limits: {
      maxDepth: values.MAX_DEPTH,
      maxCost: values.MAX_COST,
      maxAliases: values.MAX_ALIASES,
      maxTokens: values.MAX_TOKENS,
      maxDirectives: values.MAX_DIRECTIVES,
      maxDocumentLength: values.MAX_DOCUMENT_LENGTH,
      maxListSize: values.MAX_LIST_SIZE,
      maxRequestBytes: values.MAX_REQUEST_BYTES,
      maxPageSize: values.MAX_PAGE_SIZE,
      executionTimeoutMs: values.EXECUTION_TIMEOUT_MS,
    },
    access: {
      anonymousAccess: values.ANONYMOUS_ACCESS,
      apiKeyCacheMs: values.API_KEY_CACHE_MS,
      trustProxy: values.TRUST_PROXY,
      rateLimit: {
        windowSeconds: values.RATE_LIMIT_WINDOW_S,
        anonymousPoints: values.RATE_LIMIT_ANONYMOUS_POINTS,
        keyPoints: values.RATE_LIMIT_KEY_POINTS,
      },
    },
    caching: {
      responseCacheMaxBytes: values.RESPONSE_CACHE_MAX_BYTES,
      httpMaxAgeSeconds: values.HTTP_CACHE_MAX_AGE_S,
      graphVersionMaxAgeMs: values.GRAPH_VERSION_MAX_AGE_MS,
      graphCommitNotices: values.GRAPH_COMMIT_NOTICES,
      graphSnapshotMaxElements: values.GRAPH_SNAPSHOT_MAX_ELEMENTS,
    },
    persistedOperations: {
      only: values.PERSISTED_ONLY,
      ...(values.PERSISTED_OPERATIONS_FILE && { manifestFile: values.PERSISTED_OPERATIONS_FILE }),
    },
    exports: {
      concurrency: values.EXPORT_CONCURRENCY,
      cost: values.EXPORT_COST,
      timeoutMs: values.EXPORT_TIMEOUT_MS,
    },
    subscriptions: {
      maxPerClient: values.MAX_SUBSCRIPTIONS_PER_CLIENT,
      maxTotal: values.MAX_SUBSCRIPTIONS,
    },
    neo4j: {
      uri: values.NEO4J_URI,
      username: values.NEO4J_USERNAME,
      password: values.NEO4J_PASSWORD,
      database: values.NEO4J_DATABASE,
    },
    localNeo4j: {
      port: values.NEO4J_LOCAL_PORT,
      heapSize: values.NEO4J_LOCAL_HEAP,
      pageCacheSize: values.NEO4J_LOCAL_PAGECACHE,
    },
  };
}
