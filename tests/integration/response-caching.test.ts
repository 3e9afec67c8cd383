import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { createApiKey } from '../../src/domain/api-keys.js';
import type { App } from '../../src/server/app.js';
import { connectTestDatabase, type GraphFixture, graphFixture, TestHelper } from '../support/test-helper.js';

const VERSION_READ = /\(v:GraphVersion/;

const fixture = (description: string): GraphFixture => ({
  roles: {
    'data-scientist': { description, skills: [['statistics'], ['python'], ['sql', 'OPTIONAL']], tools: ['pandas'] },
    'ml-engineer': { skills: [['python'], ['mlops']] },
  },
  skills: { statistics: {}, python: {}, sql: {}, mlops: { prerequisites: ['python'] } },
  tools: { pandas: { supports: ['python'] } },
});

const ROLE = `query Role($key: String!) {
  role(key: $key) { key description skills(first: 10) { edges { importance node { key } } } tools { edges { node { key } } } }
}`;

/** GET /graphql with the operation in the URL, as a browser or CDN would fetch it. */
function get(app: App, query: string, variables?: object, headers: Record<string, string> = {}) {
  const url = new URL('http://yoga/graphql');
  url.searchParams.set('query', query);
  if (variables) url.searchParams.set('variables', JSON.stringify(variables));
  return app.fetch(url.toString(), { headers: { accept: 'application/graphql-response+json', ...headers } });
}

describe('caching by graph version', () => {
  const helper = TestHelper.forSuite();
  /** A connection of its own, so the test can tell the version read from the queries' own Cypher. */
  let database: Database;
  const sent: string[] = [];
  beforeAll(async () => {
    database = connectTestDatabase({ onQuery: (query) => sent.push(query) });
    await helper.writeGraph(graphFixture(fixture('Finds patterns in data.')));
  });
  afterAll(() => database.close());

  /** The statements `work` sent on the test's connection: the version reads and the others. */
  async function statementsOf(work: () => Promise<unknown>) {
    const before = sent.length;
    await work();
    const statements = sent.slice(before);
    return {
      versionReads: statements.filter((query) => VERSION_READ.test(query)).length,
      others: statements.filter((query) => !VERSION_READ.test(query)).length,
    };
  }

  it('reports the graph version in extensions.graphVersion, equal to the graphVersion field, new after a write', async () => {
    const app = helper.app({}, database);
    const first = await helper.graphql('{ graphVersion stats { roles } }', { app });
    expect(first.body.errors).toBeUndefined();
    const version = first.body.data.graphVersion;
    expect(version).toMatch(/^[0-9a-f-]{36}$/);
    expect((first.body as { extensions?: { graphVersion?: string } }).extensions?.graphVersion).toBe(version);

    // Every executed answer carries it, errors included.
    const notFound = await helper.graphql('{ role(key: "nobody") { key } roles(first: 1) { totalCount } }', { app });
    expect((notFound.body as { extensions?: object }).extensions).toEqual({ graphVersion: version });

    await helper.writeGraph(graphFixture(fixture('Finds patterns in data, and says so.')));
    const after = await helper.graphql('{ graphVersion }', { app });
    expect(after.body.data.graphVersion).not.toBe(version);
    expect((after.body as { extensions?: { graphVersion?: string } }).extensions?.graphVersion).toBe(
      after.body.data.graphVersion,
    );
  });

  it('GET answers carry an ETag and Cache-Control; If-None-Match gets 304 until a seed write changes the graph', async () => {
    const app = helper.app({}, database);
    const first = await get(app, ROLE, { key: 'data-scientist' });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[\w-]{43}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=10, must-revalidate');
    expect(first.headers.get('vary')).toMatch(/Accept\b.*Accept-Encoding/);
    const firstBody = await first.json();

    // Another operation, or other variables, have tags of their own.
    const other = await get(app, ROLE, { key: 'ml-engineer' });
    expect(other.headers.get('etag')).not.toBe(etag);

    // Revalidation: 304, no body, nothing but the version read.
    let notModified: Response | undefined;
    const trips = await statementsOf(async () => {
      notModified = await get(app, ROLE, { key: 'data-scientist' }, { 'if-none-match': etag as string });
    });
    expect(notModified?.status).toBe(304);
    expect(await notModified?.text()).toBe('');
    expect(notModified?.headers.get('etag')).toBe(etag);
    expect(notModified?.headers.get('cache-control')).toBe('public, max-age=10, must-revalidate');
    expect(trips).toEqual({ versionReads: 1, others: 0 });
    // A tag in a list, or its strong form (what an intermediary that decompressed may send), matches too.
    const inList = await get(app, ROLE, { key: 'data-scientist' }, { 'if-none-match': `"x", ${etag?.slice(2)}` });
    expect(inList.status).toBe(304);

    // POSTs are never HTTP-cached.
    const post = await helper.graphql(ROLE, { app, variables: { key: 'data-scientist' } });
    expect(post.headers.get('etag')).toBeNull();
    expect(post.headers.get('cache-control')).toBe('no-store');

    await helper.writeGraph(graphFixture(fixture('Turns data into decisions.')));
    const changed = await get(app, ROLE, { key: 'data-scientist' }, { 'if-none-match': etag as string });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toMatch(/^W\/"[\w-]{43}"$/);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const changedBody = await changed.json();
    expect(changedBody.data.role.description).toBe('Turns data into decisions.');
    expect(changedBody.extensions.graphVersion).not.toBe(firstBody.extensions.graphVersion);
  });

  it('answers with an API key are private and tagged for that key; errors get no ETag', async () => {
    const app = helper.app({}, database);
    const { key } = await createApiKey(helper.database, { name: 'etag-app' });
    const anonymous = await get(app, ROLE, { key: 'data-scientist' });
    const keyed = await get(app, ROLE, { key: 'data-scientist' }, { authorization: `Bearer ${key}` });
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('cache-control')).toBe('private, max-age=10, must-revalidate');
    expect(keyed.headers.get('etag')).not.toBe(anonymous.headers.get('etag'));
    // The anonymous tag does not revalidate the key's answer.
    const crossed = await get(
      app,
      ROLE,
      { key: 'data-scientist' },
      { authorization: `Bearer ${key}`, 'if-none-match': anonymous.headers.get('etag') as string },
    );
    expect(crossed.status).toBe(200);

    const failed = await get(
      app,
      '{ role(key: "nobody") { key } shortestPath(from: "nobody", to: "python") { length } }',
    );
    expect((await failed.json()).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(failed.headers.get('etag')).toBeNull();
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });

  it('answers a repeat from the response cache without running its Cypher, and never from an older graph', async () => {
    const app = helper.app({}, database);
    const ask = (key: string) => helper.graphql(ROLE, { app, variables: { key } });
    const first = await statementsOf(() => ask('data-scientist'));
    expect(first.versionReads).toBe(1);
    expect(first.others).toBeGreaterThanOrEqual(2);

    let repeat: Awaited<ReturnType<typeof ask>> | undefined;
    const second = await statementsOf(async () => {
      repeat = await ask('data-scientist');
    });
    // Only the version read, which every request makes to know which answers are still good.
    expect(second).toEqual({ versionReads: 1, others: 0 });
    expect(repeat?.body.data.role.key).toBe('data-scientist');

    // Other variables are another entry.
    const otherRole = await statementsOf(async () => {
      expect((await ask('ml-engineer')).body.data.role.key).toBe('ml-engineer');
    });
    expect(otherRole.others).toBeGreaterThanOrEqual(2);

    // After a write, the same question is answered from the new graph, and then cached again.
    await helper.writeGraph(graphFixture(fixture('Models uncertainty.')));
    let fresh: Awaited<ReturnType<typeof ask>> | undefined;
    const afterWrite = await statementsOf(async () => {
      fresh = await ask('data-scientist');
    });
    expect(fresh?.body.data.role.description).toBe('Models uncertainty.');
    expect(afterWrite.others).toBeGreaterThanOrEqual(2);
    expect((await statementsOf(() => ask('data-scientist'))).others).toBe(0);
  });

  it('caches no answer with errors, and refuses an operation over the limits before the cache is asked', async () => {
    const app = helper.app({}, database);
    const partial = '{ role(key: "data-scientist") { key } shortestPath(from: "nobody", to: "python") { length } }';
    for (let i = 0; i < 2; i++) {
      const trips = await statementsOf(async () => {
        const { body } = await helper.graphql(partial, { app });
        expect(body.data.role.key).toBe('data-scientist');
        expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      });
      expect(trips.others, `attempt ${i + 1}`).toBeGreaterThan(0);
    }

    // Refused before anything is read: not even the graph version, let alone the cache.
    const strict = helper.app({ limits: { ...loadConfig({}).limits, maxCost: 50 } }, database);
    const costly = '{ roles(first: 100) { edges { node { key skills(first: 10) { totalCount } } } } }';
    for (let i = 0; i < 2; i++) {
      const trips = await statementsOf(async () => {
        const { status, error } = await helper.errorOf(costly, { app: strict });
        expect(status).toBe(400);
        expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
      });
      expect(trips).toEqual({ versionReads: 0, others: 0 });
    }
  });

  it('charges a cached answer like a computed one, so the RateLimit headers depend on nothing another client asked', async () => {
    const app = helper.app({}, database);
    const remaining = (headers: Headers) => Number(/remaining=(\d+)/.exec(headers.get('ratelimit') ?? '')?.[1]);
    const start = remaining((await helper.graphql('{ __typename }', { app })).headers);
    const miss = remaining((await helper.graphql(ROLE, { app, variables: { key: 'ml-engineer' } })).headers);
    const hit = remaining((await helper.graphql(ROLE, { app, variables: { key: 'ml-engineer' } })).headers);
    expect(start - miss).toBeGreaterThan(1);
    expect(miss - hit).toBe(start - miss);
  });

  it('compresses a cached answer when asked, and its ETag stays weak', async () => {
    const app = helper.app({}, database);
    const big = `{ roles(first: 10) { edges { node { key name description skills(first: 10) { edges { importance level node { key name description category learningHours } } } } } } }`;
    const plain = await get(app, big);
    const plainBody = await plain.text();
    expect(plainBody.length).toBeGreaterThan(1024);
    const trips = await statementsOf(async () => {
      const zipped = await get(app, big, undefined, { 'accept-encoding': 'gzip' });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('etag')).toBe(plain.headers.get('etag'));
      expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(plainBody);
    });
    expect(trips).toEqual({ versionReads: 1, others: 0 });
  });

  it('shares one version read among requests that arrive together', async () => {
    const app = helper.app({}, database);
    const burst = await statementsOf(() =>
      Promise.all(Array.from({ length: 20 }, (_, i) => helper.graphql(`{ a${i}: graphVersion }`, { app }))),
    );
    expect(burst.versionReads).toBeLessThanOrEqual(2);
  });

  it('with GRAPH_VERSION_MAX_AGE_MS, answers repeats with no round trip, and still sees this instance’s writes at once', async () => {
    const caching = {
      ...loadConfig({}).caching,
      graphVersionMaxAgeMs: 60_000,
      graphSnapshotMaxElements: 0,
      graphCommitNotices: false,
    };
    const app = helper.app({ caching }, database);
    const ask = () => helper.graphql(ROLE, { app, variables: { key: 'data-scientist' } });
    const first = await ask();
    const repeats = await statementsOf(async () => {
      for (let i = 0; i < 3; i++) expect((await ask()).text).toBe(first.text);
    });
    expect(repeats).toEqual({ versionReads: 0, others: 0 });

    // Another process's write: seen once the watch (or the max age) tells this instance, not before.
    await helper.writeCypher("MATCH (r:Role {key: 'data-scientist'}) SET r.description = 'Written elsewhere.'");
    expect((await ask()).text).toBe(first.text);
    // This instance's own writes announce their version on its feed.
    const { key } = await createApiKey(helper.database, { name: 'max-age-curator', scopes: ['read', 'write'] });
    const { body } = await helper.graphql(
      `mutation { updateRole(input: { key: "data-scientist", description: "Written here." }) { __typename } }`,
      { app, headers: { authorization: `Bearer ${key}` } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.updateRole.__typename).toBe('RolePayload');
    expect((await ask()).body.data.role.description).toBe('Written here.');
  });
});
