import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { GraphDerivedCache } from '../../src/domain/graph-derived-cache.js';

/** The cache only hands the database to `compute`: any object does. */
const database = { name: 'fake database' } as unknown as Database;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A cache whose computations are held until the test answers them: `calls` lists them in order, each with
 * the database it got; `answer(i, version)` reads the graph at `version` for the i-th.
 */
function controlledCache() {
  const calls: { database: Database; result: Deferred<{ version: string; value: string }> }[] = [];
  const cache = new GraphDerivedCache<string>((db) => {
    const result = deferred<{ version: string; value: string }>();
    calls.push({ database: db, result });
    return result.promise;
  });
  const answer = (i: number, version: string) =>
    calls[i]?.result.resolve({ version, value: `computed #${i} at ${version}` });
  return { cache, calls, answer };
}

describe('GraphDerivedCache', () => {
  it('computes once for concurrent first requests, and not again while the version holds', async () => {
    const { cache, calls, answer } = controlledCache();
    const first = Promise.all([cache.get(database, 'v1'), cache.get(database, 'v1'), cache.get(database, 'v1')]);
    await settle();
    expect(calls.length).toBe(1);
    expect(calls[0]?.database).toBe(database);
    answer(0, 'v1');
    expect(await first).toEqual(['computed #0 at v1', 'computed #0 at v1', 'computed #0 at v1']);
    expect(await cache.get(database, 'v1')).toBe('computed #0 at v1');
    expect(calls.length).toBe(1);
  });

  it('recomputes once when many requests arrive with a new version', async () => {
    const { cache, calls, answer } = controlledCache();
    const old = cache.get(database, 'v1');
    answer(0, 'v1');
    await old;
    const fresh = Promise.all(Array.from({ length: 5 }, () => cache.get(database, 'v2')));
    await settle();
    expect(calls.length).toBe(2);
    answer(1, 'v2');
    expect(new Set(await fresh)).toEqual(new Set(['computed #1 at v2']));
    expect(await cache.get(database, 'v2')).toBe('computed #1 at v2');
    expect(calls.length).toBe(2);
  });

  it('lets requests with a new version wait for a computation in flight, then recompute once if it is older', async () => {
    const { cache, calls, answer } = controlledCache();
    const old = cache.get(database, 'v1');
    const newer = Promise.all([cache.get(database, 'v2'), cache.get(database, 'v2')]);
    await settle();
    expect(calls.length).toBe(1);
    answer(0, 'v1');
    expect(await old).toBe('computed #0 at v1');
    await settle();
    expect(calls.length).toBe(2);
    answer(1, 'v2');
    expect(await newer).toEqual(['computed #1 at v2', 'computed #1 at v2']);
  });

  it('labels what it keeps with the version really read, not the version asked for', async () => {
    const { cache, calls, answer } = controlledCache();
    // The request read v1, but the graph had changed by the time the computation read it.
    const lagging = cache.get(database, 'v1');
    answer(0, 'v2');
    expect(await lagging).toBe('computed #0 at v2');
    expect(await cache.get(database, 'v2')).toBe('computed #0 at v2');
    expect(calls.length).toBe(1);
    const again = cache.get(database, 'v1');
    await settle();
    expect(calls.length).toBe(2);
    answer(1, 'v2');
    expect(await again).toBe('computed #1 at v2');
  });

  it('does not keep a failure: the failed request gets the error, a request waiting on it computes again', async () => {
    const { cache, calls, answer } = controlledCache();
    const failing = cache.get(database, 'v1');
    const waiting = cache.get(database, 'v1');
    await settle();
    calls[0]?.result.reject(new Error('database timed out'));
    await expect(failing).rejects.toThrow('database timed out');
    await settle();
    expect(calls.length).toBe(2);
    answer(1, 'v1');
    expect(await waiting).toBe('computed #1 at v1');
    expect(await cache.get(database, 'v1')).toBe('computed #1 at v1');
    expect(calls.length).toBe(2);
  });

  // Node ends the process on an unhandled rejection: a failed computation must not leave one behind.
  it('a failed computation that no other request waits on leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const others = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const cache = new GraphDerivedCache<string>(async () => {
        throw new Error('database timed out');
      });
      await expect(cache.get(database, 'v1')).rejects.toThrow('database timed out');
      await settle();
      await settle();
    } finally {
      process.off('unhandledRejection', record);
      for (const listener of others) process.on('unhandledRejection', listener);
    }
    expect(unhandled).toEqual([]);
  });

  it('lets the requests that waited on a failure retry once together, then share the failure', async () => {
    const { cache, calls } = controlledCache();
    const first = cache.get(database, 'v1');
    const waiting = [cache.get(database, 'v1'), cache.get(database, 'v1'), cache.get(database, 'v1')];
    await settle();
    calls[0]?.result.reject(new Error('timed out #0'));
    await expect(first).rejects.toThrow('timed out #0');
    await settle();
    expect(calls.length).toBe(2);
    calls[1]?.result.reject(new Error('timed out #1'));
    for (const request of waiting) await expect(request).rejects.toThrow('timed out #1');
    expect(calls.length).toBe(2);
  });
});
