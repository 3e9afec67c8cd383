import { describe, expect, it } from 'vitest';
import {
  buildCareerIndex,
  type CareerGraph,
  findCareerPath,
  moveHours,
  searchCareerPath,
  smallestFeasibleStep,
} from '../../src/analysis/career-path.js';
import type { SkillFacts } from '../../src/analysis/skill-closure.js';
import { explainCareerPathSearch } from '../../src/domain/career-path.js';
import { careerIndexThread } from '../../src/workers/career-index-thread.js';
import { createCareerIndexHost } from '../../src/workers/career-operations.js';
import { careerGraphOf, randomCareerGraph } from '../support/random-career-graph.js';
import { careerPathByDefinition, keysWithLabel } from '../support/reference-algorithms.js';
import { seededRandom } from '../support/seeded-random.js';

const skills = (entries: Record<string, number>) =>
  new Map<string, SkillFacts>(Object.entries(entries).map(([key, hours]) => [key, { hours, prerequisites: [] }]));

// a → b costs 100, b → c 100, a → c directly 250; island shares nothing and costs 500 from anywhere.
const graph: CareerGraph = {
  roles: new Map([
    ['a', ['s1']],
    ['b', ['s1', 's2']],
    ['c', ['s1', 's2', 's3']],
    ['island', ['s9']],
  ]),
  skills: skills({ s1: 50, s2: 100, s3: 150, s9: 500 }),
};
const index = buildCareerIndex(graph);

describe('smallestFeasibleStep', () => {
  it('is the smallest largest move of any chain, at most the direct move', () => {
    expect(moveHours(index, 'a', 'c')).toBe(250);
    expect(smallestFeasibleStep(index, 'a', 'c')).toBe(150);
    expect(smallestFeasibleStep(index, 'c', 'a')).toBe(0);
    expect(smallestFeasibleStep(index, 'a', 'island')).toBe(500);
    expect(smallestFeasibleStep(index, 'a', 'a')).toBe(0);
    expect(smallestFeasibleStep(index, 'a', 'nobody')).toBeNull();
  });

  it('equals the smallest step limit under which the definition finds a chain, on random graphs', () => {
    const random = seededRandom(8_086);
    let belowDirect = 0;
    for (let n = 0; n < 30; n++) {
      const memory = randomCareerGraph(random, { roles: random.int(2, 8), skills: random.int(3, 12), tools: 0 });
      const randomIndex = buildCareerIndex(careerGraphOf(memory));
      const roles = keysWithLabel(memory, 'Role');
      // The answer is one of the move costs, so trying each, smallest first, finds the definition's.
      const limits = [
        ...new Set(roles.flatMap((a) => roles.map((b) => (a === b ? 0 : moveHours(randomIndex, a, b))))),
      ].sort((x, y) => x - y);
      for (const from of roles) {
        for (const to of roles) {
          const expected = limits.find((limit) => careerPathByDefinition(memory, from, to, limit) !== null);
          const actual = smallestFeasibleStep(randomIndex, from, to);
          expect(actual, JSON.stringify({ n, from, to })).toBe(expected);
          if ((actual ?? 0) < moveHours(randomIndex, from, to)) belowDirect++;
        }
      }
    }
    expect(belowDirect).toBeGreaterThan(20);
  });
});

describe('searchCareerPath', () => {
  it('without a limit, searches under the smallest feasible one, so two roles always have an answer', () => {
    const search = searchCareerPath(index, 'a', 'c', null);
    expect(search).toMatchObject({
      outcome: 'FOUND',
      stepLimitHours: 150,
      limitGiven: false,
      smallestFeasibleStepHours: 150,
      directMoveHours: 250,
      cheapestFirstMove: { to: 'b', hours: 100 },
    });
    expect(search.path).toEqual(findCareerPath(index, 'a', 'c', 150));
    expect(search.path?.steps.map((step) => step.to)).toEqual(['b', 'c']);
    expect(searchCareerPath(index, 'a', 'island', null).path?.totalHours).toBe(500);
  });

  it('with a limit, is findCareerPath, and says why when nothing is found', () => {
    const search = searchCareerPath(index, 'a', 'c', 120);
    expect(search).toMatchObject({
      outcome: 'NO_CHAIN_WITHIN_LIMIT',
      path: null,
      stepLimitHours: 120,
      limitGiven: true,
    });
    expect(explainCareerPathSearch(search, 'a', 'c')).toBe(
      'No chain of moves of at most 120 h leads from a to c: every chain has a move of at least 150 h (the direct move needs 250 h). The cheapest move out of a, to b, needs 100 h, but no chain goes on to c within the limit. Raise maxStepHours to 150, or leave it out.',
    );
    expect(explainCareerPathSearch(searchCareerPath(index, 'a', 'c', 50), 'a', 'c')).toContain(
      'Every move out of a needs more than that: the cheapest, to b, needs 100 h.',
    );
    expect(searchCareerPath(index, 'a', 'c', 300).path).toEqual(findCareerPath(index, 'a', 'c', 300));
    expect(searchCareerPath(index, 'b', 'b', 0)).toMatchObject({
      outcome: 'SAME_ROLE',
      path: { totalHours: 0, steps: [] },
    });
  });
});

describe('the career-index worker', () => {
  it('answers operations on the index of a version, and asks for an index it does not hold', () => {
    const host = createCareerIndexHost();
    expect(host({ id: 1, kind: 'call', version: 'v1', operation: 'searchCareerPath', args: ['a', 'c', null] })).toEqual(
      {
        id: 1,
        unknownVersion: true,
      },
    );
    expect(host({ id: 2, kind: 'load', version: 'v1', graph })).toMatchObject({ id: 2, value: null });
    expect(host({ id: 3, kind: 'call', version: 'v1', operation: 'searchCareerPath', args: ['a', 'c', null] })).toEqual(
      {
        id: 3,
        value: searchCareerPath(index, 'a', 'c', null),
      },
    );
    expect(host({ id: 4, kind: 'call', version: 'v1', operation: 'searchCareerPath', args: ['a', 'x', null] })).toEqual(
      {
        id: 4,
        error: 'unknown role x',
      },
    );
  });

  it('runs them in a worker thread, building a dropped index again', async () => {
    const handle = await careerIndexThread.load('thread-v1', graph);
    expect(await handle.call('searchCareerPath', 'a', 'c', 120)).toEqual(searchCareerPath(index, 'a', 'c', 120));
    await careerIndexThread.stop();
    expect(await handle.call('findSimilarRoles', 'a', 2)).toEqual([
      { role: 'b', jaccard: 0.5 },
      { role: 'c', jaccard: 1 / 3 },
    ]);
    await careerIndexThread.stop();
  });
});
