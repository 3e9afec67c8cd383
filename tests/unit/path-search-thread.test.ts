import { afterEach, describe, expect, it } from 'vitest';
import { buildPathIndex, kShortestPathsInIndex, type PathGraph, pathGraphOf } from '../../src/analysis/path-index.js';
import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from '../../src/domain/career-graph.js';
import { PathSearchThread } from '../../src/workers/path-search.js';
import { hubHeavyGraph } from '../support/hub-heavy-graph.js';
import { seededRandom } from '../support/seeded-random.js';

const generated = hubHeavyGraph(seededRandom(3), {
  roles: 60,
  skills: 300,
  tools: 10,
  requires: 1_200,
  skillLinks: 150,
});
const graph = pathGraphOf(
  generated.nodes.map((node) => ({ key: node.key, label: node.label as EntityLabel })),
  generated.relationships.map((r) => ({ type: r.type as RelationType, from: r.from, to: r.to })),
);
const filters = { relations: RELATION_TYPES, via: ENTITY_LABELS, avoid: [] };
const random = seededRandom(8);
const requests = Array.from({ length: 6 }, () => ({
  from: random.pick(graph.keys),
  to: random.pick(graph.keys),
  k: 10,
  maxHops: 6,
  filters,
}));

describe('the path search thread', () => {
  let thread: PathSearchThread;
  afterEach(async () => {
    await thread.close();
  });

  it('answers exactly as the search on the main thread, requests in flight together', async () => {
    thread = new PathSearchThread();
    const index = buildPathIndex(graph);
    const expected = [];
    for (const request of requests) expected.push(await kShortestPathsInIndex(index, request));
    const answers = await Promise.all(requests.map((request) => thread.search({ id: 1, graph }, request)));
    expect(answers).toEqual(expected);
    expect(answers.some((paths) => paths.length === 10)).toBe(true);
  });

  it('searches for one path in a small graph on the event loop, without starting the thread', async () => {
    thread = new PathSearchThread();
    const one = requests.map((request) => ({ ...request, k: 1 }));
    const answers = await Promise.all(one.map((request) => thread.search({ id: 4, graph }, request)));
    expect(thread.running).toBe(false);
    const index = buildPathIndex(graph);
    for (const [i, request] of one.entries()) expect(answers[i]).toEqual(await kShortestPathsInIndex(index, request));
  });

  it('searches a graph over the inline limit in the thread, even for one path', async () => {
    thread = new PathSearchThread({ inlineMaxElements: graph.keys.length });
    const request = { ...(requests[2] as (typeof requests)[number]), k: 1 };
    const answer = await thread.search({ id: 5, graph }, request);
    expect(thread.running).toBe(true);
    expect(answer).toEqual(await kShortestPathsInIndex(buildPathIndex(graph), request));
  });

  it('fails the searches in flight when the thread crashes, and starts another for the next', async () => {
    thread = new PathSearchThread();
    const request = requests[0] as (typeof requests)[number];
    // A graph the thread cannot index makes it crash, failing the search queued behind it too.
    const broken = thread.search({ id: 9, graph: { ...graph, keys: null } as unknown as PathGraph }, request);
    const inFlight = thread.search({ id: 2, graph }, request);
    await expect(broken).rejects.toThrow(/path search thread stopped .* try again/);
    await expect(inFlight).rejects.toThrow(/path search thread stopped .* try again/);
    const again = await thread.search({ id: 2, graph }, request);
    expect(again).toEqual(await kShortestPathsInIndex(buildPathIndex(graph), request));
  });

  it('ends when idle and when closed, failing what it had', async () => {
    thread = new PathSearchThread({ idleMs: 50 });
    await thread.search({ id: 3, graph }, requests[1] as (typeof requests)[number]);
    expect(thread.running).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(thread.running).toBe(false);
    // A new thread for the next search, which closing fails.
    const pending = thread.search({ id: 3, graph }, requests[1] as (typeof requests)[number]);
    const failed = expect(pending).rejects.toThrow(/closed/);
    await thread.close();
    await failed;
    await expect(thread.search({ id: 3, graph }, requests[1] as (typeof requests)[number])).rejects.toThrow(/closed/);
  });
});
