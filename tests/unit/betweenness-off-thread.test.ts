import { describe, expect, it } from 'vitest';
import { betweennessCentrality } from '../../src/analysis/betweenness.js';
import { betweennessOffThread, runWorker } from '../../src/workers/run-worker.js';
import { seededRandom } from '../support/seeded-random.js';

function randomGraph(nodeCount: number, edgeCount: number, seed: number) {
  const random = seededRandom(seed);
  const nodes = Array.from({ length: nodeCount }, (_, i) => `n${i}`);
  const edges = Array.from({ length: edgeCount }, () => [random.pick(nodes), random.pick(nodes)] as [string, string]);
  return { nodes, edges };
}

describe('betweenness in a worker thread', () => {
  it('gives exactly what the algorithm gives on the main thread', async () => {
    const { nodes, edges } = randomGraph(300, 900, 7);
    const { scores, exact } = await betweennessOffThread(nodes, edges);
    expect(exact).toBe(true);
    expect(new Map(nodes.map((node, i) => [node, scores[i]]))).toEqual(betweennessCentrality(nodes, edges));
  });

  it('leaves the event loop free while it computes', async () => {
    const { nodes, edges } = randomGraph(4_000, 16_000, 11);
    let longestGapMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    try {
      const { scores } = await betweennessOffThread(nodes, edges);
      expect(scores.length).toBe(4_000);
    } finally {
      clearInterval(ticker);
    }
    // Long enough for a computation on the main thread to have been seen.
    expect(performance.now() - started).toBeGreaterThan(500);
    expect(longestGapMs).toBeLessThan(200);
  }, 60_000);

  it('rejects when the worker fails', async () => {
    await expect(runWorker('no-such-worker', {})).rejects.toThrow();
  });
});
