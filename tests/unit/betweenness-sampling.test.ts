import { describe, expect, it } from 'vitest';
import {
  adjacencyArrays,
  betweennessCentrality,
  estimateBetweenness,
  SAMPLING_FAILURE_PROBABILITY,
  sampleCountFor,
  samplingErrorBound,
  seededShuffle,
} from '../../src/analysis/betweenness.js';
import { BRIDGE_WORK_BUDGET } from '../../src/domain/bridge-skills.js';
import { betweennessByDefinition } from '../support/reference-algorithms.js';
import { type SeededRandom, seededRandom } from '../support/seeded-random.js';

/** Roles requiring skills, skills requiring skills: the shape bridgeSkills ranks in. */
function roleSkillGraph(random: SeededRandom, roles: number, skills: number, perRole: number, prerequisites: number) {
  const roleKeys = Array.from({ length: roles }, (_, i) => `r${i}`);
  const skillKeys = Array.from({ length: skills }, (_, i) => `s${i}`);
  const edges: [string, string][] = [];
  for (const role of roleKeys) {
    for (let k = 0; k < perRole; k++) edges.push([role, skillKeys[Math.floor(random.next() ** 2 * skills)] as string]);
  }
  for (let k = 0; k < prerequisites; k++) edges.push([random.pick(skillKeys), random.pick(skillKeys)]);
  return { nodes: [...roleKeys, ...skillKeys], edges };
}

const perSourceWork = (nodes: string[], edges: [string, string][]) => {
  const graph = adjacencyArrays(nodes, edges);
  return 2 * (graph.targets.length + graph.nodeCount);
};

describe('estimateBetweenness', () => {
  it('is exact, equal to Brandes from every node and to the definition, when the budget allows', () => {
    const random = seededRandom(2_024);
    for (let n = 0; n < 20; n++) {
      const { nodes, edges } = roleSkillGraph(random, random.int(1, 8), random.int(1, 20), 3, random.int(0, 10));
      const estimate = estimateBetweenness(nodes, edges, { workBudget: Number.POSITIVE_INFINITY, seed: 'v1' });
      expect(estimate.exact).toBe(true);
      expect(estimate.errorBound).toBe(0);
      expect(estimate.sampleCount).toBe(nodes.length);
      expect(estimate.scores).toEqual(betweennessCentrality(nodes, edges));
      const expected = betweennessByDefinition(nodes, edges);
      for (const node of nodes) expect(estimate.scores.get(node)).toBeCloseTo(expected.get(node) as number, 9);
    }
  });

  it('is exact on graphs of the curated seed’s size with the service’s budget', () => {
    const { nodes, edges } = roleSkillGraph(seededRandom(5), 40, 290, 12, 200);
    const graph = adjacencyArrays(nodes, edges);
    expect(sampleCountFor(graph, BRIDGE_WORK_BUDGET)).toBe(nodes.length);
  });

  it('samples within its stated bound, and the same seed gives the same scores', () => {
    const random = seededRandom(77);
    for (const [roles, skills] of [
      [60, 240],
      [120, 500],
      [200, 800],
    ] as const) {
      const { nodes, edges } = roleSkillGraph(random, roles, skills, 8, skills / 2);
      const exact = betweennessCentrality(nodes, edges);
      for (const share of [0.05, 0.2, 0.5]) {
        const k = Math.floor(nodes.length * share);
        const options = { workBudget: perSourceWork(nodes, edges) * k, seed: `version-${share}` };
        const estimate = estimateBetweenness(nodes, edges, options);
        expect(estimate.exact).toBe(false);
        expect(estimate.sampleCount).toBe(k);
        expect(estimate.delta).toBe(SAMPLING_FAILURE_PROBABILITY);
        expect(estimate.errorBound).toBe(samplingErrorBound(nodes.length, k));
        let worst = 0;
        for (const node of nodes) {
          worst = Math.max(worst, Math.abs((estimate.scores.get(node) as number) - (exact.get(node) as number)));
        }
        expect(worst, JSON.stringify({ roles, skills, k })).toBeLessThanOrEqual(estimate.errorBound);
        expect(estimateBetweenness(nodes, edges, options).scores).toEqual(estimate.scores);
        expect(estimateBetweenness(nodes, edges, { ...options, seed: 'another' }).scores).not.toEqual(estimate.scores);
      }
    }
  });

  it('is unbiased: averaged over many seeds, the estimate approaches the exact scores', () => {
    const { nodes, edges } = roleSkillGraph(seededRandom(3), 30, 90, 5, 30);
    const exact = betweennessCentrality(nodes, edges);
    const workBudget = perSourceWork(nodes, edges) * 20;
    const sums = new Map(nodes.map((node) => [node, 0]));
    const runs = 300;
    for (let run = 0; run < runs; run++) {
      for (const [node, score] of estimateBetweenness(nodes, edges, { workBudget, seed: `s${run}` }).scores) {
        sums.set(node, (sums.get(node) as number) + score / runs);
      }
    }
    const largest = Math.max(...exact.values());
    for (const node of nodes) {
      expect(Math.abs((sums.get(node) as number) - (exact.get(node) as number))).toBeLessThan(0.05 * largest);
    }
  });
});

describe('samplingErrorBound', () => {
  it('is 0 when every node is a source and shrinks as 1/√k', () => {
    expect(samplingErrorBound(1000, 1000)).toBe(0);
    expect(samplingErrorBound(1000, 100) / samplingErrorBound(1000, 400)).toBeCloseTo(2, 9);
    // n(n − 2)/2 · √(ln(2n/δ)/(2k)) for n = 1000, k = 100, δ = 0.05.
    expect(samplingErrorBound(1000, 100)).toBeCloseTo(499_000 * Math.sqrt(Math.log(40_000) / 200), 6);
  });
});

describe('seededShuffle', () => {
  it('is a permutation fixed by its seed', () => {
    const order = seededShuffle(500, 'abc');
    expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(seededShuffle(500, 'abc')).toEqual(order);
    expect(seededShuffle(500, 'abd')).not.toEqual(order);
  });
});
