import { describe, expect, it } from 'vitest';
import { buildCareerIndex } from '../../src/analysis/career-path.js';
import { gapsToRole } from '../../src/analysis/gaps-to.js';
import { computeSkillGap } from '../../src/analysis/skill-gap.js';
import { careerGraphOf, randomCareerGraph } from '../support/random-career-graph.js';
import { keysWithLabel } from '../support/reference-algorithms.js';
import { seededRandom } from '../support/seeded-random.js';

describe('gapsToRole: the gap from every role to a target in one pass', () => {
  const cases = Array.from({ length: 40 }, (_, i) => {
    const random = seededRandom(1500 + i);
    return randomCareerGraph(random, { roles: random.int(1, 9), skills: random.int(0, 16), tools: random.int(0, 3) });
  });

  it('equals computeSkillGap(from: {role}, to: target) for every role, ranked by hours then key', () => {
    for (const graph of cases) {
      const index = buildCareerIndex(careerGraphOf(graph));
      const roles = keysWithLabel(graph, 'Role').sort();
      for (const target of roles) {
        const expected = roles
          .filter((role) => role !== target)
          .map((role) => {
            const gap = computeSkillGap(index, { role, skills: [] }, target);
            return { role, hours: gap.hoursToClose, coverage: gap.coverage };
          })
          .sort((a, b) => a.hours - b.hours || (a.role < b.role ? -1 : 1));
        expect(gapsToRole(index, target)).toEqual(expected);
      }
    }
  });

  it('an unknown target has no gaps', () => {
    const index = buildCareerIndex(careerGraphOf(cases[0] as (typeof cases)[0]));
    expect(gapsToRole(index, 'no-such-role')).toEqual([]);
  });
});
