import { describe, expect, it } from 'vitest';
import { buildCareerIndex, type CareerGraph, findCareerPath } from '../../src/analysis/career-path.js';
import { orderByPrerequisites, type SkillFacts, withPrerequisites } from '../../src/analysis/skill-closure.js';

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
