import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubHeavyGraph, writeHubHeavyGraph } from '../support/hub-heavy-graph.js';
import { seededRandom } from '../support/seeded-random.js';
import { TestHelper } from '../support/test-helper.js';

/** An ESCO-shaped graph of ~150k relationships: the path graph's rebuild reads all of it. */
const generated = hubHeavyGraph(seededRandom(5), {
  roles: 3_000,
  skills: 14_000,
  tools: 300,
  requires: 138_000,
  skillLinks: 6_000,
});

describe('rebuilding the path graph of a large graph', () => {
  const helper = TestHelper.forSuite();
  beforeAll(async () => {
    await writeHubHeavyGraph(helper.database, generated);
  }, 180_000);
  afterAll(async () => {
    // Emptied in batches: the next suite's reset then has little to delete.
    await writeHubHeavyGraph(helper.database, { nodes: [], relationships: [] });
  }, 120_000);

  it('leaves the event loop free: /health stays quick while the first path request reads the graph', async () => {
    const app = helper.app();
    const [from, to] = [generated.nodes[0]?.key, generated.nodes[5_000]?.key];
    const query = `{ shortestPaths(from: "${from}", to: "${to}", k: 3) { length } }`;
    const delay = monitorEventLoopDelay({ resolution: 10 });
    const health: number[] = [];
    let running = true;
    const poll = (async () => {
      while (running) {
        const asked = performance.now();
        expect((await app.fetch('http://yoga/health')).status).toBe(200);
        health.push(performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    delay.enable();
    const started = performance.now();
    const first = await helper.data(query, { app });
    const rebuildMs = performance.now() - started;
    delay.disable();
    running = false;
    await poll;
    const longest = delay.max / 1e6;
    console.log(
      `path graph of ${generated.nodes.length} nodes and ${generated.relationships.length} relationships: first request ` +
        `${rebuildMs.toFixed(0)} ms; longest event-loop delay meanwhile ${longest.toFixed(0)} ms; ` +
        `/health asked ${health.length} times, slowest ${Math.max(...health).toFixed(0)} ms`,
    );
    expect(generated.relationships.length).toBeGreaterThan(140_000);
    expect(first.shortestPaths.length).toBeGreaterThan(0);
    // Issue #11 wants < 100 ms; measured ~30 ms. Holding the records and turning them into objects on the
    // event loop took 190–600 ms here: the bound catches the worst of that and leaves room on a busy machine.
    expect(longest).toBeLessThan(300);
    expect(Math.max(...health)).toBeLessThan(300);
    // The graph is read once: a second request answers from the thread's index.
    const again = performance.now();
    expect(await helper.data(query, { app })).toEqual(first);
    expect(performance.now() - again).toBeLessThan(rebuildMs);
  }, 120_000);
});
