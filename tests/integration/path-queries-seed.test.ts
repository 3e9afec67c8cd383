import { beforeAll, describe, expect, it } from 'vitest';
import { loadMemoryGraph } from '../support/in-memory-graph.js';
import { allSimplePaths, careerPathByDefinition, type MemoryGraph } from '../support/reference-algorithms.js';
import { TestHelper } from '../support/test-helper.js';

describe('path queries on the seed graph, checked against the definitions computed in memory', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let graph: MemoryGraph;
  beforeAll(async () => {
    graph = await loadMemoryGraph(helper.database);
  });

  it('has a meaningful headline: the shortest skill path from Data Scientist to MLOps Engineer', async () => {
    const { shortestPath } = await helper.data(
      '{ shortestPath(from: "Data Scientist", to: "MLOps Engineer", via: [SKILL]) { length nodes { __typename key } } }',
    );
    const expected = allSimplePaths(graph, 'data-scientist', 'mlops-engineer', { maxHops: 2, via: ['Skill'] })[0];
    expect(shortestPath.length).toBe(2);
    expect(shortestPath.nodes.map((n: any) => n.key)).toEqual(expected?.keys);
    expect(shortestPath.nodes[1].__typename).toBe('Skill');
  });

  it('says which way each step walks its stored relationship: the headline walks REQUIRES forwards, then backwards', async () => {
    const { shortestPath } = await helper.data(
      '{ shortestPath(from: "Data Scientist", to: "MLOps Engineer", via: [SKILL]) { steps { from { key } relation to { key } direction } } }',
    );
    const [first, second] = shortestPath.steps;
    expect(first).toMatchObject({ from: { key: 'data-scientist' }, relation: 'REQUIRES', direction: 'FORWARD' });
    // "<skill> REQUIRES MLOps Engineer" is walked against the stored MLOps Engineer -REQUIRES-> <skill>
    expect(second).toMatchObject({ relation: 'REQUIRES', to: { key: 'mlops-engineer' }, direction: 'BACKWARD' });
    expect(second.from.key).toBe(first.to.key);
  });

  it('reports, for every step of several paths, a direction some stored relationship has', async () => {
    const { shortestPaths } = await helper.data(
      `{ shortestPaths(from: "prompt-engineer", to: "kubernetes", k: 4, maxHops: 4) {
          steps { from { key } relation to { key } direction } } }`,
    );
    const steps = shortestPaths.flatMap((path: any) => path.steps);
    expect(new Set(steps.map((step: any) => step.direction))).toEqual(new Set(['FORWARD', 'BACKWARD']));
    for (const step of steps) {
      const [start, end] = step.direction === 'FORWARD' ? [step.from.key, step.to.key] : [step.to.key, step.from.key];
      const stored = await helper.database.read(async (tx) => {
        const result = await tx.run(
          'MATCH (:Entity {key: $start})-[r]->(:Entity {key: $end}) WHERE type(r) = $type RETURN count(r) AS n',
          { start, end, type: step.relation },
        );
        return Number(result.records[0]?.get('n'));
      });
      expect(stored, `${start} -${step.relation}-> ${end}`).toBeGreaterThan(0);
    }
  });

  const cases = [
    { from: 'data-scientist', to: 'mlops-engineer', k: 6, maxHops: 4, via: ['SKILL'] },
    { from: 'prompt-engineer', to: 'kubernetes', k: 4, maxHops: 4 },
    { from: 'statistics', to: 'pytorch', k: 3, maxHops: 4, relations: ['SUPPORTS', 'PREREQUISITE_OF'] },
    {
      from: 'ai-ethics-specialist',
      to: 'deep-learning-engineer',
      k: 5,
      maxHops: 3,
      avoid: ['machine-learning-fundamentals'],
    },
    { from: 'data-analyst', to: 'computer-vision-engineer', k: 3, maxHops: 3, via: ['SKILL', 'TOOL'] },
    // skills joined by both PREREQUISITE_OF and RELATED_TO: paths through the same nodes differ by relation
    { from: 'llmops', to: 'transformers', k: 6, maxHops: 2, relations: ['PREREQUISITE_OF', 'RELATED_TO'] },
    { from: 'model-monitoring', to: 'statistics', k: 8, maxHops: 3, relations: ['PREREQUISITE_OF', 'RELATED_TO'] },
  ];

  for (const c of cases) {
    it(`shortestPaths(${c.from} → ${c.to}, k ${c.k}, maxHops ${c.maxHops}) equals the first k simple paths`, async () => {
      const args = [
        `from: "${c.from}", to: "${c.to}", k: ${c.k}, maxHops: ${c.maxHops}`,
        c.via ? `via: [${c.via.join(', ')}]` : '',
        c.relations ? `relations: [${c.relations.join(', ')}]` : '',
        c.avoid ? `avoid: ${JSON.stringify(c.avoid)}` : '',
      ].join(' ');
      const { shortestPaths } = await helper.data(
        `{ shortestPaths(${args}) { length nodes { key } steps { relation } } }`,
      );
      const expected = allSimplePaths(graph, c.from, c.to, {
        maxHops: c.maxHops,
        via: c.via?.map((v) => v.charAt(0) + v.slice(1).toLowerCase()),
        relations: c.relations,
        avoid: c.avoid,
      }).slice(0, c.k);
      expect(expected.length).toBeGreaterThan(0);
      expect(
        shortestPaths.map((p: any) => ({
          keys: p.nodes.map((n: any) => n.key),
          types: p.steps.map((s: any) => s.relation),
        })),
      ).toEqual(expected);
    });
  }

  const careers = [
    ['data-analyst', 'mlops-engineer', 800],
    ['data-analyst', 'mlops-engineer', 300],
    ['software-engineer', 'mlops-engineer', 700],
    ['prompt-engineer', 'ai-engineer', 300],
    ['ai-content-designer', 'deep-learning-engineer', 1000],
    ['ux-researcher', 'ai-research-scientist', 600],
  ] as const;

  for (const [from, to, max] of careers) {
    it(`careerPath(${from} → ${to}, maxStepHours ${max}) follows the definition`, async () => {
      const { careerPath } = await helper.data(
        `{ careerPath(from: "${from}", to: "${to}", maxStepHours: ${max}) { totalHours steps { from { key } to { key } hours learn { key } } } }`,
      );
      const expected = careerPathByDefinition(graph, from, to, max);
      if (expected === null) {
        expect(careerPath).toBeNull();
        return;
      }
      expect({
        totalHours: careerPath.totalHours,
        steps: careerPath.steps.map((s: any) => ({
          from: s.from.key,
          to: s.to.key,
          hours: s.hours,
          learn: s.learn.map((l: any) => l.key).sort(),
        })),
      }).toEqual(expected);
    });
  }

  it('orders what each career step learns after its prerequisites', async () => {
    const { careerPath } = await helper.data(
      '{ careerPath(from: "data-analyst", to: "mlops-engineer", maxStepHours: 800) { steps { learn { key prerequisites(first: 50) { edges { node { key } } } } } } }',
    );
    expect(careerPath.steps.length).toBeGreaterThan(0);
    for (const step of careerPath.steps) {
      const position = new Map(step.learn.map((s: any, i: number) => [s.key, i]));
      for (const [i, skill] of step.learn.entries()) {
        for (const { node } of skill.prerequisites.edges) {
          if (position.has(node.key)) expect(position.get(node.key)).toBeLessThan(i);
        }
      }
    }
  });
});
