import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as packaged from '@graphql-yoga/render-graphiql/graphiql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { TestHelper } from '../support/test-helper.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED_ASSET = /^\/graphiql\/assets\/[\w-]+\.([0-9a-f]{16,})\.(js|css|ico)$/;

const openPage = (app: App) => app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
const get = (app: App, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.fetch(`http://yoga${path}`, { method, headers });
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer());
const decode = (encoding: string | null, body: Buffer) =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

describe('the GraphiQL page and its assets', () => {
  const helper = TestHelper.forSuite();
  let app: App;
  let page: string;
  let assets: string[];

  beforeAll(async () => {
    app = helper.app();
    const response = await openPage(app);
    expect(response.status).toBe(200);
    page = await response.text();
    assets = [...new Set(page.match(/\/graphiql\/assets\/[^"'\s<>]+/g) ?? [])];
  });

  it('is a small page that references its scripts and styles instead of inlining them', () => {
    expect(Buffer.byteLength(page)).toBeLessThan(8 * 1024);
    expect(page).toContain('<title>SkillGraph</title>');
    expect(page).toMatch(/<link rel="stylesheet" href="\/graphiql\/assets\/[^"]+\.css"/);
    expect(page).toMatch(/<script src="\/graphiql\/assets\/[^"]+\.js"/);
    expect(page).not.toMatch(/<style/);
    // no inline code: a script element either has a src or is a JSON data block
    for (const [tag] of page.matchAll(/<script\b[^>]*>/g)) expect(tag).toMatch(/\bsrc="|type="application\/json"/);
    expect(page).not.toContain('data:image');
  });

  it('names every asset by a hash of its content, and serves exactly the packaged GraphiQL files', async () => {
    expect(assets.length).toBeGreaterThanOrEqual(6);
    const served: Buffer[] = [];
    for (const path of assets) {
      const [, hash] = HASHED_ASSET.exec(path) ?? [];
      expect(hash, path).toBeDefined();
      const response = await get(app, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-encoding')).toBeNull();
      const body = await bytes(response);
      expect(
        createHash('sha256')
          .update(body)
          .digest('hex')
          .startsWith(hash ?? '-'),
        path,
      ).toBe(true);
      expect(Number(response.headers.get('content-length'))).toBe(body.length);
      served.push(body);
    }
    const favicon = Buffer.from(packaged.favicon.slice(packaged.favicon.indexOf(',') + 1), 'base64');
    const expected = [
      packaged.js,
      packaged.css,
      packaged.editorWorkerService,
      packaged.jsonWorker,
      packaged.graphqlWorker,
    ].map((text) => Buffer.from(text));
    for (const file of [...expected, favicon]) expect(served.some((body) => body.equals(file))).toBe(true);
  });

  it('serves each asset with its type, cached for a year as immutable', async () => {
    const types = { js: /^text\/javascript/, css: /^text\/css/, ico: /^image\/(x-icon|vnd\.microsoft\.icon)$/ };
    expect(assets.length).toBeGreaterThanOrEqual(6);
    for (const path of assets) {
      const response = await get(app, path, { 'accept-encoding': 'gzip' });
      const extension = path.slice(path.lastIndexOf('.') + 1) as keyof typeof types;
      expect(response.headers.get('content-type'), path).toMatch(types[extension]);
      expect(response.headers.get('cache-control'), path).toBe(IMMUTABLE);
      expect(response.headers.get('vary') ?? '', path).toMatch(/accept-encoding/i);
      await response.arrayBuffer();
    }
  });

  it('sends brotli or gzip as the client accepts, each decompressing to the same bytes', async () => {
    const scripts = assets.filter((path) => path.endsWith('.js') || path.endsWith('.css'));
    expect(scripts.length).toBeGreaterThanOrEqual(5);
    for (const path of scripts) {
      const identity = await bytes(await get(app, path));
      // the boot script is a few hundred bytes: not worth compressing
      const small = identity.length < 1024;
      // Brotli at top quality takes seconds per file: meanwhile a client that takes only brotli gets the file
      // at once (compressed on the fly at a lower quality), never after a wait; a browser gets gzip until then.
      for (const deadline = Date.now() + 60_000; ; ) {
        const started = performance.now();
        const brotliOnly = await get(app, path, { 'accept-encoding': 'br' });
        await brotliOnly.arrayBuffer();
        expect(performance.now() - started, path).toBeLessThan(1_000);
        expect(brotliOnly.headers.get('content-encoding'), path).toBe(small ? null : 'br');
        const browser = await get(app, path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
        await browser.arrayBuffer();
        if (small || browser.headers.get('content-encoding') === 'br') break;
        expect(browser.headers.get('content-encoding'), path).toBe('gzip');
        expect(Date.now(), `brotli of ${path} never became ready`).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      for (const [accept, compressed] of [
        ['br', 'br'],
        ['gzip', 'gzip'],
        ['gzip, deflate, br;q=0', 'gzip'],
        ['identity', null],
        ['br;q=0, gzip;q=0', null],
      ] as const) {
        const encoding = small ? null : compressed;
        const response = await get(app, path, { 'accept-encoding': accept });
        expect(response.headers.get('content-encoding'), `${path} ${accept}`).toBe(encoding);
        const body = await bytes(response);
        expect(Number(response.headers.get('content-length'))).toBe(body.length);
        if (encoding) expect(body.length, `${path} ${accept}`).toBeLessThan(identity.length * 0.6);
        expect(decode(encoding, body).equals(identity), `${path} ${accept}`).toBe(true);
      }
      // a browser's header gets brotli, now that it is ready (until then, gzip)
      const browser = await get(app, path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      const encoding = browser.headers.get('content-encoding');
      expect(encoding).toBe(small ? null : 'br');
      expect(decode(encoding, await bytes(browser)).equals(identity)).toBe(true);
    }
  }, 120_000);

  it('answers HEAD with the headers and no body, and a conditional GET with 304', async () => {
    const path = assets.find((asset) => asset.endsWith('.css')) ?? '';
    const full = await get(app, path, { 'accept-encoding': 'gzip' });
    const fullBody = await bytes(full);
    const head = await get(app, path, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-encoding')).toBe('gzip');
    expect(Number(head.headers.get('content-length'))).toBe(fullBody.length);
    expect((await bytes(head)).length).toBe(0);

    const etag = full.headers.get('etag');
    expect(etag).toBeTruthy();
    const revalidated = await get(app, path, { 'if-none-match': etag ?? '' });
    expect(revalidated.status).toBe(304);
    expect((await bytes(revalidated)).length).toBe(0);
  });

  it('answers an unknown asset, or a stale hash, with 404 that is not cached', async () => {
    const css = assets.find((asset) => asset.endsWith('.css')) ?? '';
    for (const path of ['/graphiql/assets/nothing.js', css.replace(/\.[0-9a-f]+\.css$/, '.0123456789abcdef.css')]) {
      const response = await get(app, path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
      await response.arrayBuffer();
    }
  });

  it('serves no assets when GraphiQL is off', async () => {
    const off = helper.app({ graphiql: false });
    const response = await get(off, assets[0] ?? '/graphiql/assets/x.js');
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });
});
