/**
 * The README's screenshots of the explorer: starts the service on the curated seed (a managed Neo4j of its
 * own, `.neo4j/screenshots`, on SCREENSHOTS_NEO4J_PORT, default 7690), opens the route, career and overlap
 * views in Debian's Chromium at 1280×800 and writes docs/screenshots/<view>.png.
 *
 *   npm run build:explorer && npm run screenshots
 *   npm run screenshots -- --serve    # instead, keep serving on SCREENSHOTS_PORT (default 4100) until Ctrl+C
 *
 * KEEP_SCREENSHOTS_NEO4J=1 leaves the Neo4j it started running for the next run.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import type { Page } from 'playwright-core';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/database/database.js';
import { migrateDatabase } from '../src/database/migrations.js';
import { LocalNeo4j } from '../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../src/project-root.js';
import { loadSeed } from '../src/seed/load-seed.js';
import { writeSeed } from '../src/seed/write-seed.js';
import { createApp } from '../src/server/app.js';
import { launchChromium } from '../tests/support/chromium.js';

const VIEWS: { name: string; path: string; ready: string; prepare?: (page: Page) => Promise<void> }[] = [
  { name: 'route', path: '/route?from=data-scientist&to=mlops-engineer', ready: 'How they are connected' },
  {
    name: 'career',
    path: '/career?from=data-analyst&to=mlops-engineer&maxStepHours=800',
    ready: 'The moves, in order',
  },
  {
    name: 'overlap',
    path: '/overlap?roles=data-scientist,mlops-engineer,data-engineer',
    ready: 'Bridge skills',
    // a cell chosen, so the picture shows what a click gives
    prepare: async (page) => {
      await page.locator('rect[data-pair="mlops-engineer,data-engineer"]').click();
      await page.getByRole('heading', { name: /^Shared/ }).waitFor();
    },
  },
];

const serve = process.argv.includes('--serve');
const projectRoot = findProjectRoot();
const password = 'skillgraph-screenshots';
const neo4j = new LocalNeo4j({
  projectRoot,
  instance: 'screenshots',
  port: Number(process.env.SCREENSHOTS_NEO4J_PORT ?? 7690),
  password,
  heapSize: '512m',
  pageCacheSize: '128m',
  log: (message) => console.log(`[neo4j] ${message}`),
});
const { alreadyRunning } = await neo4j.start();
const database = Database.connect(neo4j.uri, { username: 'neo4j', password, database: 'neo4j', uri: neo4j.uri });
try {
  await migrateDatabase(database, projectRoot);
  await writeSeed(database, await loadSeed(projectRoot), { reset: true });
  const { corsOrigins, graphiql, introspection, limits, access } = loadConfig({});
  const app = createApp({
    database,
    logger: pino({ level: 'silent' }),
    config: { corsOrigins, graphiql, introspection, limits, access },
  });
  const server = createServer(app);
  const port = serve ? Number(process.env.SCREENSHOTS_PORT ?? 4100) : 0;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (serve) {
    console.log(`serving the curated seed at ${base}/ (Ctrl+C stops)`);
    await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  } else {
    const folder = join(projectRoot, 'docs', 'screenshots');
    mkdirSync(folder, { recursive: true });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      for (const view of VIEWS) {
        await page.goto(`${base}${view.path}`);
        await page.getByRole('heading', { name: view.ready }).waitFor({ timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        await view.prepare?.(page);
        // let the drawings settle (layouts and transitions)
        await page.waitForTimeout(500);
        const path = join(folder, `${view.name}.png`);
        await page.screenshot({ path });
        console.log(`wrote ${path}`);
      }
    } finally {
      await browser.close();
    }
  }
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.dispose();
} finally {
  await database.close();
  if (!alreadyRunning && process.env.KEEP_SCREENSHOTS_NEO4J !== '1') await neo4j.stop();
}
