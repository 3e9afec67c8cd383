import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type AccessConfig, loadConfig } from '../../src/config.js';
import { createApiKey, revokeApiKey } from '../../src/domain/api-keys.js';
import { createApp } from '../../src/server/app.js';
import { cliCommand } from '../support/service-process.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

const defaults = loadConfig({});
const access = (overrides: Partial<AccessConfig> = {}, rateLimit: Partial<AccessConfig['rateLimit']> = {}) => ({
  access: { ...defaults.access, ...overrides, rateLimit: { ...defaults.access.rateLimit, ...rateLimit } },
});

const CHEAP = '{ __typename }';
const COSTLY = '{ skills(first: 20) { edges { node { key prerequisites(first: 5) { edges { node { key } } } } } } }';

/** `RateLimit: limit=…, remaining=…, reset=…` as numbers. */
function rateLimitOf(headers: Headers): { limit: number; remaining: number; reset: number } {
  const value = headers.get('ratelimit') ?? '';
  const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(value)?.[1]);
  return { limit: field('limit'), remaining: field('remaining'), reset: field('reset') };
}

describe('API keys and rate limits', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      skills: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`skill-${i}`, {}])),
    }),
  });

  it('a key created by the CLI works with either header, and anonymous reads stay on by default', async () => {
    const keys = cliCommand('keys');
    const created = await keys('create', 'learning-app', '--scopes', 'read', '--points-per-minute', '5000');
    const key = created.stdout.trim();
    expect(key).toMatch(/^sg_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/key_[0-9a-f]{16} {2}"learning-app" {2}scopes read {2}5000 points\/min/);

    const listed = await keys('list');
    expect(listed.stdout).toMatch(/"learning-app".*active/);
    expect(listed.stdout + listed.stderr).not.toContain(key);
    expect(listed.stdout + listed.stderr).not.toContain(key.slice(3));

    const app = helper.app();
    const ways: Record<string, string>[] = [{ authorization: `Bearer ${key}` }, { 'x-api-key': key }];
    for (const headers of ways) {
      const { status, body, headers: answer } = await helper.graphql(CHEAP, { app, headers });
      expect(status).toBe(200);
      expect(body.data).toEqual({ __typename: 'Query' });
      // The key's own limit, per minute.
      expect(answer.get('ratelimit-policy')).toBe('5000;w=60');
    }
    const anonymous = await helper.graphql(CHEAP, { app });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('ratelimit-policy')).toBe(`${defaults.access.rateLimit.anonymousPoints};w=60`);

    await expect(keys('create', 'learning-app')).rejects.toMatchObject({
      stderr: expect.stringMatching(/A key named "learning-app" already exists/),
    });
    await expect(keys('revoke', 'no-such-key')).rejects.toMatchObject({
      stderr: expect.stringMatching(/No active key has the id or name "no-such-key"/),
    });
    const revoked = await keys('revoke', 'learning-app');
    expect(revoked.stdout).toMatch(/^Revoked key_.*revoked \d{4}-/);
  }, 60_000);

  it('ANONYMOUS_ACCESS=false: 401 without a key, 403 with a wrong one', async () => {
    const app = helper.app(access({ anonymousAccess: false }));
    const none = await helper.errorOf(CHEAP, { app });
    expect(none.status).toBe(401);
    expect(none.error.extensions.code).toBe('UNAUTHENTICATED');
    expect(none.error.message).toMatch(/Authorization: Bearer <key>.*x-api-key/);

    const wrongKeys = [`sg_${'A'.repeat(43)}`, 'not-even-a-key'];
    for (const wrong of wrongKeys) {
      const { status, error } = await helper.errorOf(CHEAP, { app, headers: { 'x-api-key': wrong } });
      expect(status).toBe(403);
      expect(error.extensions.code).toBe('FORBIDDEN');
    }

    // The CSV export is behind the same door.
    const csv = await app.fetch('http://yoga/export/overlap.csv?roles=a,b');
    expect(csv.status).toBe(401);
    expect((await csv.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a wrong key is refused even while anonymous access is on; made-up keys are rate limited by address', async () => {
    const app = helper.app(access({}, { anonymousPoints: 3, windowSeconds: 1 }));
    const statuses: number[] = [];
    let lookUps = 0;
    for (let i = 0; i < 5; i++) {
      lookUps += await helper.countQueries(async () => {
        const { status, body } = await helper.graphql(CHEAP, {
          app,
          headers: { authorization: `Bearer sg_${String(i).repeat(43)}` },
        });
        statuses.push(status);
        if (status === 403) expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      });
    }
    expect(statuses).toEqual([403, 403, 403, 429, 429]);
    expect(lookUps).toBe(3);
  });

  it('a revoked key is refused (API_KEY_CACHE_MS=0)', async () => {
    const { key, record } = await createApiKey(helper.database, { name: 'short-lived' });
    const app = helper.app(access({ apiKeyCacheMs: 0 }));
    const headers = { 'x-api-key': key };
    expect((await helper.graphql(CHEAP, { app, headers })).status).toBe(200);
    await revokeApiKey(helper.database, record.id);
    const { status, error } = await helper.errorOf(CHEAP, { app, headers });
    expect(status).toBe(403);
    expect(error.message).toMatch(/revoked/);
  });

  it('with the cache on, a revoked key works until its entry expires', async () => {
    const { key } = await createApiKey(helper.database, { name: 'cached' });
    const app = helper.app(access({ apiKeyCacheMs: 500 }));
    const headers = { 'x-api-key': key };
    expect((await helper.graphql(CHEAP, { app, headers })).status).toBe(200);
    await revokeApiKey(helper.database, 'cached');
    expect((await helper.graphql(CHEAP, { app, headers })).status).toBe(200);
    await sleep(600);
    expect((await helper.graphql(CHEAP, { app, headers })).status).toBe(403);
  });

  /** What the query limits price an operation at: its `actual` under a cost limit of 0. */
  const costOf = async (query: string) => {
    const { error } = await helper.errorOf(query, { app: helper.app({ limits: { ...defaults.limits, maxCost: 0 } }) });
    return Number(error.extensions.actual);
  };

  it('a burst past the limit gets 429 with Retry-After and RateLimit headers, and runs again after the window', async () => {
    // `{ __typename }` costs 1: with the request's own point, 2 a time.
    expect(await costOf(CHEAP)).toBe(1);
    const app = helper.app(access({}, { anonymousPoints: 10, windowSeconds: 1 }));
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await helper.graphql(CHEAP, { app }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(rateLimitOf(answers[4]?.headers ?? new Headers())).toMatchObject({ limit: 10, remaining: 0 });
    const refused = answers[5];
    expect(refused?.headers.get('retry-after')).toBe('1');
    expect(refused?.headers.get('ratelimit-policy')).toBe('10;w=1');
    expect(rateLimitOf(refused?.headers ?? new Headers())).toEqual({ limit: 10, remaining: 0, reset: 1 });
    expect(refused?.body.data).toBeUndefined();
    expect(refused?.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });

    // Floods of documents that do not even parse are counted too.
    const garbage = await helper.graphql('{', { app });
    expect(garbage.status).toBe(429);

    // Each address has its own points (behind a trusted proxy, the first X-Forwarded-For hop).
    const proxied = helper.app(access({ trustProxy: true }, { anonymousPoints: 4, windowSeconds: 1 }));
    const from = (address: string) => ({ app: proxied, headers: { 'x-forwarded-for': `${address}, 10.0.0.1` } });
    await helper.graphql(CHEAP, from('192.0.2.1'));
    await helper.graphql(CHEAP, from('192.0.2.1'));
    expect((await helper.graphql(CHEAP, from('192.0.2.1'))).status).toBe(429);
    expect((await helper.graphql(CHEAP, from('192.0.2.2'))).status).toBe(200);

    await sleep(1_100);
    const recovered = await helper.graphql(CHEAP, { app });
    expect(recovered.status).toBe(200);
    expect(rateLimitOf(recovered.headers)).toMatchObject({ limit: 10, remaining: 8 });
  });

  it("a costly query takes its cost from the points, after the request's 1 point, and is refused before it runs", async () => {
    const cost = await costOf(COSTLY);
    expect(cost).toBeGreaterThan(100);

    const app = helper.app(access({}, { anonymousPoints: cost * 2 }));
    const cheap = await helper.graphql(CHEAP, { app });
    expect(rateLimitOf(cheap.headers).remaining).toBe(cost * 2 - 2);
    const costly = await helper.graphql(COSTLY, { app });
    expect(costly.body.errors).toBeUndefined();
    expect(rateLimitOf(costly.headers).remaining).toBe(cost * 2 - 2 - (1 + cost));

    // Not enough left for another: 429, and no Cypher runs.
    let refused: Awaited<ReturnType<typeof helper.graphql>> | undefined;
    const statements = await helper.countQueries(async () => {
      refused = await helper.graphql(COSTLY, { app });
    });
    expect(refused?.status).toBe(429);
    expect(refused?.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(statements).toBe(0);

    // A query dearer than the whole limit says so.
    const small = helper.app(access({}, { anonymousPoints: 50 }));
    const tooDear = await helper.errorOf(COSTLY, { app: small });
    expect(tooDear.status).toBe(429);
    expect(tooDear.error.message).toMatch(/more than the rate limit of 50 points per 60 s allows at all/);
  });

  it('the request log line names the key id, never the key', async () => {
    const { key, record } = await createApiKey(helper.database, { name: 'logged' });
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const { corsOrigins, graphiql, introspection, limits } = defaults;
    const app = createApp({
      database: helper.database,
      logger,
      config: { corsOrigins, graphiql, introspection, limits, ...access() },
    });
    try {
      await helper.graphql(CHEAP, { app, headers: { authorization: `Bearer ${key}` } });
      await helper.graphql('{ nope }', { app, headers: { 'x-api-key': key } });
      await helper.graphql(CHEAP, { app, headers: { 'x-api-key': `${key.slice(0, -1)}x` } });
    } finally {
      await app.dispose();
    }
    const requests = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(requests.map((entry) => [entry.status, entry.apiKeyId])).toEqual([
      [200, record.id],
      [400, record.id],
      [403, undefined],
    ]);
    const all = lines.join('\n');
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(3, 30));
  });
});
