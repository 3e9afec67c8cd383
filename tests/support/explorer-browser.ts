import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { EXPLORER_DIST } from '../../src/server/use-explorer.js';
import { launchChromium } from './chromium.js';
import { projectRoot, type TestHelper } from './test-helper.js';

/** Where the browser tests write what each view looked like (git-ignored). */
export const SCREENSHOTS = join(projectRoot, 'test-results', 'screenshots');

export interface ExplorerSession {
  /** http://127.0.0.1:<port> */
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The service's app on `helper`'s database, listening on a loopback port, and a Chromium to look at it. */
export async function startExplorer(helper: TestHelper): Promise<ExplorerSession> {
  // `npm test` builds the explorer first; a lone vitest run builds it when it is missing
  if (!existsSync(join(EXPLORER_DIST, 'index.html')))
    execFileSync('npm', ['run', 'build:explorer', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = createServer(helper.app());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await launchChromium();
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Every GraphQL query the page POSTs from now on. */
export function sentQueries(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql')
      sent.push(JSON.parse(request.postData() ?? '{}').query);
  });
  return sent;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations on the page as it is now, as `id (impact): targets`. */
export async function axeViolations(page: Page): Promise<{ impact: string; text: string }[]> {
  // evaluated through the DevTools protocol, which the page's CSP (no inline scripts) does not govern
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const { violations } = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation: any) => ({
      impact: violation.impact,
      text: `${violation.id} (${violation.impact}): ${violation.nodes
        .map((node: any) => node.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
    }));
  });
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await axeViolations(page))
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .map(({ text }) => text);
}
