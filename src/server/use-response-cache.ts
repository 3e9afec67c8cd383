import { createHash } from 'node:crypto';
import { type Cache, useResponseCache as useEnvelopResponseCache } from '@envelop/response-cache';
import { type ExecutionArgs, type ExecutionResult, getOperationAST, print } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { stableId } from '../domain/loaders.js';
import { graphVersionOf, wasRecomputed } from './use-graph-version.js';

/** No one answer may take more than this share of the cache: a few huge answers cannot evict all others. */
const LARGEST_ENTRY_SHARE = 0.1;

/**
 * The answers held, by key, at most `maxBytes` of them (their JSON length), least recently used out
 * first. Entries are never invalidated one by one: the graph version is part of every key, and the store
 * is emptied when a new version is seen (`forVersion`).
 */
export function createResponseCacheStore(
  maxBytes: number,
): Cache & { has(key: string): boolean; forVersion(version: string): void } {
  const entries = new LRUCache<string, ExecutionResult>({
    maxSize: maxBytes,
    maxEntrySize: Math.max(1, Math.floor(maxBytes * LARGEST_ENTRY_SHARE)),
    sizeCalculation: (result) => Math.max(1, JSON.stringify(result).length),
  });
  let version: string | undefined;
  return {
    get: (key) => entries.get(key),
    has: (key) => entries.has(key),
    set(key, result, _entities, ttl) {
      entries.set(key, result, Number.isFinite(ttl) ? { ttl } : {});
    },
    invalidate() {},
    forVersion(seen) {
      // Old entries could never match again; they only take room. (Requests still finishing under the old
      // version may add a few back, which the LRU then drops.)
      if (seen !== version) entries.clear();
      version = seen;
    },
  };
}

/** The key of an answer: graph version, document, operation and variables; one shared by every client. */
export function responseCacheKey(graphVersion: string, document: string, operationName: unknown, variables: unknown) {
  return createHash('sha256')
    .update(stableId([graphVersion, document, operationName ?? null, variables ?? {}]))
    .digest('base64url');
}

/**
 * The server-side response cache (@envelop/response-cache, with its in-memory store replaced by a bounded
 * one): an answer without errors is kept under its graph version, document, operation and variables, and
 * a repeat is answered from it without running any resolver, so without Cypher. The graph version in the
 * key makes a stale answer impossible: after a write, every request reads the new version (see
 * GraphVersionReader) and misses every older entry.
 *
 * The lookup is in `onExecute`, so everything before it still applies to a repeat: the query limits refuse
 * a bad operation and the rate limit charges its cost before the cache answers. Entries are shared by all
 * clients, keys included: no answer depends on who asks (keys only change how much a client may ask, and
 * that is charged before the lookup). Should a field ever answer per key, return the key id from `session`.
 * Introspection is not cached (the plugin's own rule); nor is any result with errors, partial ones included.
 */
export interface ResponseCache {
  plugin: Plugin;
  /** Whether an answer to this operation is held under this graph version. */
  holds(graphVersion: string, args: ExecutionArgs): boolean;
}

export function useResponseCache({ maxBytes }: { maxBytes: number }): ResponseCache {
  const store = createResponseCacheStore(maxBytes);
  const documentOf = (args: ExecutionArgs) =>
    (args.contextValue as Partial<YogaInitialContext>).params?.query ?? print(args.document);
  // A request's key is asked for twice when its version was a guess that held (`holds`, then the lookup).
  const keys = new WeakMap<object, { graphVersion: string; key: string }>();
  const keyOf = (context: unknown, graphVersion: string, make: () => string) => {
    const known = typeof context === 'object' && context !== null ? keys.get(context) : undefined;
    if (known?.graphVersion === graphVersion) return known.key;
    const key = make();
    if (typeof context === 'object' && context !== null) keys.set(context, { graphVersion, key });
    return key;
  };
  const plugin = useEnvelopResponseCache({
    cache: store,
    session: () => null,
    enabled: (context) => maxBytes > 0 && graphVersionOf(context) !== undefined,
    // Added to each selection only to invalidate entities by id after mutations: every write sets a new graph
    // version instead, which every key holds.
    idFields: [],
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    getDocumentString: documentOf,
    buildResponseCacheKey: ({ documentString, operationName, variableValues, context }) => {
      const graphVersion = graphVersionOf(context) as string;
      store.forVersion(graphVersion);
      return keyOf(context, graphVersion, () =>
        responseCacheKey(graphVersion, documentString, operationName, variableValues),
      );
    },
    shouldCacheResult: ({ result }) => !result.errors?.length && result.data != null && !wasRecomputed(result),
  }) as Plugin;
  return {
    plugin: {
      ...plugin,
      // Only queries: with invalidateViaMutation off, the plugin would look mutations up and keep their answers
      // like any other, and a repeated mutation would be answered without being run.
      onExecute(payload) {
        if (getOperationAST(payload.args.document, payload.args.operationName)?.operation !== 'query') return;
        return plugin.onExecute?.(payload);
      },
    },
    holds: (graphVersion, args) =>
      store.has(
        keyOf(args.contextValue, graphVersion, () =>
          responseCacheKey(graphVersion, documentOf(args), args.operationName, args.variableValues),
        ),
      ),
  };
}
