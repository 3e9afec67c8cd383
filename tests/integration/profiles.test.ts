import { describe, expect, it } from 'vitest';
import { graphFixture, TestHelper } from '../support/test-helper.js';

const keys = (list: { key: string }[]) => list.map((item) => item.key);

describe('profiles: from nothing, with tools, and every bad entry at once', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: {
        analyst: { skills: [['sql'], ['stats']], tools: ['excel', 'python-tool'] },
        scientist: { skills: [['stats'], ['ml']], tools: ['python-tool', 'jupyter'] },
      },
      skills: {
        sql: { hours: 20 },
        math: { hours: 30 },
        stats: { hours: 40, prerequisites: ['math'] },
        python: { hours: 30 },
        ml: { hours: 60, prerequisites: ['stats', 'python'] },
        'deep-learning': { aliases: ['DL'] },
        'data-literacy': { name: 'Data Literacy', aliases: ['Literacy'] },
      },
      tools: { excel: {}, 'python-tool': { name: 'CPython' }, jupyter: {} },
    }),
  });

  it('a complete beginner (an empty profile) gets the whole route, with a running total', async () => {
    const { learningPlan, skillGap } = await helper.data(`{
      learningPlan(from: {}, to: "scientist") { totalHours steps { skill { key } hours runningTotalHours } }
      skillGap(from: {}, to: "scientist") { coverage hoursToClose missingEssential { key } missingTools { key } }
    }`);
    expect(learningPlan.steps.map((step: { skill: { key: string } }) => step.skill.key)).toEqual([
      'math',
      'python',
      'stats',
      'ml',
    ]);
    expect(learningPlan.steps.map((step: { runningTotalHours: number }) => step.runningTotalHours)).toEqual([
      30, 60, 100, 160,
    ]);
    expect(learningPlan.totalHours).toBe(160);
    expect(skillGap).toEqual({
      coverage: 0,
      hoursToClose: 160,
      missingEssential: [{ key: 'ml' }, { key: 'stats' }],
      missingTools: [{ key: 'jupyter' }, { key: 'python-tool' }],
    });
  });

  it('a long plan pages by position, and the pages join into the whole plan', async () => {
    const page = `stepCount steps(afterPosition: $after, first: 3) { position skill { key } runningTotalHours }`;
    const query = `query ($after: Int!) { learningPlan(from: {}, to: "scientist") { ${page} } }`;
    const first = (await helper.data(query, { variables: { after: 0 } })).learningPlan;
    const last = first.steps.at(-1).position;
    const second = (await helper.data(query, { variables: { after: last } })).learningPlan;
    expect(first.stepCount).toBe(4);
    expect([...first.steps, ...second.steps].map((step: { skill: { key: string } }) => step.skill.key)).toEqual([
      'math',
      'python',
      'stats',
      'ml',
    ]);
    expect(second.steps).toEqual([{ position: 4, skill: { key: 'ml' }, runningTotalHours: 160 }]);
    const { error } = await helper.errorOf(
      `{ learningPlan(from: {}, to: "scientist") { steps(afterPosition: -1) { position } } }`,
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'afterPosition' });
  });

  it('a profile holds tools; gaps report the target’s missing tools (a role brings its own)', async () => {
    const { withTools, fromRole } = await helper.data(`{
      withTools: skillGap(from: { skills: ["stats"], tools: ["jupyter"] }, to: "scientist") {
        missingTools { key } coveredTools { key }
      }
      fromRole: skillGap(from: { role: "analyst" }, to: "scientist") { missingTools { key } coveredTools { key } }
    }`);
    expect(keys(withTools.missingTools)).toEqual(['python-tool']);
    expect(keys(withTools.coveredTools)).toEqual(['jupyter']);
    expect(keys(fromRole.missingTools)).toEqual(['jupyter']);
    expect(keys(fromRole.coveredTools)).toEqual(['python-tool']);
  });

  it('reports every bad entry of a profile at once, in input order, each with its argument path', async () => {
    const { error } = await helper.errorOf(`{
      skillGap(from: { role: "astronaut", skills: ["stats", "pyhton", "DL", "nothing-like-it"], tools: ["exel"] },
               to: "scientist") { coverage }
    }`);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe('from');
    const problems = error.extensions.problems as { argument: string; code: string }[];
    expect(problems.map(({ argument, code }) => [argument, code])).toEqual([
      ['from.role', 'NOT_FOUND'],
      ['from.skills[1]', 'NOT_FOUND'],
      ['from.skills[3]', 'NOT_FOUND'],
      ['from.tools[0]', 'NOT_FOUND'],
    ]);
    expect(error.message).toMatch(/^4 entries of from name nothing or several things: from\.role: No role/);
  });

  it('one bad entry keeps its own error, code and suggestions', async () => {
    const { error } = await helper.errorOf(
      '{ skillGap(from: { skills: ["stats", "pyhton"] }, to: "scientist") { coverage } }',
    );
    expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'from.skills[1]' });
  });
});
