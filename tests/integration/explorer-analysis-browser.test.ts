import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, watchPage } from '../support/chromium.js';
import {
  type ExplorerSession,
  SCREENSHOTS,
  sentQueries,
  seriousViolations,
  startExplorer,
} from '../support/explorer-browser.js';
import { TestHelper } from '../support/test-helper.js';

if (!haveChromium)
  console.warn(`[explorer-analysis-browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const CAREER_SEARCH = (limit: number | null) => `{
  careerPathSearch(from: "data-analyst", to: "mlops-engineer", maxStepHours: ${limit}) {
    outcome stepLimitHours smallestFeasibleStepHours directMoveHours
    cheapestFirstMove { hours to { name } }
    path { totalHours largestStepHours steps { hours from { key name } to { key name } learn { key name learningHours } } }
  }
}`;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Clicks a picture's download button and reads the file it saves. */
async function downloadPicture(page: Page, what: string, kind: 'SVG' | 'PNG') {
  const button = page
    .getByRole('group', { name: `Download ${what}` })
    .getByRole('button', { name: `Download ${kind}` });
  // the keyboard: the buttons are focusable and Enter saves
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  return { name: download.suggestedFilename(), content: readFileSync((await download.path()) ?? '') };
}

/** Every text element's text in an SVG document, in document order, under the label of its mark's group. */
function svgTexts(svg: string): { mark: string | undefined; text: string }[] {
  expect(XMLValidator.validate(svg)).toBe(true);
  const tree = new XMLParser({
    ignoreAttributes: false,
    preserveOrder: true,
    trimValues: false,
    parseTagValue: false,
  }).parse(svg);
  const texts: { mark: string | undefined; text: string }[] = [];
  const walk = (nodes: any[], mark: string | undefined) => {
    for (const node of nodes) {
      const label = node[':@']?.['@_aria-label'] ?? mark;
      if (node.text) {
        const text = node.text.map((child: any) => child['#text'] ?? '').join('');
        texts.push({ mark: label, text });
      }
      for (const [key, value] of Object.entries(node)) if (key !== ':@' && Array.isArray(value)) walk(value, label);
    }
  };
  walk(tree, undefined);
  return texts;
}

const hours = (value: number) => `${value.toLocaleString('en-GB')} h`;

describe.runIf(haveChromium)('the career and overlap views in a real browser', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let explorer: ExplorerSession;
  let browser: Browser;
  let base: string;

  /** The query behind a view's "Open in GraphiQL" link, which must be one the page sent. */
  async function graphiqlQuery(page: Page, name: string, sent: string[]): Promise<string> {
    const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
    const url = new URL(href ?? '', base);
    expect(url.pathname).toBe('/graphql');
    const query = url.searchParams.get('query') ?? '';
    expect(sent).toContain(query);
    return query;
  }

  beforeAll(async () => {
    explorer = await startExplorer(helper);
    ({ base, browser } = explorer);
  }, 120_000);
  afterAll(() => explorer?.close());

  it('Home and the site header link to both views; Home does not load their code', async () => {
    const page = await browser.newPage();
    const { problems, outside } = await watchPage(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname);
    });
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Careers and overlaps' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.filter((path) => /career-view|overlap-view/.test(path))).toEqual([]);
    const nav = page.getByRole('navigation', { name: 'Site' });
    expect(await nav.getByRole('link', { name: 'Career', exact: true }).getAttribute('href')).toBe(
      '/career?from=data-analyst&to=mlops-engineer&maxStepHours=800',
    );
    expect(await nav.getByRole('link', { name: 'Overlap', exact: true }).getAttribute('href')).toBe(
      '/overlap?roles=data-scientist,mlops-engineer,data-engineer',
    );
    await page.getByRole('link', { name: /^Career moves from Data Analyst to MLOps Engineer/ }).click();
    await page.waitForURL(`${base}/career?from=data-analyst&to=mlops-engineer&maxStepHours=800`);
    await page.getByRole('list', { name: 'Career moves' }).waitFor({ timeout: 20_000 });
    await page.goBack();
    await page
      .getByRole('link', { name: /^How much Data Scientist, MLOps Engineer and Data Engineer overlap/ })
      .click();
    await page.getByRole('heading', { name: 'Overlaps of 3 roles' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => page.title()).toBe('Overlap of roles · SkillGraph');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('Career: the moves in order with their hours and skills, as careerPathSearch answers; the query in GraphiQL', async () => {
    const expected = (await helper.data(CAREER_SEARCH(800))).careerPathSearch;
    expect(expected.outcome).toBe('FOUND');
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems, outside } = await watchPage(page);
    const sent = sentQueries(page);
    await page.goto(`${base}/career?from=data-analyst&to=mlops-engineer&maxStepHours=800`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('Career moves from Data Analyst to MLOps Engineer');
    await expect.poll(() => page.title()).toBe('Career moves: Data Analyst to MLOps Engineer · SkillGraph');

    const moves = page.getByRole('list', { name: 'Career moves' }).locator(':scope > li');
    expect(await moves.count()).toBe(expected.path.steps.length);
    let total = 0;
    for (const [index, step] of expected.path.steps.entries()) {
      total += step.hours;
      const move = moves.nth(index);
      expect(await move.getByRole('heading', { level: 3 }).textContent()).toBe(
        `Move ${index + 1}: ${step.from.name} → ${step.to.name}`,
      );
      expect(await move.getByRole('link', { name: step.to.name, exact: true }).getAttribute('href')).toBe(
        `/role/${step.to.key}`,
      );
      expect(await move.locator('.move-hours').textContent()).toBe(
        `${hours(step.hours)} · ${hours(total)} in all · ${step.learn.length} skills to learn`,
      );
      const skills = move.getByRole('list', { name: `Skills for ${step.to.name}` }).getByRole('listitem');
      expect(await skills.allInnerTexts()).toEqual(
        step.learn.map((skill: any) => `${skill.name} ${skill.learningHours} h`),
      );
      expect(await skills.first().getByRole('link').getAttribute('href')).toBe(`/skill/${step.learn[0].key}`);
    }
    expect(total).toBe(expected.path.totalHours);
    expect(await page.locator('#career-summary').textContent()).toContain(
      `${expected.path.steps.length} moves, ${hours(expected.path.totalHours)} of learning in all; the largest move needs ${hours(expected.path.largestStepHours)}, within the limit of 800 h a move.`,
    );
    expect(await page.getByText(/^Then: MLOps Engineer, after/).textContent()).toBe(
      `Then: MLOps Engineer, after ${hours(expected.path.totalHours)}.`,
    );
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'career.png'), fullPage: true });

    // "Open in GraphiQL" carries exactly the query the view ran, and it answers the same chain
    const query = await graphiqlQuery(page, 'Open in GraphiQL', sent);
    expect(query).toMatch(/^query CareerPath \{/);
    const answer = await helper.data(query);
    expect(answer.careerPathSearch.path.steps.map((step: any) => [step.to.key, step.hours])).toEqual(
      expected.path.steps.map((step: any) => [step.to.key, step.hours]),
    );
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Career: a limit too small says why there is no chain and links to the smallest that gives one', async () => {
    const expected = (await helper.data(CAREER_SEARCH(100))).careerPathSearch;
    expect(expected.outcome).toBe('NO_CHAIN_WITHIN_LIMIT');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { problems, outside } = await watchPage(page);
    const sent = sentQueries(page);
    await page.goto(`${base}/career?from=data-analyst&to=mlops-engineer&maxStepHours=800`);
    await page.getByRole('list', { name: 'Career moves' }).waitFor({ timeout: 20_000 });

    // the form changes the address: the question is shareable
    const limit = page.getByRole('spinbutton', { name: 'Largest move (hours)' });
    expect(await limit.inputValue()).toBe('800');
    await limit.fill('100');
    await limit.press('Enter');
    await page.waitForURL(`${base}/career?from=data-analyst&to=mlops-engineer&maxStepHours=100`);
    await page.getByRole('heading', { name: 'No chain with moves of at most 100 h' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('list', { name: 'Career moves' }).count()).toBe(0);
    expect(await page.locator('#no-chain-reason').textContent()).toBe(
      `Every chain from Data Analyst to MLOps Engineer has a move of at least ${hours(expected.smallestFeasibleStepHours)} (the direct move needs ${hours(expected.directMoveHours)}). Even the cheapest move out of Data Analyst, to ${expected.cheapestFirstMove.to.name}, needs ${hours(expected.cheapestFirstMove.hours)}.`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'career-no-chain.png'), fullPage: true });
    expect(await graphiqlQuery(page, 'Open in GraphiQL', sent)).toContain('maxStepHours: 100');

    const smallest = expected.smallestFeasibleStepHours;
    const withSmallest = (await helper.data(CAREER_SEARCH(smallest))).careerPathSearch;
    await page.getByRole('link', { name: `Allow moves of up to ${hours(smallest)}` }).click();
    await page.waitForURL(`${base}/career?from=data-analyst&to=mlops-engineer&maxStepHours=${smallest}`);
    const moves = page.getByRole('list', { name: 'Career moves' }).locator(':scope > li h3');
    await moves.first().waitFor({ timeout: 20_000 });
    expect(await moves.allInnerTexts()).toEqual(
      withSmallest.path.steps.map((step: any, i: number) => `Move ${i + 1}: ${step.from.name} → ${step.to.name}`),
    );
    expect(withSmallest.path.largestStepHours).toBeLessThanOrEqual(smallest);
    expect(await limit.inputValue()).toBe(String(smallest));
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it("Overlap: the heatmap's figures are the API's Jaccard indexes; a cell (click or keyboard) shows its skills; the CSV", async () => {
    const keys = ['data-scientist', 'mlops-engineer', 'data-engineer'];
    const { overlapMatrix: matrix } = await helper.data(
      `{ overlapMatrix(roles: ${JSON.stringify(keys)}) { roles { key name } jaccard } }`,
    );
    const figures: string[][] = matrix.jaccard.map((row: number[]) => row.map((value) => value.toFixed(2)));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const { problems, outside } = await watchPage(page);
    const sent = sentQueries(page);
    await page.goto(`${base}/overlap?roles=${keys.join(',')}`);
    await page.getByRole('heading', { name: 'Overlaps of 3 roles' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('How much roles overlap');

    // the drawing: one figure per cell, row by row (Plot draws the text marks in the data's order)
    const heatmap = page.getByRole('img', { name: /^Heatmap of the Jaccard overlaps of 3 roles/ });
    await heatmap.locator('svg').first().waitFor();
    const drawn = await heatmap.locator('svg [aria-label="text"] text').allTextContents();
    expect(drawn).toEqual(figures.flat());
    // … and the table, its text alternative
    const table = page.getByRole('table', { name: 'Jaccard overlaps' });
    expect(await table.locator('thead th').allInnerTexts()).toEqual(matrix.roles.map((role: any) => role.name));
    for (const [row, role] of matrix.roles.entries()) {
      const cells = table.locator('tbody tr').nth(row).locator('td');
      expect(await table.locator('tbody tr').nth(row).locator('th').textContent()).toBe(role.name);
      expect(await cells.allInnerTexts()).toEqual(figures[row]);
    }
    const closest = 'MLOps Engineer and Data Engineer';
    expect(await page.getByText(/^Closest:/).textContent()).toBe(`Closest: ${closest}, ${figures[1]?.[2]}.`);

    // a click on a drawn cell: the skills behind it, as roleOverlap answers
    const pair = async (a: string, b: string) =>
      (
        await helper.data(
          `{ roleOverlap(a: "${a}", b: "${b}") { jaccard sharedSkills { name } onlyA { name } onlyB { name } } }`,
        )
      ).roleOverlap;
    const names = (skills: { name: string }[]) => skills.map((skill) => skill.name);
    const engineers = await pair('mlops-engineer', 'data-engineer');
    await heatmap.locator('rect[data-pair="mlops-engineer,data-engineer"]').click();
    const details = page.getByRole('region', { name: closest });
    await details.getByRole('heading', { name: /^Shared/ }).waitFor({ timeout: 20_000 });
    // the region shows its heading first, then the lists as the pair's query answers
    await expect
      .poll(() =>
        details
          .getByRole('list', { name: /^Shared/ })
          .getByRole('listitem')
          .allInnerTexts(),
      )
      .toEqual(names(engineers.sharedSkills));
    await expect
      .poll(() =>
        details
          .getByRole('list', { name: /^Only MLOps Engineer/ })
          .getByRole('listitem')
          .allInnerTexts(),
      )
      .toEqual(names(engineers.onlyA));
    await expect
      .poll(() =>
        details
          .getByRole('list', { name: /^Only Data Engineer/ })
          .getByRole('listitem')
          .allInnerTexts(),
      )
      .toEqual(names(engineers.onlyB));
    expect(await details.getByText(/^Jaccard/).textContent()).toBe(
      `Jaccard ${engineers.jaccard.toFixed(2)}: ${engineers.sharedSkills.length} shared of ${engineers.sharedSkills.length + engineers.onlyA.length + engineers.onlyB.length} skills.`,
    );
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'overlap.png'), fullPage: true });

    // the keyboard: the table's figures are buttons
    const scientists = await pair('data-scientist', 'mlops-engineer');
    const button = table.getByRole('button', { name: `Data Scientist and MLOps Engineer: ${figures[0]?.[1]}` });
    await button.focus();
    await page.keyboard.press('Enter');
    const scientistDetails = page.getByRole('region', { name: 'Data Scientist and MLOps Engineer' });
    await scientistDetails.getByRole('heading', { name: /^Only Data Scientist/ }).waitFor({ timeout: 20_000 });
    await expect
      .poll(() =>
        scientistDetails
          .getByRole('list', { name: /^Only Data Scientist/ })
          .getByRole('listitem')
          .allInnerTexts(),
      )
      .toEqual(names(scientists.onlyA));
    const pairQuery = await graphiqlQuery(page, 'Open this pair in GraphiQL', sent);
    expect(pairQuery).toMatch(/^query RoleOverlap \{\s+roleOverlap\(a: "data-scientist", b: "mlops-engineer"\)/);

    // the CSV: the service's export of the same roles, the same figures in full
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the matrix as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('role-overlap.csv');
    const rows: string[][] = parse(readFileSync((await download.path()) ?? ''));
    expect(rows).toEqual([
      ['key', 'name', ...matrix.roles.map((role: any) => role.key)],
      ...matrix.roles.map((role: any, i: number) => [role.key, role.name, ...matrix.jaccard[i].map(String)]),
    ]);

    const matrixQuery = await graphiqlQuery(page, 'Open in GraphiQL', sent);
    expect(matrixQuery).toMatch(/^query OverlapMatrix \{/);
    expect((await helper.data(matrixQuery)).overlapMatrix.jaccard).toEqual(matrix.jaccard);

    // the pictures: the heatmap as drawn (its legend above it) as an SVG file and a PNG twice its size
    const svgFile = await downloadPicture(page, 'the heatmap', 'SVG');
    expect(svgFile.name).toBe('role-overlap.svg');
    const svgText = svgFile.content.toString('utf8');
    expect(svgText).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const texts = svgTexts(svgText);
    // the figures, row by row, as drawn in the page; the legend's label; the roles' names on both axes
    expect(texts.filter((text) => text.mark === 'text').map((text) => text.text)).toEqual(drawn);
    expect(texts.map((text) => text.text)).toContain('Jaccard index (shared skills / all skills of the two)');
    for (const role of matrix.roles) {
      expect(texts.filter((text) => text.text === role.name).length).toBe(2);
    }
    const pngFile = await downloadPicture(page, 'the heatmap', 'PNG');
    expect(pngFile.name).toBe('role-overlap.png');
    expect(pngFile.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngFile.content.length).toBeGreaterThan(5_000);
    const width = Number(/width="(\d+)"/.exec(svgText)?.[1]);
    expect(pngFile.content.readUInt32BE(16)).toBe(2 * width);
    writeFileSync(join(SCREENSHOTS, 'overlap-download.png'), pngFile.content);

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Overlap: the bridge-skill ranking as the API ranks it; the role picker changes the address', async () => {
    const { bridgeSkills } = await helper.data('{ bridgeSkills(first: 10) { score skill { key name } } }');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { problems, outside } = await watchPage(page);
    const sent = sentQueries(page);
    await page.goto(`${base}/overlap?roles=data-scientist,mlops-engineer,data-engineer`);
    const list = page.getByRole('list', { name: 'Bridge skills, highest first' });
    await list.waitFor({ timeout: 20_000 });
    const scores = bridgeSkills.map((bridge: any) => Math.round(bridge.score).toLocaleString('en-GB'));
    expect(await list.getByRole('listitem').allInnerTexts()).toEqual(
      bridgeSkills.map((bridge: any, i: number) => `${bridge.skill.name} ${scores[i]}`),
    );
    const chart = page.getByRole('img', { name: /^Bar chart of the 10 bridge skills/ });
    await chart.locator('svg').waitFor();
    expect(await chart.locator('svg [aria-label="text"] text').allTextContents()).toEqual(scores);
    expect(await chart.locator('svg [aria-label="bar"] rect').count()).toBe(10);
    const svgFile = await downloadPicture(page, 'the bridge-skill chart', 'SVG');
    expect(svgFile.name).toBe('bridge-skills.svg');
    const texts = svgTexts(svgFile.content.toString('utf8'));
    expect(texts.filter((text) => text.mark === 'text').map((text) => text.text)).toEqual(scores);
    for (const bridge of bridgeSkills) expect(texts.map((text) => text.text)).toContain(bridge.skill.name);
    const pngFile = await downloadPicture(page, 'the bridge-skill chart', 'PNG');
    expect(pngFile.name).toBe('bridge-skills.png');
    expect(pngFile.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngFile.content.length).toBeGreaterThan(5_000);
    expect(await graphiqlQuery(page, 'Open the ranking in GraphiQL', sent)).toMatch(/^query BridgeSkills \{/);

    await page.getByRole('button', { name: 'Remove Data Engineer' }).click();
    await page.waitForURL(`${base}/overlap?roles=data-scientist,mlops-engineer`);
    await page.getByRole('heading', { name: 'Overlaps of 2 roles' }).waitFor({ timeout: 20_000 });
    const add = page.getByRole('combobox', { name: 'Add a role' });
    await add.fill('data-analyst');
    await add.press('Enter');
    await page.waitForURL(`${base}/overlap?roles=data-scientist,mlops-engineer,data-analyst`);
    await page.getByRole('heading', { name: 'Overlaps of 3 roles' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('list', { name: 'Roles compared' }).getByRole('link').allInnerTexts()).toEqual([
      'Data Scientist',
      'MLOps Engineer',
      'Data Analyst',
    ]);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('Overlap of roles=all: every role of the curated graph (under the cap), the matrix as the API answers it', async () => {
    const { roles } = await helper.data('{ roles(first: 100) { totalCount edges { node { key name } } } }');
    expect(roles.totalCount).toBeLessThanOrEqual(30);
    const byName = roles.edges
      .map((edge: any) => edge.node)
      .sort((a: any, b: any) => a.name.localeCompare(b.name, 'en'));
    const { overlapMatrix: matrix } = await helper.data(
      `{ overlapMatrix(roles: ${JSON.stringify(byName.map((role: any) => role.key))}) { jaccard } }`,
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { problems, outside } = await watchPage(page);
    const sent = sentQueries(page);
    await page.goto(`${base}/overlap?roles=all`);
    await page.getByRole('heading', { name: `Overlaps of ${roles.totalCount} roles` }).waitFor({ timeout: 20_000 });
    expect(await page.getByText(/roles of the graph\.$/).textContent()).toBe(
      `All ${roles.totalCount} roles of the graph.`,
    );
    await expect.poll(() => page.title()).toBe('Overlap of all roles · SkillGraph');
    const table = page.getByRole('table', { name: 'Jaccard overlaps' });
    // a table of 23 × 23 figures starts folded
    expect(await table.count()).toBe(0);
    await page.getByText('The figures as a table').click();
    expect(await table.locator('tbody th').allInnerTexts()).toEqual(byName.map((role: any) => role.name));
    const drawn = await page
      .getByRole('img', { name: /^Heatmap/ })
      .locator('svg [aria-label="text"] text')
      .allTextContents();
    expect(drawn).toEqual(matrix.jaccard.flat().map((value: number) => value.toFixed(2)));
    expect(await graphiqlQuery(page, 'Open the role list in GraphiQL', sent)).toMatch(/^(#.*\n)*query OverlapRoles \{/);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'overlap-all.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
