import { describe, expect, it } from 'vitest';
import { ifNoneMatchMatches, operationEtag } from '../../src/server/use-http-caching.js';
import { createResponseCacheStore, responseCacheKey } from '../../src/server/use-response-cache.js';

describe('response cache keys and store', () => {
  it('keys by graph version, document, operation and variables, whatever the order of the variables', () => {
    const key = responseCacheKey('v1', '{ a }', 'A', { x: 1, y: [1, 2] });
    expect(responseCacheKey('v1', '{ a }', 'A', { y: [1, 2], x: 1 })).toBe(key);
    expect(responseCacheKey('v2', '{ a }', 'A', { x: 1, y: [1, 2] })).not.toBe(key);
    expect(responseCacheKey('v1', '{ b }', 'A', { x: 1, y: [1, 2] })).not.toBe(key);
    expect(responseCacheKey('v1', '{ a }', 'B', { x: 1, y: [1, 2] })).not.toBe(key);
    expect(responseCacheKey('v1', '{ a }', 'A', { x: 2, y: [1, 2] })).not.toBe(key);
  });

  it('holds at most its size in JSON, refuses an answer over a tenth of it, and empties on a new version', () => {
    const store = createResponseCacheStore(1_000);
    const answer = (bytes: number) => ({ data: { text: 'x'.repeat(bytes - 20) } });
    store.forVersion('v1');
    for (let i = 0; i < 30; i++) store.set(`k${i}`, answer(90), [], Number.POSITIVE_INFINITY);
    const held = Array.from({ length: 30 }, (_, i) => store.get(`k${i}`)).filter(Boolean);
    expect(held.length).toBeGreaterThan(5);
    expect(held.length).toBeLessThanOrEqual(11);
    expect(store.get('k29')).toBeTruthy();
    expect(store.get('k0')).toBeUndefined();

    store.set('huge', answer(200), [], Number.POSITIVE_INFINITY);
    expect(store.get('huge')).toBeUndefined();

    store.forVersion('v1');
    expect(store.get('k29')).toBeTruthy();
    store.forVersion('v2');
    expect(store.get('k29')).toBeUndefined();
  });
});

describe('ETags', () => {
  const identity = { graphVersion: 'v1', scope: 'public', document: '{ a }', operationName: null, variables: {} };

  it('are weak and differ by service revision, graph version, scope, document and variables', () => {
    const etag = operationEtag(identity);
    expect(etag).toMatch(/^W\/"[\w-]{43}"$/);
    expect(operationEtag({ ...identity, revision: 'after a deploy' })).not.toBe(etag);
    expect(operationEtag({ ...identity, graphVersion: 'v2' })).not.toBe(etag);
    expect(operationEtag({ ...identity, scope: 'key:key_1' })).not.toBe(etag);
    expect(operationEtag({ ...identity, document: '{ b }' })).not.toBe(etag);
    expect(operationEtag({ ...identity, variables: { x: 1 } })).not.toBe(etag);
  });

  it('match If-None-Match weakly, in a list, and for *', () => {
    const etag = 'W/"abc"';
    expect(ifNoneMatchMatches('W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('"x", W/"abc"', etag)).toBe(true);
    expect(ifNoneMatchMatches('*', etag)).toBe(true);
    expect(ifNoneMatchMatches('W/"abd"', etag)).toBe(false);
    expect(ifNoneMatchMatches(null, etag)).toBe(false);
  });
});
