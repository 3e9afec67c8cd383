import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExampleQueries } from '../../src/graphql/examples.js';
import { useSeededDatabase } from '../support/seeded-graph.js';
import { createTestApp } from '../support/test-app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[graphiql-browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.runIf(haveChromium)('GraphiQL in a real browser', () => {
  const db = useSeededDatabase();
  let server: Server;
  let browser: Browser;
  let url: string;

  beforeAll(async () => {
    server = createServer(createTestApp(db.database));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('opens offline with one tab per example, the headline first, and runs it', async () => {
    const page = await browser.newPage();
    // Nothing may come from outside: the playground's assets are served by the app itself.
    const outside: string[] = [];
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => {
      outside.push(route.request().url());
      return route.abort();
    });
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
    expect(outside).toEqual([]);
    await page.close();
  }, 90_000);
});
