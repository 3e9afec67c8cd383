import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has documented defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'info',
      corsOrigins: '*',
      seedOnStart: true,
      neo4j: { uri: undefined, username: 'neo4j', database: 'neo4j' },
      localNeo4j: { port: 7687, heapSize: '1g', pageCacheSize: '512m' },
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
      NEO4J_USERNAME: 'reader',
      NEO4J_PASSWORD: 'a-long-password',
      NEO4J_DATABASE: 'careers',
      NEO4J_LOCAL_PORT: '7999',
      NEO4J_LOCAL_HEAP: '2g',
      NEO4J_LOCAL_PAGECACHE: '256m',
      LOG_LEVEL: 'debug',
      CORS_ORIGIN: 'https://a.example, https://b.example',
      SEED_ON_START: 'false',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'debug',
      corsOrigins: ['https://a.example', 'https://b.example'],
      seedOnStart: false,
      neo4j: { uri: 'neo4j+s://abc.databases.neo4j.io', username: 'reader', database: 'careers' },
      localNeo4j: { port: 7999, heapSize: '2g', pageCacheSize: '256m' },
    });
  });

  it('turns commit notices off with GRAPH_COMMIT_NOTICES=false, and names a bad value', () => {
    expect(loadConfig({}).caching.graphCommitNotices).toBe(true);
    expect(loadConfig({ GRAPH_COMMIT_NOTICES: 'false' }).caching.graphCommitNotices).toBe(false);
    expect(problemsOf({ GRAPH_COMMIT_NOTICES: 'off' })[0]).toMatch(/^GRAPH_COMMIT_NOTICES="off": /);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', NEO4J_URI: '' }).port).toBe(4000);
  });

  it('names every bad variable and its value at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      NEO4J_URI: 'http://localhost:7474',
      NEO4J_LOCAL_PORT: '70000',
      LOG_LEVEL: 'loud',
      NEO4J_LOCAL_HEAP: 'lots',
    });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^PORT="eighty": /);
    expect(problems.join('\n')).toContain('NEO4J_URI="http://localhost:7474": expected a bolt://');
    expect(problems.join('\n')).toContain('NEO4J_LOCAL_PORT="70000"');
    expect(problems.join('\n')).toContain('LOG_LEVEL="loud"');
    expect(problems.join('\n')).toContain('NEO4J_LOCAL_HEAP="lots": expected a size such as 512m or 2g');
  });

  it('has limits with defaults, and keeps the page size at most 100', () => {
    expect(loadConfig({}).limits).toEqual({
      maxDepth: 15,
      maxCost: 50_000,
      maxAliases: 30,
      maxTokens: 3_000,
      maxDirectives: 10,
      maxDocumentLength: 20_000,
      maxListSize: 100,
      maxRequestBytes: 100_000,
      maxPageSize: 100,
      executionTimeoutMs: 10_000,
    });
    expect(loadConfig({ MAX_LIST_SIZE: '20', MAX_DOCUMENT_LENGTH: '5000' }).limits).toMatchObject({
      maxListSize: 20,
      maxDocumentLength: 5_000,
    });
    expect(problemsOf({ MAX_REQUEST_BYTES: '10' })).toEqual([
      'MAX_REQUEST_BYTES="10": Too small: expected number to be >=1000',
    ]);
    expect(loadConfig({ MAX_PAGE_SIZE: '50', MAX_COST: '900' }).limits).toMatchObject({
      maxPageSize: 50,
      maxCost: 900,
    });
    expect(problemsOf({ MAX_PAGE_SIZE: '500' })).toEqual(['MAX_PAGE_SIZE="500": must be at most 100']);
    expect(loadConfig({ GRAPHIQL: 'false', INTROSPECTION: '0' })).toMatchObject({
      graphiql: false,
      introspection: false,
    });
  });

  it('gives seed and import writes their own, much longer time limit', () => {
    expect(loadConfig({}).writeTimeoutMs).toBe(300_000);
    expect(loadConfig({ WRITE_TIMEOUT_MS: '600000' }).writeTimeoutMs).toBe(600_000);
    expect(problemsOf({ WRITE_TIMEOUT_MS: '10' })).toEqual([
      'WRITE_TIMEOUT_MS="10": Too small: expected number to be >=1000',
    ]);
  });

  it('has access settings: anonymous reads on, a 10 s key cache, limits per 60 s window', () => {
    expect(loadConfig({}).access).toEqual({
      anonymousAccess: true,
      apiKeyCacheMs: 10_000,
      trustProxy: false,
      rateLimit: { windowSeconds: 60, anonymousPoints: 60_000, keyPoints: 200_000 },
    });
    expect(
      loadConfig({
        ANONYMOUS_ACCESS: 'false',
        API_KEY_CACHE_MS: '0',
        TRUST_PROXY: 'true',
        RATE_LIMIT_WINDOW_S: '2',
        RATE_LIMIT_ANONYMOUS_POINTS: '10',
        RATE_LIMIT_KEY_POINTS: '100',
      }).access,
    ).toEqual({
      anonymousAccess: false,
      apiKeyCacheMs: 0,
      trustProxy: true,
      rateLimit: { windowSeconds: 2, anonymousPoints: 10, keyPoints: 100 },
    });
    expect(problemsOf({ ANONYMOUS_ACCESS: 'maybe', RATE_LIMIT_WINDOW_S: '0', API_KEY_CACHE_MS: '-1' })).toHaveLength(3);
  });

  it('rejects a password Neo4j would refuse', () => {
    expect(problemsOf({ NEO4J_PASSWORD: 'short' })).toEqual([
      'NEO4J_PASSWORD="short": must be at least 8 characters (Neo4j requires it)',
    ]);
  });

  it('only allows the neo4j user for the managed database', () => {
    expect(problemsOf({ NEO4J_USERNAME: 'reader' })[0]).toMatch(/managed Neo4j has only the "neo4j" user/);
    expect(loadConfig({ NEO4J_USERNAME: 'reader', NEO4J_URI: 'bolt://db:7687' }).neo4j.username).toBe('reader');
  });

  it('formats the problems into one message', () => {
    expect(() => loadConfig({ PORT: '0' })).toThrow(/Invalid configuration:\n {2}- PORT="0": /);
  });
});
