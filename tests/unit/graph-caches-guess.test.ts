import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { careerIndexFor, type GraphCaches } from '../../src/domain/graph-caches.js';
import { GraphDerivedCache } from '../../src/domain/graph-derived-cache.js';
import type { Loaders } from '../../src/domain/loaders.js';
import type { RequestScope } from '../../src/domain/request-scope.js';
import type { CareerIndexHandle } from '../../src/workers/career-index-thread.js';

/** A career index cache whose computation reads whatever version the graph is at, counting its runs. */
function careerIndexCache(graph: { version: string }) {
  const computed: string[] = [];
  const cache = new GraphDerivedCache<CareerIndexHandle>(async () => {
    computed.push(graph.version);
    return { version: graph.version, value: { version: graph.version } as unknown as CareerIndexHandle };
  });
  return { cache, computed };
}

function scopeOf(cache: GraphDerivedCache<CareerIndexHandle>, loaders: Partial<Loaders>): RequestScope {
  const warmed: string[] = [];
  return {
    database: {} as Database,
    loaders: loaders as Loaders,
    caches: {
      careerIndex: cache,
      warm: (_database: Database, version: string) => warmed.push(version),
    } as unknown as GraphCaches,
    changeFeed: undefined as never,
    maxPageSize: 100,
    waitForComputedMs: 1_000,
  };
}

const underGuess = (guess: string, read: string): Partial<Loaders> => ({
  graphVersion: async () => guess,
  guessing: () => true,
  confirmedVersion: async () => read,
});

describe('whole-graph results under a guessed version', () => {
  it('a stale guess neither recomputes nor replaces the newer result: it waits for the version read', async () => {
    const graph = { version: 'v2' };
    const { cache, computed } = careerIndexCache(graph);
    await cache.get({} as Database, 'v2');
    const scope = scopeOf(cache, underGuess('v1', 'v2'));
    const index = await careerIndexFor(scope);
    expect(index).toEqual({ version: 'v2' });
    expect(computed).toEqual(['v2']);
  });

  it('a guess uses a result already computed for it, without waiting', async () => {
    const graph = { version: 'v1' };
    const { cache, computed } = careerIndexCache(graph);
    await cache.get({} as Database, 'v1');
    let confirmedAsked = false;
    const scope = scopeOf(cache, {
      ...underGuess('v1', 'v1'),
      confirmedVersion: async () => {
        confirmedAsked = true;
        return 'v1';
      },
    });
    expect(await careerIndexFor(scope)).toEqual({ version: 'v1' });
    expect(confirmedAsked).toBe(false);
    expect(computed).toEqual(['v1']);
  });
});
