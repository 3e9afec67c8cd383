import { describe, expect, it } from 'vitest';
import {
  buildPathIndex,
  firstShortestPath,
  kShortestPathsInIndex,
  type PathFilters,
  type PathGraph,
  pathGraphOf,
} from '../../src/analysis/path-index.js';
import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from '../../src/domain/career-graph.js';
import { randomCareerGraph } from '../support/random-career-graph.js';
import { allSimplePaths, type MemoryGraph, memoryGraphOf } from '../support/reference-algorithms.js';
import { type SeededRandom, seededRandom } from '../support/seeded-random.js';

interface Relationship {
  id: string;
  type: RelationType;
  from: string;
  to: string;
}

interface TestGraph {
  nodes: { key: string; label: EntityLabel }[];
  relationships: Relationship[];
}

/** A random multigraph of all three kinds: up to three relationships between two nodes, of one type or several. */
function randomMultigraph(random: SeededRandom): TestGraph {
  const nodes = random.keys(random.int(3, 8), 1).map((key) => ({ key, label: random.pick(ENTITY_LABELS) }));
  const relationships: Relationship[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      if (!random.chance(0.5)) continue;
      for (let count = random.pick([1, 1, 2, 3]); count > 0; count--) {
        const [from, to] = random.shuffle([nodes[i]?.key, nodes[j]?.key]) as [string, string];
        const type = random.pick(random.chance(0.5) ? RELATION_TYPES.slice(0, 2) : RELATION_TYPES);
        relationships.push({ id: String(relationships.length), type, from, to });
      }
    }
  }
  return { nodes, relationships };
}

function randomFilters(random: SeededRandom, keys: string[], from: string, to: string): PathFilters {
  return {
    relations: random.chance(0.5) ? RELATION_TYPES : RELATION_TYPES.filter(() => random.chance(0.7)),
    via: random.chance(0.5) ? ENTITY_LABELS : ENTITY_LABELS.filter(() => random.chance(0.6)),
    avoid: random.chance(0.5) ? [] : random.shuffle(keys.filter((k) => k !== from && k !== to)).slice(0, 2),
  };
}

const signature = (graph: PathGraph, path: { nodes: number[]; relationships: number[] }) => ({
  keys: path.nodes.map((node) => graph.keys[node]),
  types: path.relationships.map((r) => RELATION_TYPES[graph.types[r] as number]),
});

/** The first k paths of the definition, with the filters as the API takes them. */
function expectedPaths(
  memory: MemoryGraph,
  from: string,
  to: string,
  k: number,
  maxHops: number,
  filters: PathFilters,
) {
  return allSimplePaths(memory, from, to, {
    maxHops,
    via: [...filters.via],
    relations: [...filters.relations],
    avoid: [...filters.avoid],
  }).slice(0, k);
}

/** Every returned path is a simple path of the graph walking real relationships, and no two are the same. */
function checkPaths(graph: PathGraph, paths: { nodes: number[]; relationships: number[] }[]) {
  const identities = paths.map((path) => {
    expect(new Set(path.nodes).size).toBe(path.nodes.length);
    path.relationships.forEach((r, i) => {
      expect([graph.starts[r], graph.ends[r]].sort()).toEqual([path.nodes[i], path.nodes[i + 1]].sort());
    });
    return `${path.nodes[0]}|${path.relationships.join('|')}`;
  });
  expect(new Set(identities).size).toBe(identities.length);
}

describe('shortest paths over an in-memory index, against the definition', () => {
  it('gives the first k simple paths of the order on random multigraphs, with filters and maxHops', async () => {
    const random = seededRandom(4_711);
    let longest = 0;
    for (let round = 0; round < 300; round++) {
      const test = randomMultigraph(random);
      const graph = pathGraphOf(test.nodes, test.relationships);
      const index = buildPathIndex(graph);
      const memory = memoryGraphOf(test.nodes, test.relationships);
      const keys = test.nodes.map((node) => node.key);
      const [from, to] = random.shuffle(keys) as [string, string];
      const k = random.int(1, 12);
      const maxHops = random.int(1, 6);
      const filters = randomFilters(random, keys, from, to);
      const paths = await kShortestPathsInIndex(index, { from, to, k, maxHops, filters });
      const context = JSON.stringify({ test, from, to, k, maxHops, filters });
      expect(
        paths.map((path) => signature(graph, path)),
        context,
      ).toEqual(expectedPaths(memory, from, to, k, maxHops, filters));
      checkPaths(graph, paths);
      longest = Math.max(longest, paths.length);
    }
    expect(longest).toBeGreaterThanOrEqual(10);
  });

  it('stays exact when its search counter passes the largest Int32 mark', async () => {
    const random = seededRandom(31);
    for (let round = 0; round < 40; round++) {
      const test = randomMultigraph(random);
      const graph = pathGraphOf(test.nodes, test.relationships);
      const index = buildPathIndex(graph);
      const keys = test.nodes.map((node) => node.key);
      const [from, to] = random.shuffle(keys) as [string, string];
      const filters = randomFilters(random, keys, from, to);
      const request = { from, to, k: random.int(1, 6), maxHops: random.int(1, 6), filters };
      // A search now leaves its marks; the counter then sits just below the limit, as after 2³¹ searches.
      await kShortestPathsInIndex(index, { ...request, filters: { ...filters, avoid: [] } });
      index.scratch.epoch = 0x7fffffff - 2;
      const paths = await kShortestPathsInIndex(index, request);
      const memory = memoryGraphOf(test.nodes, test.relationships);
      expect(paths.map((path) => signature(graph, path))).toEqual(
        expectedPaths(memory, from, to, request.k, request.maxHops, filters),
      );
    }
  });

  it('agrees with the definition on random career graphs', async () => {
    const random = seededRandom(99);
    for (let round = 0; round < 6; round++) {
      const memory = randomCareerGraph(random, { roles: 6, skills: 10, tools: 3 });
      const nodes = [...memory.labels].map(([key, label]) => ({ key, label: label as EntityLabel }));
      const seen = new Set<string>();
      const relationships: Relationship[] = [];
      for (const [from, edges] of memory.adjacency) {
        for (const edge of edges) {
          if (seen.has(edge.id)) continue;
          seen.add(edge.id);
          relationships.push({ id: edge.id, type: edge.type as RelationType, from, to: edge.other });
        }
      }
      const graph = pathGraphOf(nodes, relationships);
      const index = buildPathIndex(graph);
      for (let pair = 0; pair < 5; pair++) {
        const [from, to] = random.shuffle(nodes.map((node) => node.key)) as [string, string];
        const filters = randomFilters(random, graph.keys, from, to);
        const paths = await kShortestPathsInIndex(index, { from, to, k: 8, maxHops: 3, filters });
        expect(paths.map((path) => signature(graph, path))).toEqual(expectedPaths(memory, from, to, 8, 3, filters));
        checkPaths(graph, paths);
      }
    }
  });

  it('tells apart parallel relationships, preferring the type that sorts first, and honours exclusions', () => {
    const graph = pathGraphOf(
      [
        { key: 'a', label: 'Skill' },
        { key: 'b', label: 'Skill' },
        { key: 'c', label: 'Tool' },
      ],
      [
        { type: 'RELATED_TO', from: 'a', to: 'b' },
        { type: 'PREREQUISITE_OF', from: 'b', to: 'a' },
        { type: 'SUPPORTS', from: 'c', to: 'a' },
        { type: 'SUPPORTS', from: 'c', to: 'b' },
      ],
    );
    const index = buildPathIndex(graph);
    const all: PathFilters = { relations: RELATION_TYPES, via: ENTITY_LABELS, avoid: [] };
    const request = { from: 'a', excludedNodes: [], excludedRelationships: [], maxHops: 3 };
    expect(firstShortestPath(index, 'b', all, request)?.steps.map((s) => s.relation)).toEqual(['PREREQUISITE_OF']);
    expect(
      firstShortestPath(index, 'b', all, { ...request, excludedRelationships: ['1'] })?.steps.map((s) => s.relation),
    ).toEqual(['RELATED_TO']);
    expect(
      firstShortestPath(index, 'b', all, { ...request, excludedRelationships: ['0', '1'] })?.nodes.map((n) => n.key),
    ).toEqual(['a', 'c', 'b']);
    expect(
      firstShortestPath(index, 'b', { ...all, via: ['Skill'] }, { ...request, excludedRelationships: ['0', '1'] }),
    ).toBeNull();
    expect(
      firstShortestPath(index, 'b', all, { ...request, excludedRelationships: ['0', '1'], maxHops: 1 }),
    ).toBeNull();
    expect(firstShortestPath(index, 'b', all, { ...request, from: 'nowhere' })).toBeNull();
  });
});
