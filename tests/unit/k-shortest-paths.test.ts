import { describe, expect, it } from 'vitest';
import { comparePaths, type GraphPath, pathIdentity } from '../../src/analysis/graph-path.js';
import { findKShortestPaths, type ShortestPathOracle, type SpurRequest } from '../../src/analysis/k-shortest-paths.js';
import { type EntityRecord, RELATION_TYPES, type RelationType } from '../../src/domain/career-graph.js';
import { allSimplePaths, type MemoryRelationship, memoryGraphOf } from '../support/reference-algorithms.js';
import { type SeededRandom, seededRandom } from '../support/seeded-random.js';

interface TestGraph {
  keys: string[];
  relationships: (MemoryRelationship & { type: RelationType })[];
}

const record = (key: string): EntityRecord => ({ label: 'Skill', key, name: key, aliases: [], description: '' });

/**
 * Every simple path from `from` to `to` of at most maxHops relationships that visits none of
 * `excludedNodes` and walks none of `excludedRelationships`, each relationship walkable both ways; sorted
 * by comparePaths, ties (parallel relationships of one type) in the order `tieBreak` gives.
 */
function bruteForcePaths(
  graph: TestGraph,
  from: string,
  to: string,
  request: { excludedNodes: readonly string[]; excludedRelationships: readonly string[]; maxHops: number },
  tieBreak: (path: GraphPath) => number = () => 0,
): GraphPath[] {
  const found: GraphPath[] = [];
  const visit = (keys: string[], steps: GraphPath['steps']) => {
    const here = keys.at(-1) as string;
    if (here === to) {
      found.push({ nodes: keys.map(record), steps: [...steps] });
      return;
    }
    if (steps.length === request.maxHops) return;
    for (const r of graph.relationships) {
      if (r.from !== here && r.to !== here) continue;
      const other = r.from === here ? r.to : r.from;
      if (keys.includes(other) || request.excludedNodes.includes(other)) continue;
      if (request.excludedRelationships.includes(r.id)) continue;
      visit([...keys, other], [...steps, { relationshipId: r.id, relation: r.type, from: here, to: other }]);
    }
  };
  visit([from], []);
  return found.sort((a, b) => comparePaths(a, b) || tieBreak(a) - tieBreak(b));
}

/**
 * The fake oracle: the first path of bruteForcePaths for each request. Ties between paths that differ only
 * by parallel relationships of one type are broken at random, as Neo4j may.
 */
function bruteForceOracle(graph: TestGraph, target: string, random: SeededRandom) {
  const requests: SpurRequest[][] = [];
  const tieBreaks = new Map<string, number>();
  const tieBreak = (path: GraphPath) => {
    const identity = pathIdentity(path);
    if (!tieBreaks.has(identity)) tieBreaks.set(identity, random.next());
    return tieBreaks.get(identity) as number;
  };
  const oracle: ShortestPathOracle = async (batch) => {
    requests.push(batch);
    return batch.map((request) => bruteForcePaths(graph, request.from, target, request, tieBreak)[0] ?? null);
  };
  return { oracle, requests };
}

/**
 * A random multigraph: up to three relationships between two nodes, in either direction; with `sameType`,
 * parallel relationships may share a type (then paths through the same nodes can tie in comparePaths).
 */
function randomGraph(random: SeededRandom, sameType: boolean): TestGraph {
  const keys = random.keys(random.int(3, 7), 1);
  const relationships: TestGraph['relationships'] = [];
  const ids = random.shuffle(Array.from({ length: 70 }, (_, i) => `rel-${i}`));
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      if (!random.chance(0.55)) continue;
      const count = random.pick([1, 1, 2, 3]);
      const types = sameType
        ? Array.from({ length: count }, () => random.pick(RELATION_TYPES.slice(0, 2)))
        : random.shuffle(RELATION_TYPES).slice(0, count);
      for (const type of types) {
        const [from, to] = random.chance(0.5) ? [keys[i], keys[j]] : [keys[j], keys[i]];
        relationships.push({ id: ids.pop() as string, type, from: from as string, to: to as string });
      }
    }
  }
  return { keys, relationships };
}

/** Checks that the path is a simple path of the graph from source to target, and returns its identity. */
function checkPath(graph: TestGraph, path: GraphPath, source: string, target: string, maxHops: number): string {
  const keys = path.nodes.map((n) => n.key);
  expect(keys[0]).toBe(source);
  expect(keys.at(-1)).toBe(target);
  expect(new Set(keys).size).toBe(keys.length);
  expect(path.steps.length).toBe(keys.length - 1);
  expect(path.steps.length).toBeLessThanOrEqual(maxHops);
  path.steps.forEach((step, i) => {
    expect([step.from, step.to]).toEqual([keys[i], keys[i + 1]]);
    const relationship = graph.relationships.find((r) => r.id === step.relationshipId);
    expect(relationship?.type).toBe(step.relation);
    expect([relationship?.from, relationship?.to].sort()).toEqual([step.from, step.to].sort());
  });
  return pathIdentity(path);
}

const signature = (path: GraphPath) => ({
  keys: path.nodes.map((n) => n.key),
  types: path.steps.map((s) => s.relation),
});

describe("findKShortestPaths (Yen's algorithm) against brute force", () => {
  for (const sameType of [false, true]) {
    it(`returns the first k simple paths of the order on random multigraphs${sameType ? ' with same-type parallel relationships' : ''}`, async () => {
      const random = seededRandom(sameType ? 20_240_602 : 10_101);
      let cases = 0;
      let longest = 0;
      while (cases < 40) {
        const graph = randomGraph(random, sameType);
        const [source, target] = random.shuffle(graph.keys) as [string, string];
        const k = random.int(1, 10);
        const maxHops = random.int(1, 5);
        const { oracle, requests } = bruteForceOracle(graph, target, random);
        const paths = await findKShortestPaths(oracle, source, k, maxHops);

        const all = bruteForcePaths(graph, source, target, { excludedNodes: [], excludedRelationships: [], maxHops });
        // The reference the integration tests use agrees with the brute force here.
        const memoryGraph = memoryGraphOf(
          graph.keys.map((key) => ({ key, label: 'Skill' })),
          graph.relationships,
        );
        const reference = allSimplePaths(memoryGraph, source, target, { maxHops });
        expect(all.map(signature)).toEqual(reference);

        const context = JSON.stringify({ graph, source, target, k, maxHops });
        expect(paths.map(signature), context).toEqual(reference.slice(0, k));
        const identities = paths.map((path) => checkPath(graph, path, source, target, maxHops));
        expect(new Set(identities).size, context).toBe(identities.length);
        // With one relationship per type between two nodes the order is total, and the paths are exactly these;
        // otherwise paths through the same nodes with the same types tie, and any of them will do.
        if (!sameType) expect(identities, context).toEqual(all.slice(0, k).map(pathIdentity));
        // One oracle round trip per path found, and one more that finds nothing when fewer than k exist.
        expect(requests.length, context).toBe(paths.length === 0 ? 1 : paths.length === k ? k : paths.length + 1);
        cases++;
        longest = Math.max(longest, paths.length);
      }
      // The random cases are not all trivial.
      expect(longest).toBeGreaterThanOrEqual(8);
    });
  }

  it('sends each spur request with the root of the last path found excluded', async () => {
    // a — b — d and a — c — d, plus a second a — b relationship of another type.
    const graph: TestGraph = {
      keys: ['a', 'b', 'c', 'd'],
      relationships: [
        { id: 'r1', type: 'REQUIRES', from: 'a', to: 'b' },
        { id: 'r2', type: 'RELATED_TO', from: 'b', to: 'a' },
        { id: 'r3', type: 'REQUIRES', from: 'b', to: 'd' },
        { id: 'r4', type: 'USES', from: 'a', to: 'c' },
        { id: 'r5', type: 'USES', from: 'd', to: 'c' },
      ],
    };
    const { oracle, requests } = bruteForceOracle(graph, 'd', seededRandom(1));
    const paths = await findKShortestPaths(oracle, 'a', 3, 4);
    // RELATED_TO comes before REQUIRES: r2 first.
    expect(paths.map((p) => p.steps.map((s) => s.relationshipId))).toEqual([
      ['r2', 'r3'],
      ['r1', 'r3'],
      ['r4', 'r5'],
    ]);
    expect(requests).toEqual([
      [{ from: 'a', excludedNodes: [], excludedRelationships: [], maxHops: 4 }],
      [
        { from: 'a', excludedNodes: [], excludedRelationships: ['r2'], maxHops: 4 },
        { from: 'b', excludedNodes: ['a'], excludedRelationships: ['r3'], maxHops: 3 },
      ],
      [
        // The root [a] is shared by both paths found: neither of their first relationships may be taken.
        { from: 'a', excludedNodes: [], excludedRelationships: ['r2', 'r1'], maxHops: 4 },
        // The root a -r1- b is shared by the second path only.
        { from: 'b', excludedNodes: ['a'], excludedRelationships: ['r3'], maxHops: 3 },
      ],
    ]);
  });

  it('returns nothing when no path exists or k is below 1', async () => {
    const graph: TestGraph = { keys: ['a', 'b', 'c'], relationships: [{ id: 'r1', type: 'USES', from: 'a', to: 'b' }] };
    expect(await findKShortestPaths(bruteForceOracle(graph, 'c', seededRandom(1)).oracle, 'a', 3, 4)).toEqual([]);
    expect(await findKShortestPaths(bruteForceOracle(graph, 'b', seededRandom(1)).oracle, 'a', 0, 4)).toEqual([]);
  });
});
