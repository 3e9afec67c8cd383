import { connect, createServer, type Server, type Socket } from 'node:net';
import neo4j from 'neo4j-driver';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Database, DatabaseOptions } from '../../src/database/database.js';
import { DatabaseUnavailableError, LimitExceededError } from '../../src/errors.js';
import { connectTestDatabase, graphFixture, TestHelper } from '../support/test-helper.js';

/**
 * A TCP proxy in front of Neo4j that can stall like a SIGSTOPped JVM: connections are still accepted
 * (the kernel does that for a stopped process) but no byte goes either way until `thaw()`. With
 * `abandonStalled`, the connections of the stall never answer again while new ones work: connections
 * lost in a network blackhole, which the driver must not reuse.
 */
async function startStallingProxy(target: URL) {
  let stalled = false;
  const pairs = new Set<{ client: Socket; upstream: Socket; abandoned: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    const pair = { client, upstream, abandoned: false };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('close', drop);
    upstream.on('close', drop);
    client.on('error', drop);
    upstream.on('error', drop);
    if (stalled) {
      client.pause();
      upstream.pause();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    uri: `bolt://127.0.0.1:${address.port}`,
    stall() {
      stalled = true;
      for (const { client, upstream } of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    thaw({ abandonStalled = false } = {}) {
      stalled = false;
      for (const pair of pairs) {
        if (abandonStalled) pair.abandoned = true;
        if (pair.abandoned) continue;
        pair.client.resume();
        pair.upstream.resume();
      }
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The promise's outcome and how long it took; `timedOut` when it has not settled within `limitMs`. */
async function timed<T>(promise: Promise<T>, limitMs = 12_000) {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    ),
    new Promise<{ timedOut: true }>((resolve) => {
      timer = setTimeout(() => resolve({ timedOut: true }), limitMs);
    }),
  ]);
  clearTimeout(timer);
  return { ...outcome, ms: performance.now() - started } as {
    value?: T;
    error?: unknown;
    timedOut?: true;
    ms: number;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const countEntities = (database: Database, options = {}) =>
  database.read(async (tx) => (await tx.run('MATCH (n:Entity) RETURN count(n) AS n')).records[0]?.get('n'), options);

describe('a Neo4j that stalls (a stopped JVM, a blackholed network)', () => {
  const helper = TestHelper.forSuite({ seed: graphFixture({ roles: { 'data-analyst': {} } }) });
  const target = inject('neo4j');
  let proxy: Awaited<ReturnType<typeof startStallingProxy>>;
  let opened: Database[] = [];
  const viaProxy = (options: DatabaseOptions) => {
    const database = connectTestDatabase(options, proxy.uri);
    opened.push(database);
    return database;
  };

  afterEach(async () => {
    proxy?.thaw();
    await Promise.all(opened.map((database) => database.close()));
    opened = [];
    await proxy?.close();
  });

  it('answers queries with DATABASE_UNAVAILABLE within a few seconds and /ready with 503, then recovers', async () => {
    proxy = await startStallingProxy(new URL(target.uri.replace(/^bolt/, 'http')));
    // As the service opens it: the API's 10 s execution limit, everything else at its defaults.
    const database = viaProxy({ transactionTimeoutMs: 10_000 });
    const app = helper.app({}, database);
    const lookUp = () => helper.graphql('{ role(key: "data-analyst") { name } }', { app });
    expect((await lookUp()).body.data).toEqual({
      role: { name: 'Data Analyst' },
    });

    proxy.stall();
    const [query, ready] = await Promise.all([timed(lookUp()), timed(Promise.resolve(app.fetch('http://yoga/ready')))]);
    expect(query.timedOut).toBeUndefined();
    expect(query.value?.body.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'DATABASE_UNAVAILABLE' } }),
    ]);
    expect(query.ms).toBeLessThan(6_000);
    expect(ready.value?.status).toBe(503);
    expect(ready.ms).toBeLessThan(3_000);

    // Once it is known to be stalled, further queries are refused at once rather than after the wait.
    const next = await timed(lookUp());
    expect(next.value?.body.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
    expect(next.ms).toBeLessThan(500);

    proxy.thaw();
    const recovered = await timed(
      (async () => {
        for (;;) {
          const { body } = await lookUp();
          if (body.data?.role) return body;
          await sleep(200);
        }
      })(),
    );
    expect(recovered.timedOut).toBeUndefined();
    expect(recovered.ms).toBeLessThan(5_000);
    expect((await app.fetch('http://yoga/ready')).status).toBe(200);
  });

  it('does not reuse the connections of the stall: queries work again once new connections do', async () => {
    proxy = await startStallingProxy(new URL(target.uri.replace(/^bolt/, 'http')));
    const database = viaProxy({ transactionTimeoutMs: 10_000, stallCheckAfterMs: 500, probeTimeoutMs: 1_000 });
    // Several pooled connections, all idle when the stall begins.
    await Promise.all(Array.from({ length: 4 }, () => countEntities(database)));
    proxy.stall();
    const during = await timed(countEntities(database));
    expect(during.error).toBeInstanceOf(DatabaseUnavailableError);
    // The connections of the stall never answer again; new connections do.
    proxy.thaw({ abandonStalled: true });
    const after = await timed(
      (async () => {
        for (;;) {
          try {
            return await countEntities(database);
          } catch {
            await sleep(100);
          }
        }
      })(),
      8_000,
    );
    expect(after.timedOut).toBeUndefined();
    expect(after.value).toBe(1);
  });

  it('bounds a transaction with its own longer time limit by that limit, not the API default', async () => {
    proxy = await startStallingProxy(new URL(target.uri.replace(/^bolt/, 'http')));
    const options = { transactionTimeoutMs: 1_000, stallCheckAfterMs: 500, probeTimeoutMs: 1_000, clientGraceMs: 500 };
    const database = viaProxy(options);
    await countEntities(database);

    // A stall of 3 s: past the API's bound (1 s + 0.5 s), well within the 20 s of a bulk write.
    proxy.stall();
    const longWrite = timed(
      database.write(async (tx) => (await tx.run('MATCH (n:Entity) RETURN count(n) AS n')).records[0]?.get('n'), {
        timeoutMs: 20_000,
      }),
    );
    const apiRead = await timed(countEntities(database));
    expect(apiRead.error).toBeInstanceOf(DatabaseUnavailableError);
    expect(apiRead.ms).toBeLessThan(3_000);
    await sleep(3_000 - apiRead.ms);
    proxy.thaw();
    const write = await longWrite;
    expect(write.error).toBeUndefined();
    expect(write.value).toBe(1);
  });

  it('gives up on a longer transaction once its own limit has passed without an answer', async () => {
    proxy = await startStallingProxy(new URL(target.uri.replace(/^bolt/, 'http')));
    const options = { transactionTimeoutMs: 500, stallCheckAfterMs: 500, probeTimeoutMs: 1_000, clientGraceMs: 500 };
    const database = viaProxy(options);
    await countEntities(database);
    proxy.stall();
    const write = await timed(countEntities(database, { timeoutMs: 2_000 }));
    expect(write.error).toBeInstanceOf(DatabaseUnavailableError);
    // Its limit (2 s), the grace (0.5 s) and the probe that finds Neo4j stalled (1 s).
    expect(write.ms).toBeGreaterThan(2_400);
    expect(write.ms).toBeLessThan(5_000);
  });
});

describe('a query that runs past its limit while Neo4j answers', () => {
  it('is LIMIT_EXCEEDED, not DATABASE_UNAVAILABLE', async () => {
    const database = connectTestDatabase({ transactionTimeoutMs: 500 });
    try {
      const slow = await timed(database.read((tx) => tx.run('CALL apoc.util.sleep(3000)')));
      expect(slow.error).toBeInstanceOf(LimitExceededError);
      expect(slow.ms).toBeLessThan(3_000);
    } finally {
      await database.close();
    }
  });
});

describe('the neo4j user locked by failed logins from elsewhere', () => {
  const helper = TestHelper.forSuite();
  const target = inject('neo4j');

  /** What anyone who reaches Bolt can do: a few logins with a wrong password lock the user for everyone. */
  async function lockTheUser() {
    for (let attempt = 0; attempt < 4; attempt++) {
      const intruder = neo4j.driver(target.uri, neo4j.auth.basic(target.username, 'not-the-password'));
      await intruder.verifyConnectivity().catch(() => {});
      await intruder.close();
    }
  }

  it('answers /ready with 503 and new logins with DATABASE_UNAVAILABLE quickly, then recovers by itself', async () => {
    const app = helper.app();
    expect((await app.fetch('http://yoga/ready')).status).toBe(200);
    const cold = connectTestDatabase({ transactionTimeoutMs: 10_000 });
    try {
      await lockTheUser();
      const locked = Date.now();
      // The service's warm connections still work, but it cannot log in: not ready. /ready may answer
      // from a probe of the last half-second; after that it has logged in afresh.
      const notReady = await timed(
        (async () => {
          for (let attempt = 0; attempt < 20; attempt++) {
            const { status } = await app.fetch('http://yoga/ready');
            if (status === 503) return status;
            await sleep(100);
          }
          return 200;
        })(),
      );
      expect(notReady.value).toBe(503);
      expect(notReady.ms).toBeLessThan(1_000);
      const refused = await timed(countEntities(cold));
      expect(refused.error).toBeInstanceOf(DatabaseUnavailableError);
      expect(refused.ms).toBeLessThan(2_000);

      // Neo4j unlocks the user 5 s after the last failed attempt; nothing needs restarting.
      const recovered = await timed(
        (async () => {
          while ((await app.fetch('http://yoga/ready')).status !== 200) await sleep(250);
          return countEntities(cold);
        })(),
        15_000,
      );
      expect(recovered.value).toBe(0);
      expect(Date.now() - locked).toBeLessThan(10_000);
    } finally {
      await cold.close();
    }
  });
});
