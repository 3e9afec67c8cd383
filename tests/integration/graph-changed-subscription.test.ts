import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-sse';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type GraphChangedEvent, GraphChangeFeed } from '../../src/domain/graph-change-feed.js';
import { readGraphVersion } from '../../src/queries/graph-version.js';
import { type App, type AppOptions, createApp } from '../../src/server/app.js';
import { EventStreamReader } from '../support/event-stream.js';
import { type AppConfigOverrides, graphFixture, TestHelper } from '../support/test-helper.js';

const GRAPH_CHANGED = 'subscription { graphChanged { version changedAt changes { kind key operation } } }';

const CHANGE: GraphChangedEvent = {
  version: 'v-published',
  changedAt: '2026-11-27T13:00:00.000Z',
  changes: [
    { kind: 'Skill', key: 'statistics', operation: 'UPDATE' },
    { kind: 'REQUIRES', key: 'data-scientist->statistics', operation: 'CREATE' },
  ],
};

interface Served {
  app: App;
  feed: GraphChangeFeed;
  url: string;
  /** Ends the app (its streams with it), then the server. */
  close(): Promise<void>;
}

const opened: Served[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((served) => served.close()));
});

describe('graphChanged over Server-Sent Events', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({ roles: { 'data-scientist': { skills: [['statistics']] } }, skills: { statistics: {} } }),
  });

  /** The service's app on a real HTTP server (a loopback port of the system's choosing). */
  async function serve(
    overrides: AppConfigOverrides = {},
    options: Pick<AppOptions, 'graphWatch'> = {},
  ): Promise<Served> {
    const { corsOrigins, graphiql, introspection, limits, access, caching, persistedOperations } = loadConfig({});
    const feed = new GraphChangeFeed();
    const app = createApp({
      database: helper.database,
      logger: pino({ level: 'silent' }),
      config: { corsOrigins, graphiql, introspection, limits, access, caching, persistedOperations, ...overrides },
      changeFeed: feed,
      ...options,
    });
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    let closed = false;
    const served: Served = {
      app,
      feed,
      url: `http://127.0.0.1:${port}/graphql`,
      async close() {
        if (closed) return;
        closed = true;
        await app.dispose();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
    opened.push(served);
    return served;
  }

  /** Opens the subscription and waits for its stream to start (yoga's first keep-alive comment). */
  async function subscribe(url: string, options: Parameters<typeof EventStreamReader.open>[2] = {}) {
    const stream = await EventStreamReader.open(url, { query: GRAPH_CHANGED }, options);
    expect(stream.response.status).toBe(200);
    const deadline = performance.now() + 5_000;
    while (stream.comments === 0 && !stream.ended && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return stream;
  }

  it('a subscriber receives the change published to the feed, with what changed', async () => {
    const { feed, url } = await serve();
    const stream = await subscribe(url);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // Never cached or revalidated: a stream has no ETag, and says so.
    expect(stream.response.headers.get('etag')).toBeNull();
    expect(stream.response.headers.get('cache-control')).toBe('no-cache');
    expect(stream.response.headers.get('ratelimit')).toMatch(/remaining=/);

    feed.publish(CHANGE);
    const event = await stream.next();
    expect(event).toMatchObject({ event: 'next', data: { data: { graphChanged: CHANGE } } });
    stream.close();
  });

  it('a subscriber hears of a version written by another process, with changes null; the version at start is no change', async () => {
    const { url } = await serve({}, { graphWatch: { intervalMs: 100 } });
    const stream = await subscribe(url);
    // The watch's first reads find the version the graph already had: nothing to announce.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stream.pending).toEqual([]);

    await helper.writeCypher("MATCH (s:Skill {key: 'statistics'}) SET s.learningHours = 12");
    const version = await readGraphVersion(helper.database);
    const event = await stream.next();
    expect(event).toMatchObject({ event: 'next', data: { data: { graphChanged: { version, changes: null } } } });
    const { changedAt } = (event as { data: { data: { graphChanged: GraphChangedEvent } } }).data.data.graphChanged;
    expect(Math.abs(Date.parse(changedAt) - Date.now())).toBeLessThan(60_000);
    // The same version is announced once, however often the watch reads it.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stream.pending).toEqual([]);
    stream.close();
  });

  it('a version this server announced itself is not announced again when the watch reads it', async () => {
    const { feed, url } = await serve({}, { graphWatch: { intervalMs: 100 } });
    const stream = await subscribe(url);
    await helper.writeCypher("MATCH (s:Skill {key: 'statistics'}) SET s.learningHours = 13");
    // As a mutation would: announce the version it committed, with its changes, before the watch reads it.
    const version = await readGraphVersion(helper.database);
    feed.publish({ ...CHANGE, version });
    const event = await stream.next();
    expect(event).toMatchObject({ data: { data: { graphChanged: { version, changes: CHANGE.changes } } } });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(stream.pending).toEqual([]);
    stream.close();
  });

  it('works with the graphql-sse client in distinct connections mode, as the README recommends', async () => {
    const { feed, url } = await serve();
    // The app listens too (a new version is read afresh by the next request).
    const ownListeners = feed.listenerCount;
    const client = createClient({ url, retryAttempts: 0 });
    const events = client.iterate<{ graphChanged: GraphChangedEvent }>({ query: GRAPH_CHANGED });
    const first = events.next();
    // The client connects when first asked; publish once the server has its listener.
    while (feed.listenerCount === ownListeners) await new Promise((resolve) => setTimeout(resolve, 10));
    feed.publish(CHANGE);
    expect((await first).value).toEqual({ data: { graphChanged: CHANGE } });
    await events.return?.(undefined);
    client.dispose();
  });

  it('over GET, as EventSource sends it, too', async () => {
    const { feed, url } = await serve();
    const stream = await subscribe(url, { method: 'GET' });
    feed.publish(CHANGE);
    expect(await stream.next()).toMatchObject({ data: { data: { graphChanged: { version: CHANGE.version } } } });
    stream.close();
  });

  it('keeps an idle stream alive with comments', async () => {
    const { url } = await serve();
    const stream = await subscribe(url);
    const before = stream.comments;
    // yoga pings every 12 s, every 300 ms under NODE_ENV=test (which vitest sets).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(stream.comments - before).toBeGreaterThanOrEqual(2);
    expect(stream.pending).toEqual([]);
    stream.close();
  });

  it('does not compress or hold back events for a client that accepts gzip and brotli', async () => {
    const { feed, url } = await serve();
    for (const acceptEncoding of ['gzip', 'br', 'br, gzip, deflate']) {
      const stream = await subscribe(url, { headers: { 'accept-encoding': acceptEncoding } });
      expect(stream.response.headers.get('content-encoding') ?? 'none').toBe('none');
      const published = performance.now();
      feed.publish({ ...CHANGE, version: `v-${acceptEncoding}` });
      const event = await stream.next();
      expect(event).toMatchObject({ data: { data: { graphChanged: { version: `v-${acceptEncoding}` } } } });
      expect((event as { receivedAt: number }).receivedAt - published).toBeLessThan(250);
      stream.close();
    }
  });

  it('merges the events a slow subscriber has not taken into one with the newest version and every change', async () => {
    const { feed, url } = await serve();
    const stream = await subscribe(url);
    feed.publish({ ...CHANGE, version: 'v1', changes: [{ kind: 'Skill', key: 'a', operation: 'CREATE' }] });
    feed.publish({ ...CHANGE, version: 'v2', changes: [{ kind: 'Skill', key: 'b', operation: 'CREATE' }] });
    feed.publish({ ...CHANGE, version: 'v3', changes: [{ kind: 'Skill', key: 'c', operation: 'DELETE' }] });
    const versions: string[] = [];
    const keys: string[] = [];
    while (versions.at(-1) !== 'v3') {
      const event = await stream.next();
      if (event === 'end') throw new Error('the stream ended');
      versions.push(event.data.data.graphChanged.version);
      keys.push(...event.data.data.graphChanged.changes.map((item: { key: string }) => item.key));
    }
    // However the events were grouped on their way, every change arrives once, in order, ending at v3.
    expect(keys).toEqual(['a', 'b', 'c']);
    stream.close();
  });

  it('caps the streams each client and all clients hold open, with RATE_LIMITED and SERVICE_BUSY', async () => {
    const { access } = loadConfig({});
    const { url, feed } = await serve({
      access: { ...access, trustProxy: true },
      subscriptions: { maxPerClient: 2, maxTotal: 3 },
    });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const first = await subscribe(url, from('10.0.0.1'));
    const second = await subscribe(url, from('10.0.0.1'));

    const third = await EventStreamReader.open(url, { query: GRAPH_CHANGED }, from('10.0.0.1'));
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('retry-after')).toBe('5');
    const refused = await third.next();
    expect(refused).toMatchObject({ event: 'next', data: { errors: [{ extensions: { code: 'RATE_LIMITED' } }] } });
    expect((refused as { data: { errors: { message: string }[] } }).data.errors[0]?.message).toMatch(
      /MAX_SUBSCRIPTIONS_PER_CLIENT/,
    );
    expect(await third.next()).toMatchObject({ event: 'complete' });

    // Another client may open one: the server holds 3 in all.
    const other = await subscribe(url, from('10.0.0.2'));
    const busy = await EventStreamReader.open(url, { query: GRAPH_CHANGED }, from('10.0.0.3'));
    expect(busy.response.status).toBe(503);
    expect(await busy.next()).toMatchObject({ data: { errors: [{ extensions: { code: 'SERVICE_BUSY' } }] } });

    // A client that leaves gives its slot back.
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const again = await subscribe(url, from('10.0.0.1'));
    feed.publish(CHANGE);
    for (const stream of [second, other, again]) {
      expect(await stream.next()).toMatchObject({ data: { data: { graphChanged: { version: CHANGE.version } } } });
      stream.close();
    }
  });

  it('prices a subscription with the query limits and charges it like a query', async () => {
    const { limits } = loadConfig({});
    const { url } = await serve({ limits: { ...limits, maxCost: 1 } });
    const refused = await EventStreamReader.open(url, { query: GRAPH_CHANGED });
    expect(await refused.next()).toMatchObject({
      data: { errors: [{ extensions: { code: 'LIMIT_EXCEEDED', limit: 'cost', max: 1 } }] },
    });
    // Admitted, it pays 1 point on arrival and its cost (graphChanged and its changes: 2) when it starts.
    const { url: priced } = await serve();
    const remaining = (stream: EventStreamReader) =>
      Number(/remaining=(\d+)/.exec(stream.response.headers.get('ratelimit') ?? '')?.[1]);
    const first = await subscribe(priced);
    const second = await subscribe(priced);
    expect(remaining(first) - remaining(second)).toBe(3);
    first.close();
    second.close();
  });

  it('runs from the manifest in trusted-documents mode', async () => {
    const hash = createHash('sha256').update(GRAPH_CHANGED).digest('hex');
    const file = join(mkdtempSync(join(tmpdir(), 'skillgraph-manifest-')), 'persisted-documents.json');
    writeFileSync(file, JSON.stringify({ [`sha256:${hash}`]: GRAPH_CHANGED }));
    const { url, feed } = await serve({ persistedOperations: { only: true, manifestFile: file } });
    const ownListeners = feed.listenerCount;
    const stream = await EventStreamReader.open(url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(stream.response.status).toBe(200);
    while (feed.listenerCount === ownListeners) await new Promise((resolve) => setTimeout(resolve, 10));
    feed.publish(CHANGE);
    expect(await stream.next()).toMatchObject({ data: { data: { graphChanged: CHANGE } } });
    stream.close();
    const asText = await EventStreamReader.open(url, { query: GRAPH_CHANGED });
    expect(asText.response.status).toBe(403);
  });

  it('ends every stream cleanly when the app is disposed', async () => {
    const { app, url } = await serve();
    const streams = [await subscribe(url), await subscribe(url)];
    await app.dispose();
    for (const stream of streams) {
      expect(await stream.next()).toMatchObject({ event: 'complete' });
      expect(await stream.next()).toBe('end');
    }
  });
});
