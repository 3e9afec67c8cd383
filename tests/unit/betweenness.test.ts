import { describe, expect, it } from 'vitest';
import { betweennessCentrality } from '../../src/analysis/betweenness.js';
import { betweennessByDefinition } from '../support/reference-algorithms.js';
import { seededRandom } from '../support/seeded-random.js';

const scores = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('betweennessCentrality (Brandes)', () => {
  it('gives the unnormalised scores of small graphs worked out by hand', () => {
    // A path a — b — c — d: b lies on a–c and a–d, c on a–d and b–d.
    expect(
      scores(
        betweennessCentrality(
          ['a', 'b', 'c', 'd'],
          [
            ['a', 'b'],
            ['c', 'b'],
            ['c', 'd'],
          ],
        ),
      ),
    ).toEqual({ a: 0, b: 2, c: 2, d: 0 });
    // A star: the centre lies on every pair of the 4 leaves, 6 pairs.
    expect(
      betweennessCentrality(
        ['hub', 'l1', 'l2', 'l3', 'l4'],
        ['l1', 'l2', 'l3', 'l4'].map((leaf) => ['hub', leaf] as const),
      ).get('hub'),
    ).toBe(6);
    // A square a — b — c — d — a: a and c are joined by two shortest paths, one through each of b and d.
    expect(
      scores(
        betweennessCentrality(
          ['a', 'b', 'c', 'd'],
          [
            ['a', 'b'],
            ['b', 'c'],
            ['c', 'd'],
            ['d', 'a'],
          ],
        ),
      ),
    ).toEqual({ a: 0.5, b: 0.5, c: 0.5, d: 0.5 });
  });

  it('counts parallel edges once and ignores self-loops, directions and isolated nodes', () => {
    // The square again, with a — b three times over (both ways) and a loop on b: still two shortest paths
    // between a and c, one through b and one through d.
    const result = betweennessCentrality(
      ['a', 'b', 'c', 'd', 'island'],
      [
        ['a', 'b'],
        ['b', 'a'],
        ['a', 'b'],
        ['b', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'a'],
      ],
    );
    expect(scores(result)).toEqual({ a: 0.5, b: 0.5, c: 0.5, d: 0.5, island: 0 });
  });

  it('equals the pair-by-pair definition on random graphs', () => {
    const random = seededRandom(424_242);
    let nonZero = 0;
    for (let n = 0; n < 40; n++) {
      const nodes = random.keys(random.int(1, 16), 2);
      const edges: [string, string][] = [];
      const density = random.pick([0.1, 0.2, 0.4]);
      for (const a of nodes) {
        for (const b of nodes) {
          if (random.chance(density / 2)) edges.push([a, b]);
        }
      }
      const expected = betweennessByDefinition(nodes, edges);
      const actual = betweennessCentrality(nodes, edges);
      expect([...actual.keys()].sort()).toEqual([...nodes].sort());
      for (const node of nodes) {
        expect(actual.get(node), JSON.stringify({ nodes, edges, node })).toBeCloseTo(expected.get(node) as number, 9);
        if ((actual.get(node) ?? 0) > 0) nonZero++;
      }
    }
    expect(nonZero).toBeGreaterThan(100);
  });
});
