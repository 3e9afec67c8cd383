import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleQueries } from '../../src/graphql/examples.js';
import { CHROMIUM, haveChromium, launchChromium, watchPage as watch } from '../support/chromium.js';
import { TestHelper } from '../support/test-helper.js';

if (!haveChromium) console.warn(`[graphiql-browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const ASSET = /^\/graphiql\/assets\/[\w-]+\.[0-9a-f]{16,}\.(js|css|ico)$/;

describe.runIf(haveChromium)('GraphiQL in a real browser', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let server: Server;
  let browser: Browser;
  let url: string;
  const hits: string[] = [];

  beforeAll(async () => {
    const app = helper.app();
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      return app(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('opens offline with one tab per example, the headline first, and runs it, within its CSP', async () => {
    const page = await browser.newPage();
    const { problems, outside } = await watch(page);
    // Nothing may come from outside (watch records and aborts it): the playground's assets are served by the app.
    await page.goto(url);
    const names = loadExampleQueries().map(({ query }) => /query (\w+)/.exec(query)?.[1] ?? '');
    const tabs = page.locator('.graphiql-tab');
    await expect.poll(() => tabs.count(), { timeout: 30_000 }).toBe(names.length);
    expect(await tabs.allInnerTexts()).toEqual(names.map((name) => expect.stringContaining(name)));
    expect(names[0]).toBe('ShortestSkillPath');

    await page.locator('.graphiql-execute-button').click();
    // the response editor renders only its visible lines (spaces as no-break spaces): its start is enough
    const response = async () =>
      ((await page.locator('.graphiql-response').textContent()) ?? '').replaceAll('\u00a0', ' ');
    await expect
      .poll(response, { timeout: 30_000 })
      .toMatch(
        /"shortestPath": \{\s*"length": 2,\s*"nodes": \[\s*\{\s*"__typename": "Role",\s*"name": "Data Scientist"/,
      );
    // the editors' language services run in workers from our own files: a wrong field gets a diagnostic
    await page.locator('.graphiql-query-editor .monaco-editor').first().click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('{ noSuchField }');
    await expect
      .poll(() => page.locator('.graphiql-query-editor .squiggly-error').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    for (const worker of ['editor-worker', 'json-worker', 'graphql-worker'])
      expect(
        hits.some((hit) => hit.startsWith(`/graphiql/assets/${worker}.`)),
        worker,
      ).toBe(true);
    expect(outside).toEqual([]);
    expect(problems.length, problems.slice(0, 3).join('\n')).toBe(0);
    await page.close();
  }, 90_000);

  it('loads a small page and hashed, compressed assets, then serves a second visit from its cache', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // no routing here: it would turn the cache off
    const { problems, outside } = await watch(page, { abortOutside: false });
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));

    const document = await page.goto(url);
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(document?.headers()['cache-control']).toBe('no-cache');
    expect((await document?.body())?.length).toBeLessThan(8 * 1024);
    // The data sources' attribution sits below GraphiQL, not over its bottom row (the settings button).
    const playground = await page.locator('.graphiql-container').first().boundingBox();
    const attribution = await page.getByLabel('Data sources').boundingBox();
    expect(attribution?.y ?? 0).toBeGreaterThanOrEqual((playground?.y ?? 0) + (playground?.height ?? 0) - 1);

    const assets = responses.filter((response) => new URL(response.url()).pathname.startsWith('/graphiql/assets/'));
    const paths = assets.map((response) => new URL(response.url()).pathname);
    // the script, the style sheet, the boot script and the favicon at least (workers start with the editors)
    expect(paths.filter((path) => /\.(js|css)$/.test(path)).length).toBeGreaterThanOrEqual(3);
    let transferred = 0;
    for (const asset of assets) {
      const path = new URL(asset.url()).pathname;
      expect(path).toMatch(ASSET);
      expect(asset.status()).toBe(200);
      const headers = await asset.allHeaders();
      expect(headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
      // all but the boot script, a few hundred bytes
      // Playwright keeps no body for what a web worker fetched; Monaco's workers are all far over 1 KB.
      const isWorker = /-worker\./.test(path);
      const size = isWorker ? Number.POSITIVE_INFINITY : (await asset.body()).length;
      if (size >= 1024) expect(['br', 'gzip'], path).toContain(headers['content-encoding']);
      transferred += (await asset.request().sizes()).responseBodySize;
    }
    // the 9 MB of GraphiQL arrive as about 2 MB
    expect(transferred).toBeLessThan(3_000_000);

    const before = hits.filter((hit) => hit.startsWith('/graphiql/assets/')).length;
    await page.goto('about:blank');
    await page.goto(url);
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(hits.filter((hit) => hit.startsWith('/graphiql/assets/')).length).toBe(before);

    expect(outside).toEqual([]);
    expect(problems.length, problems.slice(0, 3).join('\n')).toBe(0);
    await context.close();
  }, 90_000);
});
