import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { EXPLORER_DIST } from '../../src/server/use-explorer.js';
import { projectRoot, TestHelper } from '../support/test-helper.js';

const get = (app: App, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  app.fetch(`http://yoga${path}`, { method, headers });

describe("the explorer's page and assets, served by the app", () => {
  const helper = TestHelper.forSuite();
  let app: App;

  beforeAll(() => {
    // `npm test` builds the explorer first; a lone vitest run builds it when it is missing
    if (!existsSync(join(EXPLORER_DIST, 'index.html')))
      execFileSync('npm', ['run', 'build:explorer', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
    app = helper.app();
  }, 120_000);

  it('answers its page at / and at every view path, not cached, under the strict CSP', async () => {
    for (const path of ['/', '/route?from=data-scientist&to=mlops-engineer', '/role/data-scientist', '/tool/k8s']) {
      const response = await get(app, path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
      const page = await response.text();
      expect(page).toContain('<title>SkillGraph explorer</title>');
      // no inline code: every script has a src
      for (const [tag] of page.matchAll(/<script\b[^>]*>/g)) expect(tag).toMatch(/\bsrc="\/explorer\/assets\//);
    }
    expect((await get(app, '/nowhere')).status).toBe(404);
    expect((await get(app, '/role/a/b')).status).toBe(404);
  });

  it('serves every built file, long-cached, gzip or brotli as accepted; unknown names are 404', async () => {
    const names = readdirSync(join(EXPLORER_DIST, 'assets'));
    expect(names.some((name) => /^index-[\w-]{8}\.js$/.test(name))).toBe(true);
    for (const name of names) {
      const path = `/explorer/assets/${name}`;
      const plain = await get(app, path);
      expect(plain.status, path).toBe(200);
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const body = Buffer.from(await plain.arrayBuffer());
      const gzipped = await get(app, path, { 'accept-encoding': 'gzip' });
      if (body.length >= 1024) {
        expect(gzipped.headers.get('content-encoding'), path).toBe('gzip');
        expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).equals(body)).toBe(true);
      }
      const etag = plain.headers.get('etag') ?? '';
      expect((await get(app, path, { 'if-none-match': etag })).status).toBe(304);
    }
    // a script large enough to be compressed (a small shared chunk is sent as it is)
    const script =
      names.find((name) => name.endsWith('.js') && statSync(join(EXPLORER_DIST, 'assets', name)).size >= 1024) ?? '';
    // brotli is ready for every file over 1 KB after a while; waiting for all of them also leaves no
    // compression running in the background for the next test file
    for (const name of names.filter((name) => statSync(join(EXPLORER_DIST, 'assets', name)).size >= 1024))
      await expect
        .poll(
          async () =>
            (await get(app, `/explorer/assets/${name}`, { 'accept-encoding': 'br' })).headers.get('content-encoding'),
          { timeout: 30_000 },
        )
        .toBe('br');
    const brotli = await get(app, `/explorer/assets/${script}`, { 'accept-encoding': 'br' });
    expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).length).toBeGreaterThan(0);
    expect((await get(app, '/explorer/assets/index-00000000.js')).status).toBe(404);
    // a form-like POST is refused before anything else looks at it (useStrictRequests)
    expect((await get(app, `/explorer/assets/${script}`, {}, 'POST')).status).toBe(415);
  }, 60_000);
});
