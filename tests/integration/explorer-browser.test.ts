import { join } from 'node:path';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, watchPage } from '../support/chromium.js';
import { type ExplorerSession, SCREENSHOTS, seriousViolations, startExplorer } from '../support/explorer-browser.js';
import { TestHelper } from '../support/test-helper.js';

if (!haveChromium) console.warn(`[explorer-browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.runIf(haveChromium)('the explorer in a real browser', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let explorer: ExplorerSession;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    explorer = await startExplorer(helper);
    ({ base, browser } = explorer);
  }, 120_000);
  afterAll(() => explorer?.close());

  it('Home: a small first view; search by keyboard ("k8s" → Kubernetes); quick picks; no serious axe findings', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems, outside } = await watchPage(page);
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));

    const document = await page.goto(`${base}/`);
    expect(document?.headers()['cache-control']).toBe('no-cache');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Explore AI and ML careers');
    await page.waitForLoadState('networkidle');
    let transferred = 0;
    for (const response of responses) {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/explorer/assets/')) {
        expect(path).toMatch(/^\/explorer\/assets\/[\w-]+-[\w-]{8}\.(js|css)$/);
        const headers = await response.allHeaders();
        expect(headers['cache-control'], path).toBe('public, max-age=31536000, immutable');
        if (path.endsWith('.js')) expect(['br', 'gzip'], path).toContain(headers['content-encoding']);
      }
      transferred += (await response.request().sizes()).responseBodySize;
    }
    // the drawing library is loaded only by the views that draw
    expect(responses.some((response) => /route-view/.test(response.url()))).toBe(false);
    console.log(`[explorer-browser] Home's first view: ${transferred} bytes in ${responses.length} responses`);
    expect(transferred).toBeLessThan(40_000);

    const roles = page.getByRole('list').filter({ has: page.getByRole('link', { name: 'MLOps Engineer' }) });
    expect(await roles.getByRole('link').count()).toBe(10);
    expect(await page.getByRole('link', { name: /From Data Scientist to MLOps Engineer/ }).getAttribute('href')).toBe(
      '/route?from=data-scientist&to=mlops-engineer',
    );
    expect(await seriousViolations(page)).toEqual([]);

    const search = page.getByRole('combobox', { name: 'Search roles, skills and tools' });
    await search.focus();
    await page.keyboard.type('k8s');
    const option = page.getByRole('option', { name: /Kubernetes/ });
    await option.waitFor();
    expect(await search.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await option.getAttribute('aria-selected')).toBe('true');
    expect(await search.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png'), fullPage: true });
    await page.keyboard.press('Escape');
    expect(await search.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/tool/kubernetes`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Kubernetes');

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Route: the steps in order with their hours, as the API plans them; the connection in stored directions', async () => {
    const expected = await helper.data(
      `{ learningPlan(from: {role: "data-scientist"}, to: "mlops-engineer") { totalHours steps { hours skill { name } } }
         skillGap(from: {role: "data-scientist"}, to: "mlops-engineer") { covered { name } } }`,
    );
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const { problems, outside } = await watchPage(page);
    await page.goto(`${base}/route?from=data-scientist&to=mlops-engineer`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('From Data Scientist to MLOps Engineer');

    const steps = await page.getByRole('list', { name: 'Steps to learn' }).getByRole('listitem').allInnerTexts();
    let total = 0;
    expect(steps).toEqual(
      expected.learningPlan.steps.map(({ hours, skill }: { hours: number; skill: { name: string } }) => {
        total += hours;
        return expect.stringMatching(new RegExp(`^${skill.name} · ${hours} h · ${total} h in all`));
      }),
    );
    expect(total).toBe(expected.learningPlan.totalHours);
    const have = await page.locator('ul[aria-labelledby="have-heading"]').getByRole('listitem').allInnerTexts();
    expect(have).toEqual(expected.skillGap.covered.map(({ name }: { name: string }) => name));
    await expect
      .poll(() =>
        page
          .getByRole('img', { name: /^Layered graph/ })
          .locator('canvas')
          .count(),
      )
      .toBeGreaterThan(0);

    const path = page.getByRole('list', { name: 'Shortest path' }).getByRole('listitem');
    await path.first().waitFor();
    expect(await path.allInnerTexts()).toEqual([
      'Data Scientist requires Machine Learning Fundamentals (essential, level 3)',
      'MLOps Engineer requires Machine Learning Fundamentals (essential, level 3)',
    ]);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'route.png'), fullPage: true });

    // "Open in GraphiQL" carries exactly the query the view ran, and that query answers the same plan
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql')
        sent.push(JSON.parse(request.postData() ?? '{}').query);
    });
    await page.reload();
    await page.getByRole('list', { name: 'Shortest path' }).waitFor();
    const href = await page.getByRole('link', { name: 'Open in GraphiQL', exact: true }).getAttribute('href');
    const url = new URL(href ?? '', base);
    expect(url.pathname).toBe('/graphql');
    const query = url.searchParams.get('query') ?? '';
    expect(query).toMatch(/^query RoutePlan \{/);
    expect(sent).toContain(query);
    const answer = await helper.data(query);
    expect(answer.learningPlan.steps.map((step: any) => [step.skill.name, step.hours])).toEqual(
      expected.learningPlan.steps.map((step: any) => [step.skill.name, step.hours]),
    );
    const pathHref = await page.getByRole('link', { name: 'Open the path in GraphiQL' }).getAttribute('href');
    expect(sent).toContain(new URL(pathHref ?? '', base).searchParams.get('query'));

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Route from a set of skills, checked against the API; without a start, a picker of the two roles', async () => {
    const expected = await helper.data(
      `{ learningPlan(from: {skills: ["python-programming", "statistics"]}, to: "mlops-engineer") { steps { hours skill { name } } } }`,
    );
    const page = await browser.newPage();
    const { problems, outside } = await watchPage(page);
    await page.goto(`${base}/route?skills=python-programming,statistics&to=mlops-engineer`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('From your skills to MLOps Engineer');
    const steps = await page.getByRole('list', { name: 'Steps to learn' }).getByRole('listitem').allInnerTexts();
    expect(steps.map((step) => step.split(' · ').slice(0, 2))).toEqual(
      expected.learningPlan.steps.map((step: any) => [step.skill.name, `${step.hours} h`]),
    );
    await page.getByRole('list', { name: 'Shortest path' }).waitFor();

    await page.goto(`${base}/route?to=ai-trainer`);
    await page.getByRole('combobox', { name: 'From' }).selectOption('prompt-engineer');
    expect(await page.getByRole('combobox', { name: 'to' }).inputValue()).toBe('ai-trainer');
    await page.getByRole('button', { name: 'Show the route' }).click();
    await page.waitForURL(`${base}/route?from=prompt-engineer&to=ai-trainer`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('From Prompt Engineer to AI Trainer');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
