import { pino } from 'pino';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database, type DatabaseOptions } from '../../src/database/database.js';
import { migrateDatabase } from '../../src/database/migrations.js';
import { findProjectRoot } from '../../src/project-root.js';
import { bumpGraphVersion } from '../../src/queries/graph-version.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import type { SeedEntries } from '../../src/seed/read-seed-files.js';
import {
  formatProblem,
  type Importance,
  type Located,
  roleEntry,
  type SeedGraph,
  skillEntry,
  toolEntry,
} from '../../src/seed/seed-model.js';
import { validateSeed } from '../../src/seed/validate-seed.js';
import { type SeedReport, type WriteSeedOptions, writeSeed } from '../../src/seed/write-seed.js';
import { type App, type AppOptions, createApp } from '../../src/server/app.js';

export const projectRoot = findProjectRoot();

const silentLogger = pino({ level: 'silent' });

/** What a current GraphQL-over-HTTP client accepts; legacy clients send `application/json`. */
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

export type AppConfigOverrides = Partial<AppOptions['config']>;

export interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface GraphQLBody<T = any> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

export interface RequestOptions {
  /** The Accept header (default `application/graphql-response+json`). */
  accept?: string;
  /** More request headers: Accept-Encoding, Origin… */
  headers?: Record<string, string>;
  /** The app to ask (default: a new app on the helper's database, so no cache outlives a test's writes). */
  app?: App;
  /** A real server's GraphQL URL, asked over its socket instead of an app in-process. */
  url?: string;
}

export interface GraphQLRequest extends RequestOptions {
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GraphQLResult<T = any> {
  status: number;
  headers: Headers;
  /** The body as received, for checks on the raw text. */
  text: string;
  body: GraphQLBody<T>;
}

/** Cypher statements sent so far by each database connectTestDatabase made, for `countQueries`. */
const statementsSent = new WeakMap<Database, { count: number }>();

/**
 * A connection to the test database (the Neo4j of `tests/support/global-setup.ts`). `uri` reaches it
 * another way, through a proxy say; `options` are the Database's own (time limits, stall checks).
 */
export function connectTestDatabase(options: DatabaseOptions = {}, uri?: string): Database {
  const { uri: testUri, ...neo4jConfig } = inject('neo4j');
  const sent = { count: 0 };
  const onQuery = (query: string) => {
    sent.count += 1;
    options.onQuery?.(query);
  };
  const database = Database.connect(uri ?? testUri, neo4jConfig, { ...options, onQuery });
  statementsSent.set(database, sent);
  return database;
}

/**
 * The one client of the integration tests, after neo4j/graphql's TestHelper: it resets and writes the
 * graph, builds apps with config overrides, sends GraphQL and counts the Cypher statements a request runs.
 *
 * `TestHelper.forSuite()` gives a describe block the test database, migrated and emptied before its first
 * test (so suites never see each other's data) and closed after its last; `new TestHelper(database)`
 * talks to any other database (one that cannot be reached, one behind a proxy).
 */
export class TestHelper {
  #database: Database | undefined;
  #seed: SeedGraph | undefined;

  constructor(database?: Database) {
    this.#database = database;
  }

  /**
   * For a describe block: the test database, migrated and emptied before the suite's first test, then
   * given `seed` — the project's seed (`'project'`, also kept as `helper.seed`) or a hand-made graph.
   */
  static forSuite({ seed }: { seed?: 'project' | SeedGraph } = {}): TestHelper {
    const helper = new TestHelper();
    beforeAll(async () => {
      helper.#database = connectTestDatabase();
      await helper.migrate();
      await helper.resetGraph();
      if (seed) {
        helper.#seed = seed === 'project' ? await loadSeed(projectRoot) : seed;
        await helper.writeGraph(helper.#seed);
      }
    });
    afterAll(async () => {
      await helper.#database?.close();
    });
    return helper;
  }

  get database(): Database {
    if (!this.#database) throw new Error('TestHelper: no database yet (use it in a test or a hook)');
    return this.#database;
  }

  /** The graph `forSuite` wrote. */
  get seed(): SeedGraph {
    if (!this.#seed) throw new Error('TestHelper: the suite was not given a seed');
    return this.#seed;
  }

  /** Applies the project's schema migrations. */
  migrate() {
    return migrateDatabase(this.database, projectRoot);
  }

  /**
   * Deletes every node and relationship (the schema and its migration records stay) and, like every
   * writer, sets a new graph version, so that no cache answers from the old graph. In transactions of
   * 5,000 nodes: a suite after the imports finds the whole ESCO and O*NET graph, whose deletion in one
   * transaction takes most of the test Neo4j's transaction memory (≈ 670 MB with the commit-notices
   * plugin), while other suites write too.
   */
  async resetGraph(): Promise<void> {
    for (;;) {
      const deleted = await this.database.write(async (tx) => {
        const result = await tx.run(
          'MATCH (n) WHERE NOT n:SchemaMigration WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted',
        );
        return Number(result.records[0]?.get('deleted') ?? 0);
      });
      if (deleted === 0) break;
    }
    await this.database.write((tx) => bumpGraphVersion(tx));
  }

  /**
   * Writes a fixture the one way the service's graph is written: through the seed writer, which sets a
   * new graph version when anything changed. Replaces every Role, Skill and Tool unless `reset: false`.
   */
  writeGraph(graph: SeedGraph, options: WriteSeedOptions = {}): Promise<SeedReport> {
    return writeSeed(this.database, graph, { reset: true, ...options });
  }

  /**
   * Raw Cypher, only for graphs the seed cannot express (say why where you call it): it runs in one write
   * transaction that also sets a new graph version, as the seed writer does, for the caches keyed on it.
   */
  async writeCypher(cypher: string, parameters: Record<string, unknown> = {}): Promise<void> {
    await this.database.write(async (tx) => {
      await tx.run(cypher, parameters);
      await bumpGraphVersion(tx);
    });
  }

  /**
   * The service's app on this helper's database (or `database`), with the default config and `overrides`,
   * and app `options` (a change feed to listen to). Unless `overrides` has its own `caching`, the app
   * reads everything from Neo4j, with no in-memory snapshot of the graph, and reads the graph version for
   * every request, without commit notices: what most tests count and race is that path;
   * tests/integration/graph-snapshot.test.ts holds the snapshot to the same answers, and
   * tests/integration/commit-notices.test.ts the notices.
   */
  app(
    overrides: AppConfigOverrides = {},
    database: Database = this.database,
    options: Pick<AppOptions, 'changeFeed'> = {},
  ): App {
    const { corsOrigins, graphiql, introspection, limits, access, persistedOperations, ...config } = loadConfig({});
    const caching = { ...config.caching, graphSnapshotMaxElements: 0, graphCommitNotices: false };
    return createApp({
      ...options,
      database,
      logger: silentLogger,
      config: { corsOrigins, graphiql, introspection, limits, access, caching, persistedOperations, ...overrides },
    });
  }

  /**
   * An app for one client asking a great deal: the anonymous rate limit lifted, no response cache (each
   * answer computed), and the graph snapshot up to `graphSnapshotMaxElements` (0: Neo4j only); commit
   * notices only with `graphCommitNotices`.
   */
  appForOneClient(
    graphSnapshotMaxElements: number,
    database: Database = this.database,
    graphCommitNotices = false,
  ): App {
    const { access, caching } = loadConfig({});
    return this.app(
      {
        access: { ...access, rateLimit: { ...access.rateLimit, anonymousPoints: 2 ** 31 } },
        caching: { ...caching, responseCacheMaxBytes: 0, graphSnapshotMaxElements, graphCommitNotices },
      },
      database,
    );
  }

  /**
   * Until `app` answers a look-up by key (of the role `key`) with the version read alone (`statements`;
   * 0 when commit notices cover): its graph snapshot, built in the background after the version's first
   * request, serves.
   */
  async untilSnapshotServes(app: App, key = 'data-scientist', statements = 1): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await this.countQueries(() => this.data(`{ role(key: "${key}") { key } }`, { app }))) === statements) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the graph snapshot never served');
  }

  /** POSTs `payload` to /graphql: a string as it is (malformed bodies), anything else as JSON. */
  request(payload: unknown, { accept = GRAPHQL_RESPONSE, headers = {}, app, url }: RequestOptions = {}) {
    const init: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept, ...headers },
      body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    };
    if (url) return fetch(url, init);
    return Promise.resolve((app ?? this.app()).fetch('http://yoga/graphql', init));
  }

  /** Sends a GraphQL operation; the body must be JSON. */
  async graphql<T = any>(query: string, { variables, operationName, ...options }: GraphQLRequest = {}) {
    const response = await this.request({ query, variables, operationName }, options);
    const text = await response.text();
    let body: GraphQLBody<T>;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`Not a JSON answer (status ${response.status}): ${text.slice(0, 200)}`);
    }
    return { status: response.status, headers: response.headers, text, body } satisfies GraphQLResult<T>;
  }

  /** The data of an operation that must answer without errors. */
  async data<T = any>(query: string, request: GraphQLRequest = {}): Promise<T> {
    const { body } = await this.graphql<T>(query, request);
    expect(body.errors, query).toBeUndefined();
    return body.data as T;
  }

  /** The status and first error of an operation that must answer with errors. */
  async errorOf(query: string, request: GraphQLRequest = {}) {
    const { status, body } = await this.graphql(query, request);
    expect(body.errors?.length, query).toBeGreaterThan(0);
    const error = body.errors?.[0] as GraphQLErrorBody & { extensions: Record<string, unknown> };
    return { status, error };
  }

  /** How many Cypher statements were sent to the database while `work` ran (whoever sent them). */
  async countQueries(work: () => Promise<unknown>): Promise<number> {
    const sent = statementsSent.get(this.database);
    if (!sent) throw new Error('TestHelper.countQueries: the database was not made by connectTestDatabase');
    const before = sent.count;
    await work();
    return sent.count - before;
  }
}

type Requirement = [skill: string, importance?: Importance, level?: number];

interface Labels {
  /** Default: the key in title case (`data-analyst` → Data Analyst). */
  name?: string;
  aliases?: string[];
  description?: string;
}

/** A hand-made graph, tersely: each entity by key, with only what the test is about. */
export interface GraphFixture {
  roles?: Record<string, Labels & { skills?: Requirement[]; tools?: string[] }>;
  skills?: Record<string, Labels & { category?: string; hours?: number; prerequisites?: string[]; related?: string[] }>;
  tools?: Record<string, Labels & { kind?: string; supports?: string[] }>;
}

/**
 * A valid SeedGraph for `writeGraph`: requirements are ESSENTIAL at level 3 and skills take 10 hours
 * unless said otherwise. Every entry goes through the seed's own schema and validator, so a fixture the
 * seed would refuse (a dangling reference, a shared alias, a prerequisite cycle) throws here.
 */
export function graphFixture(spec: GraphFixture): SeedGraph {
  const title = (key: string) => key.replace(/(^|-)(\w)/g, (_, dash, c) => `${dash ? ' ' : ''}${c.toUpperCase()}`);
  const labels = (key: string, kind: string, entry: Labels) => ({
    key,
    name: entry.name ?? title(key),
    aliases: entry.aliases ?? [],
    description: entry.description ?? `The ${key} ${kind}.`,
  });
  const located = <T extends { key: string }>(section: string, values: T[]): Located<T>[] =>
    values.map((value, index) => ({
      value,
      at: { file: '(fixture)', line: index + 1, entry: `${section}[${index}] (${value.key})` },
    }));
  const entries: SeedEntries = {
    roles: located(
      'roles',
      Object.entries(spec.roles ?? {}).map(([key, role]) =>
        roleEntry.parse({
          ...labels(key, 'role', role),
          skills: (role.skills ?? []).map(([skill, importance = 'ESSENTIAL', level = 3]) => ({
            skill,
            importance,
            level,
          })),
          tools: role.tools ?? [],
        }),
      ),
    ),
    skills: located(
      'skills',
      Object.entries(spec.skills ?? {}).map(([key, skill]) =>
        skillEntry.parse({
          ...labels(key, 'skill', skill),
          category: skill.category ?? 'test',
          learningHours: skill.hours ?? 10,
          prerequisites: skill.prerequisites ?? [],
          related: skill.related ?? [],
        }),
      ),
    ),
    tools: located(
      'tools',
      Object.entries(spec.tools ?? {}).map(([key, tool]) =>
        toolEntry.parse({ ...labels(key, 'tool', tool), kind: tool.kind ?? 'tool', supports: tool.supports ?? [] }),
      ),
    ),
    links: [],
  };
  const { graph, problems } = validateSeed(entries);
  if (!graph) throw new Error(`Not a valid seed graph:\n${problems.map(formatProblem).join('\n')}`);
  return graph;
}
