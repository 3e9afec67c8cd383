import { describe, expect, it } from 'vitest';
import { buildCareerIndex } from '../../src/analysis/career-path.js';
import { findSimilarRoles, overlapMatrix, overlapMatrixRows, overlapOfRoles } from '../../src/analysis/role-overlap.js';
import { buildLearningPlan, computeSkillGap } from '../../src/analysis/skill-gap.js';
import { careerGraphOf, randomCareerGraph } from '../support/random-career-graph.js';
import {
  jaccardByDefinition,
  keysWithLabel,
  learningPlanByDefinition,
  type MemoryRelationship,
  memoryGraphOf,
  type ProfileByDefinition,
  requiredByDefinition,
  roleOverlapByDefinition,
  similarRolesByDefinition,
  skillGapByDefinition,
  weightedJaccardByDefinition,
} from '../support/reference-algorithms.js';
import { seededRandom } from '../support/seeded-random.js';

/**
 * The graph of the integration tests' role analysis: analyst, scientist, engineer and a hermit requiring
 * nothing; stats needs math, ml needs stats and python, dl needs ml.
 */
function handMade() {
  const relationships: MemoryRelationship[] = [];
  const relate = (type: string, from: string, to: string, importance?: string) =>
    relationships.push({ id: `r${relationships.length}`, type, from, to, importance: importance ?? null });
  relate('REQUIRES', 'analyst', 'sql', 'ESSENTIAL');
  relate('REQUIRES', 'analyst', 'stats', 'ESSENTIAL');
  relate('REQUIRES', 'analyst', 'viz', 'OPTIONAL');
  relate('REQUIRES', 'scientist', 'stats', 'ESSENTIAL');
  relate('REQUIRES', 'scientist', 'ml', 'ESSENTIAL');
  relate('REQUIRES', 'scientist', 'viz', 'OPTIONAL');
  relate('REQUIRES', 'scientist', 'dl', 'OPTIONAL');
  relate('REQUIRES', 'engineer', 'python', 'ESSENTIAL');
  relate('REQUIRES', 'engineer', 'sql', 'OPTIONAL');
  relate('PREREQUISITE_OF', 'math', 'stats');
  relate('PREREQUISITE_OF', 'stats', 'ml');
  relate('PREREQUISITE_OF', 'python', 'ml');
  relate('PREREQUISITE_OF', 'ml', 'dl');
  relate('RELATED_TO', 'python', 'sql');
  for (const [role, tool] of [
    ['analyst', 'excel'],
    ['analyst', 'python-tool'],
    ['scientist', 'python-tool'],
    ['scientist', 'jupyter'],
  ] as const)
    relate('USES', role, tool);
  const hours = { sql: 20, math: 30, stats: 40, python: 30, ml: 60, dl: 80, viz: 10 };
  return memoryGraphOf(
    [
      ...['analyst', 'scientist', 'engineer', 'hermit'].map((key) => ({ key, label: 'Role' })),
      ...Object.entries(hours).map(([key, h]) => ({ key, label: 'Skill', hours: h })),
      ...['excel', 'python-tool', 'jupyter'].map((key) => ({ key, label: 'Tool' })),
    ],
    relationships,
  );
}

describe('skill gap, learning plan and role overlap on a hand-made graph', () => {
  const graph = handMade();
  const index = buildCareerIndex(careerGraphOf(graph));

  it('computes the skill gap from a role, from skills, and to a role requiring nothing', () => {
    expect(computeSkillGap(index, { role: 'analyst', skills: [] }, 'scientist')).toMatchObject({
      missingEssential: ['ml'],
      missingOptional: ['dl', 'viz'],
      covered: ['stats'],
      coverage: 0.5,
      hoursToClose: 90,
    });
    expect(computeSkillGap(index, { skills: ['ml'] }, 'scientist')).toMatchObject({
      missingEssential: [],
      missingOptional: ['dl', 'viz'],
      covered: ['ml', 'stats'],
      coverage: 1,
      hoursToClose: 0,
    });
    expect(computeSkillGap(index, { role: 'analyst', skills: ['python'] }, 'scientist').hoursToClose).toBe(60);
    expect(computeSkillGap(index, { role: 'analyst', skills: [] }, 'hermit')).toMatchObject({
      missingEssential: [],
      missingOptional: [],
      covered: [],
      coverage: 1,
      hoursToClose: 0,
    });
  });

  it('orders the learning plan after prerequisites, smallest key first, with reasons and unlocks', () => {
    expect(buildLearningPlan(index, { role: 'analyst', skills: [] }, 'scientist', false)).toEqual({
      totalHours: 90,
      steps: [
        { position: 1, skill: 'python', hours: 30, runningTotalHours: 30, reason: 'PREREQUISITE', unlocks: ['ml'] },
        { position: 2, skill: 'ml', hours: 60, runningTotalHours: 90, reason: 'ESSENTIAL', unlocks: [] },
      ],
    });
    expect(buildLearningPlan(index, { role: 'engineer', skills: [] }, 'scientist', true)).toEqual({
      totalHours: 220,
      steps: [
        { position: 1, skill: 'math', hours: 30, runningTotalHours: 30, reason: 'PREREQUISITE', unlocks: ['stats'] },
        { position: 2, skill: 'stats', hours: 40, runningTotalHours: 70, reason: 'ESSENTIAL', unlocks: ['ml'] },
        { position: 3, skill: 'ml', hours: 60, runningTotalHours: 130, reason: 'ESSENTIAL', unlocks: ['dl'] },
        { position: 4, skill: 'dl', hours: 80, runningTotalHours: 210, reason: 'OPTIONAL', unlocks: [] },
        { position: 5, skill: 'viz', hours: 10, runningTotalHours: 220, reason: 'OPTIONAL', unlocks: [] },
      ],
    });
  });

  it('compares two roles: shared and own skills, shared tools, Jaccard; similar roles and the matrix', () => {
    expect(overlapOfRoles(index, 'analyst', 'scientist')).toEqual({
      sharedSkills: ['stats', 'viz'],
      onlyA: ['sql'],
      onlyB: ['dl', 'ml'],
      sharedTools: ['python-tool'],
      jaccard: 0.4,
      // levels 1: min sums stats 2 + viz 1, max sums sql 2 + stats 2 + viz 1 + ml 2 + dl 1
      weightedJaccard: 3 / 8,
    });
    expect(findSimilarRoles(index, 'analyst', 5)).toEqual([
      { role: 'scientist', jaccard: 0.4 },
      { role: 'engineer', jaccard: 0.25 },
    ]);
    expect(findSimilarRoles(index, 'analyst', 1)).toEqual([{ role: 'scientist', jaccard: 0.4 }]);
    expect(findSimilarRoles(index, 'hermit', 5)).toEqual([]);
    expect(overlapMatrix(index, ['scientist', 'analyst', 'hermit'])).toEqual([
      [1, 0.4, 0],
      [0.4, 1, 0],
      [0, 0, 1],
    ]);
    expect(overlapMatrix(index, ['scientist', 'analyst', 'hermit'], 'WEIGHTED_JACCARD')).toEqual([
      [1, 3 / 8, 0],
      [3 / 8, 1, 0],
      [0, 0, 1],
    ]);
  });
});

describe('skill gap, learning plan and role overlap on random graphs, against the definitions', () => {
  const random = seededRandom(7_919);
  const graphs = Array.from({ length: 30 }, () =>
    randomCareerGraph(random, { roles: random.int(2, 7), skills: random.int(3, 14), tools: random.int(0, 4) }),
  );

  it('skillGap and learningPlan from every role, and from skills alone, to every role', () => {
    let nonEmptyPlans = 0;
    for (const graph of graphs) {
      const index = buildCareerIndex(careerGraphOf(graph));
      const roles = keysWithLabel(graph, 'Role');
      const skills = keysWithLabel(graph, 'Skill');
      const profiles: ProfileByDefinition[] = [
        ...roles.map((role) => ({ role, skills: [] })),
        { skills: random.shuffle(skills).slice(0, 2) },
        { role: random.pick(roles), skills: random.shuffle(skills).slice(0, 3) },
      ];
      for (const profile of profiles) {
        for (const target of roles) {
          const context = JSON.stringify({ profile, target });
          expect(computeSkillGap(index, profile, target), context).toEqual(
            skillGapByDefinition(graph, profile, target),
          );
          for (const includeOptional of [false, true]) {
            const plan = buildLearningPlan(index, profile, target, includeOptional);
            expect(plan, context).toEqual(learningPlanByDefinition(graph, profile, target, includeOptional));
            if (plan.steps.length > 2) nonEmptyPlans++;
          }
        }
      }
    }
    expect(nonEmptyPlans).toBeGreaterThan(100);
  });

  it('roleOverlap, similarRoles and overlapMatrix (plain and weighted) for every pair of roles', () => {
    let partial = 0;
    let weightedPartial = 0;
    for (const graph of graphs) {
      const index = buildCareerIndex(careerGraphOf(graph));
      const roles = keysWithLabel(graph, 'Role');
      for (const a of roles) {
        for (const b of roles) {
          const overlap = overlapOfRoles(index, a, b);
          expect(overlap, `${a} ${b}`).toEqual(roleOverlapByDefinition(graph, a, b));
          if (overlap.jaccard > 0 && overlap.jaccard < 1) partial++;
        }
        expect(findSimilarRoles(index, a, 3)).toEqual(similarRolesByDefinition(graph, a, 3));
      }
      const shuffled = random.shuffle(roles);
      expect(overlapMatrix(index, shuffled)).toEqual(
        shuffled.map((a) =>
          shuffled.map((b) =>
            jaccardByDefinition(new Set(requiredByDefinition(graph, a)), new Set(requiredByDefinition(graph, b))),
          ),
        ),
      );
      const weighted = shuffled.map((a) => shuffled.map((b) => weightedJaccardByDefinition(graph, a, b)));
      expect(overlapMatrix(index, shuffled, 'WEIGHTED_JACCARD')).toEqual(weighted);
      // a block of rows is those rows of the whole matrix
      const start = random.int(0, shuffled.length - 1);
      expect(overlapMatrixRows(index, shuffled, 'WEIGHTED_JACCARD', start, start + 2)).toEqual(
        weighted.slice(start, start + 2),
      );
      for (const row of weighted) for (const value of row) if (value > 0 && value < 1) weightedPartial++;
    }
    expect(partial).toBeGreaterThan(50);
    expect(weightedPartial).toBeGreaterThan(50);
  });
});
