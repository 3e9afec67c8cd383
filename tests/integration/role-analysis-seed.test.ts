import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryGraph } from '../support/in-memory-graph.js';
import {
  betweennessByDefinition,
  closureByDefinition,
  haveByDefinition,
  hoursByDefinition,
  jaccardByDefinition,
  type MemoryGraph,
  prerequisitesByDefinition,
  requiredByDefinition,
} from '../support/reference-algorithms.js';
import { TestHelper } from '../support/test-helper.js';

describe('skill gap, learning plans and overlap on the seed graph, checked against the definitions in memory', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let graph: MemoryGraph;
  let prerequisitesOf: Map<string, string[]>;
  beforeAll(async () => {
    graph = await loadMemoryGraph(helper.database);
    prerequisitesOf = prerequisitesByDefinition(graph);
  });
  const closure = (skills: string[]) => closureByDefinition(graph, skills);
  const required = (role: string, importance?: string) => requiredByDefinition(graph, role, importance);
  const have = (role: string) => haveByDefinition(graph, role);
  const hours = (skills: Iterable<string>) => hoursByDefinition(graph, skills);
  const keys = (list: { key: string }[]) => list.map((item) => item.key);

  const profiles = [
    { role: 'data-scientist', skills: [] as string[], to: 'mlops-engineer' },
    { role: 'software-engineer', skills: ['large-language-models'], to: 'ai-engineer' },
    { role: undefined, skills: ['statistics', 'sql-querying'], to: 'data-scientist' },
    { role: 'ai-product-manager', skills: [], to: 'ai-ethics-specialist' },
  ];

  for (const profile of profiles) {
    const input = `{ ${profile.role ? `role: "${profile.role}", ` : ''}skills: ${JSON.stringify(profile.skills)} }`;
    const had = () => new Set([...(profile.role ? have(profile.role) : []), ...closure(profile.skills)]);

    it(`skillGap(${input} → ${profile.to})`, async () => {
      const { skillGap } = await helper.data(`{ skillGap(from: ${input}, to: "${profile.to}") {
        missingEssential { key } missingOptional { key } covered { key } coverage hoursToClose } }`);
      const h = had();
      const essential = required(profile.to, 'ESSENTIAL');
      const optional = required(profile.to, 'OPTIONAL');
      expect(keys(skillGap.missingEssential).sort()).toEqual(essential.filter((s) => !h.has(s)).sort());
      expect(keys(skillGap.missingOptional).sort()).toEqual(optional.filter((s) => !h.has(s)).sort());
      expect(keys(skillGap.covered).sort()).toEqual([...essential, ...optional].filter((s) => h.has(s)).sort());
      expect(skillGap.coverage).toBeCloseTo(essential.filter((s) => h.has(s)).length / essential.length, 12);
      expect(skillGap.hoursToClose).toBe(hours([...have(profile.to)].filter((s) => !h.has(s))));
    });

    for (const includeOptional of [false, true]) {
      it(`learningPlan(${input} → ${profile.to}, includeOptional ${includeOptional})`, async () => {
        const { learningPlan } =
          await helper.data(`{ learningPlan(from: ${input}, to: "${profile.to}", includeOptional: ${includeOptional}) {
          totalHours steps { position skill { key } hours reason unlocks { key } } } }`);
        const h = had();
        const optional = includeOptional ? required(profile.to, 'OPTIONAL').filter((s) => !h.has(s)) : [];
        const wanted = new Set([...have(profile.to), ...closure(optional)].filter((s) => !h.has(s)));
        const plan: string[] = learningPlan.steps.map((step: any) => step.skill.key);
        expect([...plan].sort()).toEqual([...wanted].sort());
        expect(learningPlan.totalHours).toBe(hours(wanted));
        const essential = new Set(required(profile.to, 'ESSENTIAL'));
        learningPlan.steps.forEach((step: any, i: number) => {
          const key = step.skill.key;
          expect(step.position).toBe(i + 1);
          expect(step.hours).toBe(graph.hours.get(key));
          expect(step.reason).toBe(
            essential.has(key) ? 'ESSENTIAL' : optional.includes(key) ? 'OPTIONAL' : 'PREREQUISITE',
          );
          const placed = new Set(plan.slice(0, i));
          // every prerequisite in the plan comes earlier, and this is the smallest key free to come next
          expect((prerequisitesOf.get(key) ?? []).filter((p) => wanted.has(p) && !placed.has(p))).toEqual([]);
          const free = plan
            .slice(i)
            .filter((s) => (prerequisitesOf.get(s) ?? []).every((p) => !wanted.has(p) || placed.has(p)));
          expect(key).toBe([...free].sort()[0]);
          const unlocked = plan.slice(i + 1).filter((s) => (prerequisitesOf.get(s) ?? []).includes(key));
          expect(keys(step.unlocks)).toEqual(unlocked);
        });
      });
    }
  }

  const S = (role: string) => new Set(required(role));
  const jaccard = jaccardByDefinition;
  const roles = () => [...graph.labels].filter(([, label]) => label === 'Role').map(([key]) => key);

  it('roleOverlap for every pair with Data Scientist', async () => {
    for (const other of roles()) {
      const { roleOverlap } = await helper.data(`{ roleOverlap(a: "data-scientist", b: "${other}") {
        sharedSkills { key } onlyA { key } onlyB { key } jaccard } }`);
      const a = S('data-scientist');
      const b = S(other);
      expect(keys(roleOverlap.sharedSkills)).toEqual([...a].filter((s) => b.has(s)).sort());
      expect(keys(roleOverlap.onlyA)).toEqual([...a].filter((s) => !b.has(s)).sort());
      expect(keys(roleOverlap.onlyB)).toEqual([...b].filter((s) => !a.has(s)).sort());
      expect(roleOverlap.jaccard).toBeCloseTo(jaccard(a, b), 12);
    }
  });

  it('similarRoles for every role', async () => {
    for (const role of roles()) {
      const { similarRoles } = await helper.data(
        `{ similarRoles(to: "${role}", first: 100) { role { key } jaccard } }`,
      );
      const expected = roles()
        .filter((other) => other !== role)
        .map((other) => ({ key: other, jaccard: jaccard(S(role), S(other)) }))
        .filter((x) => x.jaccard > 0)
        .sort((x, y) => y.jaccard - x.jaccard || (x.key < y.key ? -1 : 1));
      expect(similarRoles.map((s: any) => s.role.key)).toEqual(expected.map((x) => x.key));
      similarRoles.forEach((s: any, i: number) => {
        expect(s.jaccard).toBeCloseTo(expected[i]?.jaccard ?? -1, 12);
      });
    }
  });

  it('overlapMatrix of ten roles', async () => {
    const chosen = roles().sort().slice(0, 10);
    const { overlapMatrix } = await helper.data(
      `{ overlapMatrix(roles: ${JSON.stringify(chosen)}) { roles { key } jaccard } }`,
    );
    expect(keys(overlapMatrix.roles)).toEqual(chosen);
    chosen.forEach((a, i) => {
      chosen.forEach((b, j) => {
        expect(overlapMatrix.jaccard[i][j]).toBeCloseTo(jaccard(S(a), S(b)), 12);
      });
    });
  });

  it('overlapMatrix(allRoles) and overlap.csv?roles=all: every role by key, the same as naming them all', async () => {
    const every = roles().sort();
    expect(every).toHaveLength(23);
    const { all, seed, named } = await helper.data(`{
      all: overlapMatrix(allRoles: true) { roles { key name } jaccard weightedJaccard }
      seed: overlapMatrix(allRoles: true, sources: [SEED]) { roles { key } jaccard }
      named: overlapMatrix(roles: ${JSON.stringify(every)}) { roles { key } jaccard weightedJaccard } }`);
    expect(keys(all.roles)).toEqual(every);
    expect(all.jaccard).toEqual(named.jaccard);
    expect(all.weightedJaccard).toEqual(named.weightedJaccard);
    expect(seed).toEqual({ roles: named.roles, jaccard: named.jaccard });

    for (const [query, field] of [
      ['roles=all', 'jaccard'],
      ['roles=all&source=seed&measure=weighted', 'weightedJaccard'],
    ] as const) {
      const response = await helper.app().fetch(`http://yoga/export/overlap.csv?${query}`);
      expect(response.status, query).toBe(200);
      const rows: Record<string, string>[] = parseCsv(await response.text(), { columns: true });
      expect(rows.map((row) => row.key)).toEqual(every);
      rows.forEach((row, i) => {
        expect(Object.keys(row)).toEqual(['key', 'name', ...every]);
        expect(row.name).toBe(all.roles[i].name);
        expect(every.map((key) => Number(row[key]))).toEqual(all[field][i]);
      });
    }
  });

  it('weightedJaccard: Σ min / Σ max of level × (2 if ESSENTIAL), from the REQUIRES rows as Cypher returns them', async () => {
    const result = await helper.database.read((tx) =>
      tx.run(
        'MATCH (r:Role) OPTIONAL MATCH (r)-[q:REQUIRES]->(s:Skill) RETURN r.key AS role, s.key AS skill, q.importance AS importance, q.level AS level',
      ),
    );
    const weights: Record<string, Record<string, number>> = {};
    let levelsSeen = new Set<number>();
    for (const record of result.records) {
      const role: string = record.get('role');
      weights[role] ??= {};
      const skill: string | null = record.get('skill');
      if (skill === null) continue;
      const level = Number(record.get('level') ?? 1);
      levelsSeen = levelsSeen.add(level);
      weights[role][skill] = Math.max(
        weights[role][skill] ?? 0,
        level * (record.get('importance') === 'ESSENTIAL' ? 2 : 1),
      );
    }
    expect(levelsSeen.size).toBeGreaterThan(1);
    const byHand = (a: string, b: string) => {
      const wa = weights[a] ?? {};
      const wb = weights[b] ?? {};
      let low = 0;
      let high = 0;
      for (const skill of new Set([...Object.keys(wa), ...Object.keys(wb)])) {
        low += Math.min(wa[skill] ?? 0, wb[skill] ?? 0);
        high += Math.max(wa[skill] ?? 0, wb[skill] ?? 0);
      }
      return high === 0 ? 1 : low / high;
    };
    const { overlapMatrix, roleOverlap } = await helper.data(`{
      overlapMatrix(allRoles: true) { roles { key } weightedJaccard }
      roleOverlap(a: "data-scientist", b: "mlops-engineer") { jaccard weightedJaccard } }`);
    const every = keys(overlapMatrix.roles);
    let differs = 0;
    every.forEach((a, i) => {
      every.forEach((b, j) => {
        expect(overlapMatrix.weightedJaccard[i][j], `${a} ${b}`).toBeCloseTo(byHand(a, b), 12);
        if (Math.abs(byHand(a, b) - jaccard(S(a), S(b))) > 1e-9) differs++;
      });
    });
    expect(differs).toBeGreaterThan(100);
    expect(roleOverlap.weightedJaccard).toBeCloseTo(byHand('data-scientist', 'mlops-engineer'), 12);
    expect(roleOverlap.jaccard).toBeCloseTo(jaccard(S('data-scientist'), S('mlops-engineer')), 12);
  });

  it('bridgeSkills: the top 15 by betweenness computed pair by pair', async () => {
    const nodes = [...graph.labels].filter(([, label]) => label === 'Role' || label === 'Skill').map(([key]) => key);
    const edges: [string, string][] = [
      ...graph.requires.map((r) => [r.role, r.skill] as [string, string]),
      ...graph.prerequisites.map((p) => [p.from, p.to] as [string, string]),
    ];
    const scores = betweennessByDefinition(nodes, edges);
    const expected = [...scores]
      .filter(([key]) => graph.labels.get(key) === 'Skill')
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 15);
    const { bridgeSkills } = await helper.data('{ bridgeSkills(first: 15) { skill { key } score } }');
    expect(bridgeSkills.map((b: any) => b.skill.key)).toEqual(expected.map(([key]) => key));
    bridgeSkills.forEach((b: any, i: number) => {
      expect(b.score).toBeCloseTo(expected[i]?.[1] ?? -1, 6);
    });
  });
});
