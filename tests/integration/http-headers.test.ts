import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { useResponseCompression } from '../../src/server/use-response-compression.js';
import { TestHelper } from '../support/test-helper.js';

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());
const decode = (encoding: string | null, body: Buffer) =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

/** The directives of a Content-Security-Policy, by name. */
const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name?.toLowerCase(), values] as const),
  );

const BIG_QUERY = '{ __schema { types { name kind description fields { name description } } } }';

describe('security and caching headers', () => {
  const helper = TestHelper.forSuite();
  let app: App;
  beforeAll(() => {
    app = helper.app();
  });

  const kinds: [string, () => Response | Promise<Response>, string][] = [
    ['a GraphQL POST', () => helper.request({ query: '{ __typename }' }, { app }), 'no-store'],
    [
      'a GraphQL GET',
      () => app.fetch('http://yoga/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json' } }),
      // Revalidated by its ETag (tests/integration/response-caching.test.ts).
      'public, max-age=10, must-revalidate',
    ],
    ['a GraphQL syntax error', () => helper.request({ query: '{ roles(' }, { app }), 'no-store'],
    ['/health', () => app.fetch('http://yoga/health'), 'no-store'],
    ['/ready', () => app.fetch('http://yoga/ready'), 'no-store'],
    ['a CSV export error', () => app.fetch('http://yoga/export/overlap.csv?roles='), 'no-store'],
    ['an unknown path', () => app.fetch('http://yoga/nowhere'), 'no-store'],
    [
      'a CORS preflight',
      () =>
        app.fetch('http://yoga/graphql', {
          method: 'OPTIONS',
          headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
        }),
      'no-store',
    ],
    ['the GraphiQL page', () => app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } }), 'no-cache'],
  ];

  it.each(kinds)('%s has nosniff, a referrer policy and Cache-Control', async (_kind, send, cacheControl) => {
    const response = await send();
    await response.arrayBuffer();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toMatch(/^(no-referrer|strict-origin-when-cross-origin)$/);
    expect(response.headers.get('cache-control')).toBe(cacheControl);
  });

  it('gives the GraphiQL page a strict CSP that forbids framing', async () => {
    const response = await app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    await response.text();
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const csp = directives(response.headers.get('content-security-policy') ?? '');
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    // scripts only from our own files: no inline code, no eval, no blob: workers
    const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];
    expect(scripts).toEqual(["'self'"]);
    for (const directive of ['worker-src', 'connect-src', 'img-src', 'font-src', 'style-src'])
      for (const source of csp.get(directive) ?? []) expect(source).toMatch(/^('self'|'unsafe-inline'|data:)$/);
  });

  it('gives API responses no CSP of the page and no framing either', async () => {
    const response = await helper.request({ query: '{ __typename }' }, { app });
    await response.arrayBuffer();
    expect(response.headers.get('content-security-policy') ?? '').not.toContain('script-src');
  });

  it('compresses a large GraphQL response as the client accepts, to the same JSON', async () => {
    const identity = await helper.request({ query: BIG_QUERY }, { app });
    expect(identity.headers.get('content-encoding')).toBeNull();
    expect(identity.headers.get('vary') ?? '').toMatch(/accept-encoding/i);
    const plain = await bytes(identity);
    expect(plain.length).toBeGreaterThan(4096);
    for (const [accept, encoding] of [
      ['gzip', 'gzip'],
      ['br', 'br'],
      ['gzip, deflate, br', 'br'],
      ['gzip;q=1, br;q=0.5', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['deflate', null],
      ['*', 'br'],
      ['identity', null],
    ] as const) {
      const response = await helper.request({ query: BIG_QUERY }, { app, headers: { 'accept-encoding': accept } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-encoding'), accept).toBe(encoding);
      expect(response.headers.get('vary') ?? '', accept).toMatch(/accept-encoding/i);
      const body = await bytes(response);
      if (encoding) expect(body.length, accept).toBeLessThan(plain.length / 3);
      expect(JSON.parse(decode(encoding, body).toString())).toEqual(JSON.parse(plain.toString()));
    }
  });

  it('leaves small responses alone', async () => {
    const response = await helper.request(
      { query: '{ __typename }' },
      { app, headers: { 'accept-encoding': 'gzip, br' } },
    );
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.json()).toEqual({
      data: { __typename: 'Query' },
      extensions: { graphVersion: expect.any(String) },
    });
  });

  describe('over a real socket', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sends the compressed bytes with a matching Content-Length', async () => {
      const { headers, body } = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
        (resolve, reject) => {
          const request = httpRequest(
            {
              host: '127.0.0.1',
              port,
              path: '/graphql',
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                accept: 'application/graphql-response+json',
                'accept-encoding': 'gzip',
              },
            },
            (response) => {
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
              response.on('error', reject);
            },
          );
          request.on('error', reject);
          request.end(JSON.stringify({ query: BIG_QUERY }));
        },
      );
      expect(headers['content-encoding']).toBe('gzip');
      expect(Number(headers['content-length'])).toBe(body.length);
      expect(JSON.parse(gunzipSync(body).toString()).data.__schema.types.length).toBeGreaterThan(10);
    });
  });
});

describe('the compression plugin on its own', () => {
  const big = JSON.stringify({ data: Array.from({ length: 200 }, (_, i) => ({ i, text: 'lorem ipsum dolor' })) });
  // answers some paths itself, as other plugins and yoga do
  const canned: Plugin = {
    onRequest({ url, endResponse, fetchAPI }) {
      const answer = (body: string | null, init: ResponseInit) => endResponse(new fetchAPI.Response(body, init));
      if (url.pathname === '/big') answer(big, { headers: { 'content-type': 'application/json', etag: '"v1"' } });
      if (url.pathname === '/not-modified') answer(null, { status: 304, headers: { etag: '"v1"' } });
      if (url.pathname === '/events') answer(big, { headers: { 'content-type': 'text/event-stream' } });
      if (url.pathname === '/encoded')
        answer(big, { headers: { 'content-type': 'application/json', 'content-encoding': 'identity' } });
      if (url.pathname === '/png') answer(big, { headers: { 'content-type': 'image/png' } });
    },
  };
  const yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { a: Int }' }),
    plugins: [canned, useResponseCompression()],
  });
  const fetchWith = (path: string, method = 'GET') =>
    yoga.fetch(`http://yoga${path}`, { method, headers: { 'accept-encoding': 'gzip, br' } });

  it('compresses, and weakens a strong ETag since the bytes differ', async () => {
    const response = await fetchWith('/big');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('etag')).toBe('W/"v1"');
    expect(brotliDecompressSync(await bytes(response)).toString()).toBe(big);
  });

  it('never touches HEAD, 304, event streams, already encoded bodies or images', async () => {
    const head = await fetchWith('/big', 'HEAD');
    expect(head.headers.get('content-encoding')).toBeNull();
    const notModified = await fetchWith('/not-modified');
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('content-encoding')).toBeNull();
    expect(notModified.headers.get('etag')).toBe('"v1"');
    for (const path of ['/events', '/png']) {
      const response = await fetchWith(path);
      expect(response.headers.get('content-encoding'), path).toBeNull();
      expect(await response.text()).toBe(big);
    }
    const encoded = await fetchWith('/encoded');
    expect(encoded.headers.get('content-encoding')).toBe('identity');
    expect(await encoded.text()).toBe(big);
  });
});
