import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, watchPage } from '../support/chromium.js';
import { axeViolations, type ExplorerSession, SCREENSHOTS, startExplorer } from '../support/explorer-browser.js';
import { TestHelper } from '../support/test-helper.js';

if (!haveChromium)
  console.warn(`[explorer-entity-browser] skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

// the views' own wording of what the API answers, written out again here
const LEVELS = ['', 'awareness', 'basic', 'working', 'advanced', 'expert'];
const level = (edge: { level: number; levelEstimated: boolean }) =>
  `level ${edge.level} (${LEVELS[edge.level]}${edge.levelEstimated ? ', estimated' : ''})`;
const hours = (skill: { learningHours: number; learningHoursEstimated: boolean }) =>
  `${skill.learningHours} h${skill.learningHoursEstimated ? ' (estimated)' : ''}`;
const SKILL_FIELDS = 'name learningHours learningHoursEstimated';
const VERBS: Record<string, string> = {
  REQUIRES: 'requires',
  USES: 'uses',
  SUPPORTS: 'supports',
  PREREQUISITE_OF: 'is a prerequisite of',
  RELATED_TO: 'is related to',
  SAME_AS: 'is the same as',
};
const PATH_FIELDS = 'steps { relation direction importance level from { name } to { name } }';
/** A path step as a sentence in its relationship's stored direction, as the API's `direction` gives it. */
const sentence = (step: any) => {
  const [source, target] = step.direction === 'FORWARD' ? [step.from, step.to] : [step.to, step.from];
  const details = [step.importance?.toLowerCase(), step.level === null ? undefined : `level ${step.level}`].filter(
    Boolean,
  );
  return `${source.name} ${VERBS[step.relation]} ${target.name}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
};

describe.runIf(haveChromium)("the explorer's entity pages and route, in a real browser", () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let explorer: ExplorerSession;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    explorer = await startExplorer(helper);
    ({ base, browser } = explorer);
  }, 120_000);
  afterAll(() => explorer?.close());

  /** A page that records what it does wrong and every query it sends to /graphql. */
  async function open(path: string): Promise<{
    context: BrowserContext;
    page: Page;
    problems: string[];
    outside: string[];
    sent: string[];
  }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const { problems, outside } = await watchPage(page);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/graphql')
        sent.push(JSON.parse(request.postData() ?? '{}').query);
    });
    await page.goto(`${base}${path}`);
    return { context, page, problems, outside, sent };
  }

  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent({ timeout: 20_000 });
  const items = (page: Page, name: string) =>
    page.getByRole('list', { name, exact: true }).getByRole('listitem').allInnerTexts();
  /** The query behind an "Open … in GraphiQL" link. */
  const graphiqlQuery = async (page: Page, name: string) => {
    const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
    const url = new URL(href ?? '', base);
    expect(url.pathname).toBe('/graphql');
    return url.searchParams.get('query') ?? '';
  };

  it('Role: skills by importance with levels and hours, tools and similar roles as the API answers; links, GraphiQL, axe', async () => {
    const { role: expected } = await helper.data(`{ role(key: "mlops-engineer") {
      essential: skills(importance: ESSENTIAL, first: 100) { edges { level levelEstimated node { ${SKILL_FIELDS} } } }
      optional: skills(importance: OPTIONAL, first: 100) { edges { level levelEstimated node { ${SKILL_FIELDS} } } }
      tools(first: 100) { edges { node { name kind } } }
      similar(first: 5) { jaccard role { name } } } }`);
    const skillLine = (edge: any) => `${edge.node.name} · ${level(edge)} · ${hours(edge.node)}`;
    expect(expected.essential.edges.length).toBeGreaterThan(5);
    expect(expected.optional.edges.length).toBeGreaterThan(2);

    const { context, page, problems, outside, sent } = await open('/role/mlops-engineer');
    await expect.poll(() => heading(page)).toBe('MLOps Engineer');
    await expect.poll(() => page.title()).toBe('MLOps Engineer · SkillGraph');
    expect(await items(page, 'Essential skills of MLOps Engineer')).toEqual(expected.essential.edges.map(skillLine));
    expect(await items(page, 'Optional skills of MLOps Engineer')).toEqual(expected.optional.edges.map(skillLine));
    expect(await items(page, 'Tools of MLOps Engineer')).toEqual(
      expected.tools.edges.map(({ node }: any) => `${node.name} · ${node.kind}`),
    );
    expect(await items(page, 'Roles similar to MLOps Engineer')).toEqual(
      expected.similar.map((s: any) => `${s.role.name} · ${Math.round(s.jaccard * 100)}% skills in common`),
    );
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(
      expect.arrayContaining(['Skills', 'Tools (10)', 'Similar roles']),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'role.png'), fullPage: true });

    // "Open in GraphiQL" carries exactly the query the page ran, and that query answers the same skills
    const query = await graphiqlQuery(page, 'Open in GraphiQL');
    expect(query).toMatch(/^query RolePage \{\n {2}role\(key: "mlops-engineer"\)/);
    expect(sent).toContain(query);
    const answer = await helper.data(query);
    expect(answer.role.essential.edges.map((edge: any) => edge.node.name)).toEqual(
      expected.essential.edges.map((edge: any) => edge.node.name),
    );

    // every name links to its page, within the explorer
    await page
      .getByRole('list', { name: 'Essential skills of MLOps Engineer' })
      .getByRole('link', { name: 'Python Programming' })
      .click();
    await page.waitForURL(`${base}/skill/python-programming`);
    await expect.poll(() => heading(page)).toBe('Python Programming');
    await expect.poll(() => page.title()).toBe('Python Programming · SkillGraph');
    await page.getByRole('list', { name: 'Tools that support Python Programming' }).getByRole('link').first().click();
    await page.waitForURL(/\/tool\/[\w-]+$/);
    await page.goBack();
    await page.waitForURL(`${base}/skill/python-programming`);
    await page.getByRole('link', { name: 'SkillGraph' }).click();
    await page.waitForURL(`${base}/`);
    // The view sets the title once it has rendered, a moment after the address changes.
    await expect.poll(() => page.title()).toBe('SkillGraph explorer');

    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Skill: transitive prerequisites nearest first, paged through the API and drawn capped; unlocks, roles, tools', async () => {
    const { skill: expected } = await helper.data(`{ skill(key: "large-language-models") {
      prerequisites(transitive: true, first: 100) { totalCount edges { distance node { ${SKILL_FIELDS} } } }
      unlocks(first: 100) { edges { node { ${SKILL_FIELDS} } } }
      roles(first: 100) { edges { importance level levelEstimated node { name } } }
      tools(first: 100) { edges { node { name kind } } } } }`);
    const prerequisiteLine = (edge: any) =>
      `${edge.node.name} · ${hours(edge.node)} · ${edge.distance === 1 ? 'direct prerequisite' : `${edge.distance} steps before`}`;
    // more prerequisites than a page and than the drawing holds: both must say so
    expect(expected.prerequisites.totalCount).toBeGreaterThan(20);
    expect(expected.prerequisites.edges.map((edge: any) => edge.distance)).toEqual(
      expected.prerequisites.edges.map((edge: any) => edge.distance).sort((a: number, b: number) => a - b),
    );

    const { context, page, problems, outside, sent } = await open('/skill/large-language-models');
    await expect.poll(() => heading(page)).toBe('Large Language Models');
    await expect.poll(() => page.title()).toBe('Large Language Models · SkillGraph');
    const prerequisites = 'Prerequisites of Large Language Models, nearest first';
    expect(await items(page, prerequisites)).toEqual(expected.prerequisites.edges.slice(0, 20).map(prerequisiteLine));
    const total = expected.prerequisites.totalCount;
    expect(await page.getByRole('status').filter({ hasText: 'prerequisites' }).textContent()).toBe(
      `Showing 20 of ${total} prerequisites.`,
    );
    const drawing = page.getByRole('img', { name: /^Layered graph of Large Language Models/ });
    expect(await drawing.getAttribute('aria-label')).toMatch(
      new RegExp(`^Layered graph of Large Language Models: 20 of its ${total} prerequisites`),
    );
    await expect.poll(() => drawing.locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.locator('figcaption').textContent()).toContain(
      `Showing the nearest 20 of ${total} prerequisites.`,
    );

    expect(await items(page, 'Skills Large Language Models is a prerequisite of')).toEqual(
      expected.unlocks.edges.map(({ node }: any) => `${node.name} · ${hours(node)}`),
    );
    expect(await items(page, 'Roles that need Large Language Models')).toEqual(
      expected.roles.edges.map((edge: any) => `${edge.node.name} · ${edge.importance.toLowerCase()} · ${level(edge)}`),
    );
    expect(await items(page, 'Tools that support Large Language Models')).toEqual(
      expected.tools.edges.map(({ node }: any) => `${node.name} · ${node.kind}`),
    );
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'skill.png'), fullPage: true });

    // the next page through the API's cursor: the whole list, in the API's order
    await page.getByRole('button', { name: `Show ${total - 20} more prerequisites` }).click();
    await expect.poll(() => items(page, prerequisites).then((lines) => lines.length)).toBe(total);
    expect(await items(page, prerequisites)).toEqual(expected.prerequisites.edges.map(prerequisiteLine));
    expect(await page.getByRole('button', { name: /more prerequisites/ }).count()).toBe(0);
    const pageQuery = await graphiqlQuery(page, 'Open the last page of prerequisites in GraphiQL');
    expect(pageQuery).toMatch(/^query SkillPrerequisites \{[\s\S]*after: "[^"]+"/);
    expect(sent).toContain(pageQuery);
    const skillQuery = await graphiqlQuery(page, 'Open in GraphiQL');
    expect(skillQuery).toMatch(/^query SkillPage \{/);
    expect(sent).toContain(skillQuery);
    expect(await axeViolations(page)).toEqual([]);

    const link = page
      .getByRole('list', { name: prerequisites })
      .getByRole('link', { name: 'Transformer Architectures' });
    expect(await link.getAttribute('href')).toBe('/skill/transformers');
    await link.click();
    await page.waitForURL(`${base}/skill/transformers`);
    await expect.poll(() => heading(page)).toBe('Transformer Architectures');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it('Tool: its skills and its roles as the API answers, the roles paged 10 at a time; an unknown key says so', async () => {
    const { tool: expected } = await helper.data(`{ tool(key: "python") {
      skills(first: 100) { edges { node { ${SKILL_FIELDS} } } }
      roles(first: 100) { totalCount edges { node { name } } } } }`);
    expect(expected.roles.totalCount).toBeGreaterThan(10);
    expect(expected.skills.edges.length).toBeGreaterThan(0);

    const { context, page, problems, outside, sent } = await open('/tool/python');
    await expect.poll(() => heading(page)).toBe('Python');
    await expect.poll(() => page.title()).toBe('Python · SkillGraph');
    expect(await items(page, 'Skills practised with Python')).toEqual(
      expected.skills.edges.map(({ node }: any) => `${node.name} · ${hours(node)}`),
    );
    const roles = expected.roles.edges.map(({ node }: any) => node.name);
    expect(await items(page, 'Roles that use Python')).toEqual(roles.slice(0, 10));
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'tool.png'), fullPage: true });
    await page.getByRole('button', { name: `Show ${roles.length - 10} more roles` }).click();
    await expect.poll(() => items(page, 'Roles that use Python')).toEqual(roles);
    expect(sent).toContain(await graphiqlQuery(page, 'Open the last page of roles in GraphiQL'));
    expect(sent).toContain(await graphiqlQuery(page, 'Open in GraphiQL'));

    await page.getByRole('list', { name: 'Roles that use Python' }).getByRole('link', { name: roles[0] }).click();
    await page.waitForURL(/\/role\/[\w-]+$/);
    await expect.poll(() => heading(page)).toBe(roles[0]);

    await page.goto(`${base}/tool/no-such-tool`);
    await expect.poll(() => heading(page)).toBe('No tool with the key “no-such-tool”');
    expect(await axeViolations(page)).toEqual([]);
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);

  it("Route from scratch (/route?to=…): the API's plan for an empty profile, in order with hours", async () => {
    const { learningPlan: expected } = await helper.data(
      `{ learningPlan(from: {}, to: "mlops-engineer") { totalHours steps { hours skill { name } } } }`,
    );
    expect(expected.steps.length).toBeGreaterThan(10);
    const { context, page, problems, outside, sent } = await open('/route?to=mlops-engineer');
    await expect.poll(() => heading(page)).toBe('From scratch to MLOps Engineer');
    await expect.poll(() => page.title()).toBe('From scratch to MLOps Engineer · SkillGraph');
    let total = 0;
    expect(await items(page, 'Steps to learn')).toEqual(
      expected.steps.map(({ hours, skill }: any) => {
        total += hours;
        return expect.stringMatching(new RegExp(`^${skill.name} · ${hours} h · ${total} h in all`));
      }),
    );
    expect(total).toBe(expected.totalHours);
    // no start, so no path to draw
    expect(await page.getByRole('heading', { name: 'How they are connected' }).count()).toBe(0);
    const query = await graphiqlQuery(page, 'Open in GraphiQL');
    expect(query).toContain('learningPlan(from: {}, to: "mlops-engineer")');
    expect(sent).toContain(query);
    // the picker below starts from nothing, so it leads back here
    expect(await page.getByRole('combobox', { name: 'From' }).inputValue()).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'route-from-scratch.png'), fullPage: true });
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('Route from a role and skills: their plan, the shortest path in its stored directions, the alternative paths on demand', async () => {
    const start = '{role: "data-analyst", skills: ["python-programming", "statistics"]}';
    const expected = await helper.data(`{
      learningPlan(from: ${start}, to: "mlops-engineer") { steps { hours skill { name } } }
      shortestPath(from: "data-analyst", to: "mlops-engineer") { ${PATH_FIELDS} }
      shortestPaths(from: "data-analyst", to: "mlops-engineer", k: 5) { ${PATH_FIELDS} } }`);
    expect(expected.shortestPaths).toHaveLength(5);
    // the literal path walks a relationship against its stored direction, which the view must turn round
    expect(expected.shortestPath.steps.map((step: any) => step.direction)).toContain('BACKWARD');

    const { context, page, problems, outside, sent } = await open(
      '/route?from=data-analyst&skills=python-programming,statistics&to=mlops-engineer',
    );
    await expect.poll(() => heading(page)).toBe('From Data Analyst and your skills to MLOps Engineer');
    expect((await items(page, 'Steps to learn')).map((line) => line.split(' · ').slice(0, 2))).toEqual(
      expected.learningPlan.steps.map((step: any) => [step.skill.name, `${step.hours} h`]),
    );
    const path = page.getByRole('list', { name: 'Shortest path' }).getByRole('listitem');
    await path.first().waitFor();
    expect(await path.allInnerTexts()).toEqual(expected.shortestPath.steps.map(sentence));

    await page.getByRole('button', { name: 'Show alternative paths' }).click();
    const alternatives = page.getByRole('list', { name: 'Alternative paths' });
    await alternatives.waitFor();
    for (const [index, { steps }] of expected.shortestPaths.entries()) {
      const list = alternatives.getByRole('list', { name: new RegExp(`^Path ${index + 1}, ${steps.length} steps`) });
      expect(await list.getByRole('listitem').allInnerTexts()).toEqual(steps.map(sentence));
    }
    await expect
      .poll(() =>
        page
          .getByRole('img', { name: /^The 5 shortest paths drawn together/ })
          .locator('canvas')
          .count(),
      )
      .toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('alternatives')).toBe('1');
    const query = await graphiqlQuery(page, 'Open the alternative paths in GraphiQL');
    expect(query).toMatch(
      /^query RouteAlternatives \{\n {2}shortestPaths\(from: "data-analyst", to: "mlops-engineer", k: 5\)/,
    );
    expect(sent).toContain(query);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'route-alternatives.png'), fullPage: true });

    // a reload keeps them: the address says so
    await page.reload();
    await page.getByRole('list', { name: 'Alternative paths' }).waitFor();

    // Home's picker starts a route from skills alone
    await page.goto(`${base}/`);
    await page.getByRole('combobox', { name: 'From' }).selectOption('');
    await page.getByRole('textbox', { name: 'with skills' }).fill('Python Programming, statistics');
    await page.getByRole('combobox', { name: 'to', exact: true }).selectOption('ai-trainer');
    await page.getByRole('button', { name: 'Show the route' }).click();
    await page.waitForURL(`${base}/route?skills=Python%20Programming,statistics&to=ai-trainer`);
    await expect.poll(() => heading(page)).toBe('From your skills to AI Trainer');
    expect(outside).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
