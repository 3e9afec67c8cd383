import { describe, expect, it } from 'vitest';
import { buildCareerIndex, type CareerGraph, findCareerPath } from '../../src/analysis/career-path.js';
import { orderByPrerequisites, type SkillFacts, withPrerequisites } from '../../src/analysis/skill-closure.js';
import { careerGraphOf, randomCareerGraph } from '../support/random-career-graph.js';
import {
  careerPathByDefinition,
  keysWithLabel,
  prerequisiteOrderByDefinition,
} from '../support/reference-algorithms.js';
import { seededRandom } from '../support/seeded-random.js';

const skills = (entries: Record<string, [hours: number, prerequisites?: string[]]>) =>
  new Map<string, SkillFacts>(
    Object.entries(entries).map(([key, [hours, prerequisites = []]]) => [key, { hours, prerequisites }]),
  );

describe('skill closure and order', () => {
  const facts = skills({ a: [10], b: [10, ['a']], c: [10, ['a']], d: [10, ['b', 'c']] });

  it('adds every transitive prerequisite', () => {
    expect([...withPrerequisites(['d'], facts)].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders skills after their prerequisites, smallest key first among the free ones', () => {
    expect(orderByPrerequisites(['d', 'c', 'b', 'a'], facts)).toEqual(['a', 'b', 'c', 'd']);
    expect(orderByPrerequisites(['d', 'c'], facts)).toEqual(['c', 'd']);
  });

  it('refuses a cycle', () => {
    expect(() => orderByPrerequisites(['x', 'y'], skills({ x: [1, ['y']], y: [1, ['x']] }))).toThrow(/cycle/);
  });
});

describe('findCareerPath', () => {
  const graph: CareerGraph = {
    roles: new Map([
      ['a', ['s1']],
      ['b', ['s1', 's2']],
      ['c', ['s1', 's3']],
      ['d', ['s1', 's2', 's3']],
    ]),
    skills: skills({ s1: [10], s2: [40], s3: [40] }),
  };
  const index = buildCareerIndex(graph);

  it('prefers fewer hours, then fewer moves, then role keys', () => {
    expect(findCareerPath(index, 'a', 'd', 100)).toEqual({
      totalHours: 80,
      steps: [{ from: 'a', to: 'd', hours: 80, learn: ['s2', 's3'] }],
    });
    expect(findCareerPath(index, 'a', 'd', 40)?.steps.map((s) => s.to)).toEqual(['b', 'd']);
  });

  it('is null for unknown roles or when no move is feasible', () => {
    expect(findCareerPath(index, 'a', 'zzz', 100)).toBeNull();
    expect(findCareerPath(index, 'a', 'd', 39)).toBeNull();
  });
});

describe('findCareerPath tie-breaks', () => {
  const route = (index: ReturnType<typeof buildCareerIndex>, from: string, to: string, max: number) => {
    const path = findCareerPath(index, from, to, max);
    return path && { totalHours: path.totalHours, chain: [from, ...path.steps.map((s) => s.to)] };
  };

  it('of chains with equal hours, takes the one with fewer moves, even when a longer one has keys first', () => {
    // a → z costs 40 in one move; a → b → z and a → a2 → z cost 20 + 20 and 0 + 40 in two.
    const index = buildCareerIndex({
      roles: new Map([
        ['z', ['s1', 's2', 's3']],
        ['b', ['s1', 's2']],
        ['a2', ['s1']],
        ['a', ['s1']],
      ]),
      skills: skills({ s1: [10], s2: [20], s3: [20] }),
    });
    expect(route(index, 'a', 'z', 40)).toEqual({ totalHours: 40, chain: ['a', 'z'] });
    expect(findCareerPath(index, 'a', 'z', 20)).toEqual({
      totalHours: 40,
      steps: [
        { from: 'a', to: 'b', hours: 20, learn: ['s2'] },
        { from: 'b', to: 'z', hours: 20, learn: ['s3'] },
      ],
    });
  });

  it('of chains with equal hours and moves, takes the one whose role keys come first, compared from the start', () => {
    // Every move learns one 10-hour skill: m → b → z → g, m → c → a → g and m → c → z → g all cost 30 in
    // three moves; [m, b, z, g] comes first although [m, c, a, g] has the smaller third role.
    const index = buildCareerIndex({
      roles: new Map([
        ['g', ['x', 'u', 'v', 'w']],
        ['a', ['x', 'v', 'w']],
        ['z', ['x', 'u', 'v']],
        ['c', ['x', 'v']],
        ['b', ['x', 'u']],
        ['m', ['x']],
      ]),
      skills: skills({ x: [10], u: [10], v: [10], w: [10] }),
    });
    expect(route(index, 'm', 'g', 10)).toEqual({ totalHours: 30, chain: ['m', 'b', 'z', 'g'] });
    // Without b, the next chain in key order.
    const withoutB = buildCareerIndex({
      roles: new Map([...index.graph.roles].filter(([role]) => role !== 'b')),
      skills: index.skills,
    });
    expect(route(withoutB, 'm', 'g', 10)).toEqual({ totalHours: 30, chain: ['m', 'c', 'a', 'g'] });
  });

  it('equals the definition on random graphs, for every pair of roles and several step limits', () => {
    const random = seededRandom(31_337);
    let multiStep = 0;
    for (let n = 0; n < 40; n++) {
      const graph = randomCareerGraph(random, { roles: random.int(3, 10), skills: random.int(3, 12), tools: 0 });
      const index = buildCareerIndex(careerGraphOf(graph));
      const roles = keysWithLabel(graph, 'Role');
      for (const max of [0, 10, 20, 40, 80, 1000]) {
        for (const from of roles) {
          for (const to of roles) {
            const actual = findCareerPath(index, from, to, max);
            const expected = careerPathByDefinition(graph, from, to, max);
            const context = JSON.stringify({ n, from, to, max });
            if (expected === null) {
              expect(actual, context).toBeNull();
              continue;
            }
            expect(
              actual && {
                totalHours: actual.totalHours,
                steps: actual.steps.map((step) => ({ ...step, learn: [...step.learn].sort() })),
              },
              context,
            ).toEqual(expected);
            for (const step of actual?.steps ?? []) {
              expect(step.learn, context).toEqual(prerequisiteOrderByDefinition(graph, step.learn));
            }
            if (expected.steps.length > 1) multiStep++;
          }
        }
      }
    }
    expect(multiStep).toBeGreaterThan(100);
  });
});
