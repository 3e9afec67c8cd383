import { describe, expect, it } from 'vitest';
import { graphFixture, TestHelper } from '../support/test-helper.js';

const keys = (list: { key: string }[]) => list.map((item) => item.key);

describe('skill gap, learning plans and role overlap on a hand-made graph', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: {
        analyst: { skills: [['sql'], ['stats'], ['viz', 'OPTIONAL']], tools: ['excel', 'python-tool'] },
        scientist: {
          skills: [['stats'], ['ml'], ['viz', 'OPTIONAL'], ['dl', 'OPTIONAL']],
          tools: ['python-tool', 'jupyter'],
        },
        engineer: { skills: [['python'], ['sql', 'OPTIONAL']] },
        hermit: {},
      },
      skills: {
        sql: { hours: 20 },
        math: { hours: 30 },
        stats: { hours: 40, prerequisites: ['math'] },
        python: { hours: 30 },
        ml: { hours: 60, prerequisites: ['stats', 'python'] },
        dl: { hours: 80, prerequisites: ['ml'] },
        viz: { hours: 10 },
      },
      tools: { excel: {}, 'python-tool': {}, jupyter: {} },
    }),
  });

  it('skillGap from a role: missing, covered, coverage and hours to close', async () => {
    const { skillGap } = await helper.data(`{ skillGap(from: { role: "Analyst" }, to: "scientist") {
      missingEssential { key } missingOptional { key } covered { key } coverage hoursToClose } }`);
    expect({
      missingEssential: keys(skillGap.missingEssential),
      missingOptional: keys(skillGap.missingOptional),
      covered: keys(skillGap.covered),
      coverage: skillGap.coverage,
      hoursToClose: skillGap.hoursToClose,
    }).toEqual({
      missingEssential: ['ml'],
      missingOptional: ['dl', 'viz'],
      covered: ['stats'],
      coverage: 0.5,
      hoursToClose: 90,
    });
  });

  it('skillGap from skills alone counts their prerequisites as had', async () => {
    const { skillGap } = await helper.data(`{ skillGap(from: { skills: ["ML"] }, to: "scientist") {
      missingEssential { key } coverage hoursToClose } }`);
    expect(skillGap).toEqual({ missingEssential: [], coverage: 1, hoursToClose: 0 });
    const both = await helper.data(
      '{ skillGap(from: { role: "analyst", skills: ["python"] }, to: "scientist") { hoursToClose } }',
    );
    expect(both.skillGap.hoursToClose).toBe(60);
    const none = await helper.data(
      '{ skillGap(from: { role: "analyst" }, to: "hermit") { coverage hoursToClose missingEssential { key } } }',
    );
    expect(none.skillGap).toEqual({ coverage: 1, hoursToClose: 0, missingEssential: [] });
  });

  it('learningPlan orders exactly the gap after prerequisites, with reasons and what each unlocks', async () => {
    const { learningPlan } = await helper.data(`{ learningPlan(from: { role: "analyst" }, to: "scientist") {
      totalHours steps { position skill { key } hours reason unlocks { key } } } }`);
    expect(learningPlan).toEqual({
      totalHours: 90,
      steps: [
        { position: 1, skill: { key: 'python' }, hours: 30, reason: 'PREREQUISITE', unlocks: [{ key: 'ml' }] },
        { position: 2, skill: { key: 'ml' }, hours: 60, reason: 'ESSENTIAL', unlocks: [] },
      ],
    });
    const withOptional =
      await helper.data(`{ learningPlan(from: { role: "analyst" }, to: "scientist", includeOptional: true) {
      totalHours steps { skill { key } reason unlocks { key } } } }`);
    expect(withOptional.learningPlan).toEqual({
      totalHours: 180,
      steps: [
        { skill: { key: 'python' }, reason: 'PREREQUISITE', unlocks: [{ key: 'ml' }] },
        { skill: { key: 'ml' }, reason: 'ESSENTIAL', unlocks: [{ key: 'dl' }] },
        { skill: { key: 'dl' }, reason: 'OPTIONAL', unlocks: [] },
        { skill: { key: 'viz' }, reason: 'OPTIONAL', unlocks: [] },
      ],
    });
  });

  it('roleOverlap: shared and own skills, shared tools, Jaccard', async () => {
    const { roleOverlap } = await helper.data(`{ roleOverlap(a: "analyst", b: "Scientist") {
      a { key } b { key } sharedSkills { key } onlyA { key } onlyB { key } sharedTools { key } jaccard } }`);
    expect({
      a: roleOverlap.a.key,
      b: roleOverlap.b.key,
      shared: keys(roleOverlap.sharedSkills),
      onlyA: keys(roleOverlap.onlyA),
      onlyB: keys(roleOverlap.onlyB),
      tools: keys(roleOverlap.sharedTools),
      jaccard: roleOverlap.jaccard,
    }).toEqual({
      a: 'analyst',
      b: 'scientist',
      shared: ['stats', 'viz'],
      onlyA: ['sql'],
      onlyB: ['dl', 'ml'],
      tools: ['python-tool'],
      jaccard: 0.4,
    });
  });

  it('similarRoles and Role.similar: highest first, roles sharing nothing left out', async () => {
    const result = await helper.data(`{
      similarRoles(to: "analyst") { role { key } jaccard }
      role(key: "analyst") { similar(first: 1) { role { key } jaccard } }
      hermit: similarRoles(to: "hermit") { jaccard }
    }`);
    expect(result.similarRoles).toEqual([
      { role: { key: 'scientist' }, jaccard: 0.4 },
      { role: { key: 'engineer' }, jaccard: 0.25 },
    ]);
    expect(result.role.similar).toEqual([{ role: { key: 'scientist' }, jaccard: 0.4 }]);
    expect(result.hermit).toEqual([]);
  });

  it('overlapMatrix in the order given, and the same as CSV', async () => {
    const { overlapMatrix } = await helper.data(
      '{ overlapMatrix(roles: ["scientist", "Analyst", "hermit"]) { roles { key } jaccard } }',
    );
    expect(overlapMatrix).toEqual({
      roles: [{ key: 'scientist' }, { key: 'analyst' }, { key: 'hermit' }],
      jaccard: [
        [1, 0.4, 0],
        [0.4, 1, 0],
        [0, 0, 1],
      ],
    });
    const response = await helper.app().fetch('http://yoga/export/overlap.csv?roles=scientist,Analyst,hermit');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await response.text()).toBe(
      'key,name,scientist,analyst,hermit\nscientist,Scientist,1,0.4,0\nanalyst,Analyst,0.4,1,0\nhermit,Hermit,0,0,1\n',
    );
    const weighted = await helper
      .app()
      .fetch('http://yoga/export/overlap.csv?roles=scientist,analyst&measure=weighted');
    expect(await weighted.text()).toBe(
      'key,name,scientist,analyst\nscientist,Scientist,1,0.375\nanalyst,Analyst,0.375,1\n',
    );
  });

  it('gives the documented errors for bad input', async () => {
    const cases: [string, Record<string, unknown>][] = [
      [
        '{ skillGap(from: { role: "analist" }, to: "scientist") { coverage } }',
        { code: 'NOT_FOUND', argument: 'from.role' },
      ],
      [
        '{ skillGap(from: { skills: ["sql", "nope"] }, to: "scientist") { coverage } }',
        { code: 'NOT_FOUND', argument: 'from.skills[1]' },
      ],
      ['{ learningPlan(from: { role: "analyst" }, to: "sql") { totalHours } }', { code: 'NOT_FOUND', argument: 'to' }],
      ['{ roleOverlap(a: "analyst", b: "astronaut") { jaccard } }', { code: 'NOT_FOUND', argument: 'b' }],
      ['{ similarRoles(to: "analyst", first: 1000) { jaccard } }', { code: 'LIMIT_EXCEEDED', limit: 'pageSize' }],
      ['{ overlapMatrix(roles: []) { jaccard } }', { code: 'BAD_USER_INPUT', argument: 'roles' }],
      [
        `{ overlapMatrix(roles: ${JSON.stringify(Array.from({ length: 51 }, () => 'analyst'))}) { jaccard } }`,
        { code: 'LIMIT_EXCEEDED', limit: 'listSize', max: 50, actual: 51 },
      ],
    ];
    for (const [text, extensions] of cases) {
      const { error } = await helper.errorOf(text);
      expect(error.extensions, text).toMatchObject(extensions);
    }
  });

  it('answers CSV export errors with JSON and a fitting status', async () => {
    const app = helper.app();
    const unknown = await app.fetch('http://yoga/export/overlap.csv?roles=analyst,astronaut');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      errors: [{ extensions: { code: 'NOT_FOUND', argument: 'roles[1]' } }],
    });
    expect((await app.fetch('http://yoga/export/overlap.csv')).status).toBe(400);
    const tooMany = await app.fetch(
      `http://yoga/export/overlap.csv?roles=${Array.from({ length: 51 }, () => 'analyst').join(',')}`,
    );
    expect(tooMany.status).toBe(400);
    expect((await app.fetch('http://yoga/export/overlap.csv?roles=analyst', { method: 'POST' })).status).toBe(405);
  });

  it('refuses repeated and unknown options of overlap.csv, naming them', async () => {
    const app = helper.app();
    const cases: [string, string, RegExp][] = [
      ['roles=analyst&roles=scientist', 'roles', /Option "roles" is given twice/],
      ['roles=analyst&role=scientist', 'role', /Unknown option "role"; overlap.csv takes roles, source and measure\./],
      ['roles=analyst,scientist&measure=cosine', 'measure', /Option "measure" has "cosine"/],
      ['roles=analyst&measure=jaccard&measure=weighted', 'measure', /given twice/],
      ['roles=all&source=seed&source=esco', 'source', /given twice/],
      ['roles=all&source=mars', 'source', /Option "source" has "mars"/],
      ['roles=analyst&source=seed', 'source', /only goes with/],
    ];
    for (const [query, argument, message] of cases) {
      const response = await app.fetch(`http://yoga/export/overlap.csv?${query}`);
      expect(response.status, query).toBe(400);
      const { errors } = await response.json();
      expect(errors[0].extensions, query).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(errors[0].message, query).toMatch(message);
    }
  });

  it('overlapMatrix(allRoles): every role by key, the same as naming them; arguments that do not go together', async () => {
    const { all, named } = await helper.data(`{
      all: overlapMatrix(allRoles: true) { roles { key } jaccard weightedJaccard }
      named: overlapMatrix(roles: ["analyst", "engineer", "hermit", "scientist"]) { roles { key } jaccard weightedJaccard } }`);
    expect(all).toEqual(named);
    for (const [text, extensions] of [
      [
        '{ overlapMatrix(roles: ["analyst"], allRoles: true) { jaccard } }',
        { code: 'BAD_USER_INPUT', argument: 'roles' },
      ],
      [
        '{ overlapMatrix(roles: ["analyst"], sources: [SEED]) { jaccard } }',
        { code: 'BAD_USER_INPUT', argument: 'sources' },
      ],
      ['{ overlapMatrix { jaccard } }', { code: 'BAD_USER_INPUT', argument: 'roles' }],
    ] as const) {
      const { error } = await helper.errorOf(text);
      expect(error.extensions, text).toMatchObject(extensions);
    }
  });
});

describe('bridgeSkills on a hand-made graph', () => {
  const helper = TestHelper.forSuite();

  it('ranks skills by unnormalised betweenness, ties by key', async () => {
    // r1 — s1 — r2, s1 — s2 — r3 (s1 PREREQUISITE_OF s2); tools and RELATED_TO do not count.
    await helper.writeGraph(
      graphFixture({
        roles: { r1: { skills: [['s1']] }, r2: { skills: [['s1', 'OPTIONAL']] }, r3: { skills: [['s2']] } },
        skills: { s1: {}, s2: { prerequisites: ['s1'], related: ['s3'] }, s3: {} },
        tools: { t1: { supports: ['s3', 's1'] } },
      }),
    );
    const { body } = await helper.graphql('{ bridgeSkills(first: 3) { skill { key } score } }');
    expect(body.data.bridgeSkills).toEqual([
      { skill: { key: 's1' }, score: 5 },
      { skill: { key: 's2' }, score: 3 },
      { skill: { key: 's3' }, score: 0 },
    ]);
  });
});
