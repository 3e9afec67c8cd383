import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

/** The graph version each executed operation was answered under, by its context. */
const versions = new WeakMap<object, string>();

/** The version the operation run with this context is answered under; undefined before it is read, or if it could not be. */
export function graphVersionOf(context: unknown): string | undefined {
  return typeof context === 'object' && context !== null ? versions.get(context) : undefined;
}

/**
 * Reads the graph's version when an admitted operation is about to run, before any of its own Cypher, and
 * reports it in `extensions.graphVersion`. Everything the request then reads is at least that new, so an
 * answer labelled with a version never holds data older than it; a write landing mid-request may make part
 * of the answer newer, which is safe for anything keyed by the label (the response cache, ETags): once the
 * write is seen, every request reads the new version and no longer matches the old label.
 *
 * Placed after the query limits and the rate-limit charge, so refused requests read nothing. When the
 * version cannot be read (Neo4j down), the operation still runs, unlabelled and uncached: its own reads
 * report DATABASE_UNAVAILABLE, and one that needs none (`{ __typename }`) still answers.
 *
 * A mutation reports the version its write made (read again once it is done), not the one it started on.
 */
export function useGraphVersion(): Plugin {
  return {
    async onExecute({ args }) {
      const context = args.contextValue as unknown as Context;
      try {
        versions.set(context, await context.loaders.graphVersion());
      } catch {
        return undefined;
      }
      const mutation = getOperationAST(args.document, args.operationName)?.operation === 'mutation';
      return {
        async onExecuteDone({ result, setResult }) {
          const written = mutation ? await context.loaders.graphVersion().catch(() => undefined) : undefined;
          if (written) versions.set(context, written);
          const graphVersion = versions.get(context);
          if (!graphVersion || Symbol.asyncIterator in result) return;
          // A copy: the result may be the response cache's own entry.
          setResult({ ...result, extensions: { ...result.extensions, graphVersion } });
        },
      };
    },
  };
}
