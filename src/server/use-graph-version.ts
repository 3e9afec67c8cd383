import { type ExecutionArgs, type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { Context } from '../graphql/context.js';

/** The graph version each executed operation was answered under, by its context. */
const versions = new WeakMap<object, string>();
/** Answers computed again under the version read, after a guess proved wrong: not to be kept under the guess. */
const recomputed = new WeakSet<object>();

/** The version the operation run with this context is answered under; undefined before it is read, or if it could not be. */
export function graphVersionOf(context: unknown): string | undefined {
  return typeof context === 'object' && context !== null ? versions.get(context) : undefined;
}

/**
 * Whether this answer was computed again under the version read, its first run under a guessed version
 * having been wrong: the response cache looked it up under the guess, so must not keep it there.
 */
export function wasRecomputed(result: unknown): boolean {
  return typeof result === 'object' && result !== null && recomputed.has(result);
}

export interface GraphVersionOptions {
  /**
   * The version an earlier request read, if no newer one has been announced since (GraphVersionReader.lastRead):
   * a query runs under it while its own version read is under way. Undefined when guessing would not pay
   * (the response cache holds the answer, which must wait for the read anyway).
   */
  guess?: (args: ExecutionArgs) => string | undefined;
}

/**
 * Reads the graph's version when an admitted operation is about to run, before any of its own Cypher, and
 * reports it in `extensions.graphVersion`. Everything the request then reads is at least that new, so an
 * answer labelled with a version never holds data older than it; a write landing mid-request may make part
 * of the answer newer, which is safe for anything keyed by the label (the response cache, ETags): once the
 * write is seen, every request reads the new version and no longer matches the old label.
 *
 * A query need not wait for the read: it runs under the version the last read gave (`guess`) while its own
 * read is under way, and its answer stands only if the read gives the same version. Otherwise the graph
 * changed, and the query runs again, under the version read. So a request costs no round trip of its own
 * for the version, and never answers from an older graph than the read shows. Not with `If-None-Match`:
 * a 304 is decided before anything runs.
 *
 * Placed after the query limits and the rate-limit charge, so refused requests read nothing. When the
 * version cannot be read (Neo4j down), the operation still runs, unlabelled and uncached: its own reads
 * report DATABASE_UNAVAILABLE, and one that needs none (`{ __typename }`) still answers.
 *
 * A mutation reports the version its write made (read again once it is done), not the one it started on.
 */
export function useGraphVersion({ guess = () => undefined }: GraphVersionOptions = {}): Plugin {
  return {
    async onExecute({ args, executeFn }) {
      const context = args.contextValue as unknown as Context & YogaInitialContext;
      const operation = getOperationAST(args.document, args.operationName)?.operation;
      const guessed = operation === 'query' && !context.request?.headers.has('if-none-match') ? guess(args) : undefined;
      if (guessed !== undefined) {
        versions.set(context, guessed);
        const read = context.loaders.assumeVersion(guessed).catch(() => undefined);
        return {
          async onExecuteDone({ result, setResult }) {
            const version = await read;
            let answer = result;
            if (version !== guessed) {
              if (version === undefined) versions.delete(context);
              else versions.set(context, version);
              // New loaders on a copy of the context: what the first run still has under way (it may have
              // ended early on an error) cannot reach the second.
              const loaders = context.loaders.renewed(version);
              answer = await executeFn({ ...args, contextValue: { ...context, loaders } });
            }
            setResult(labelled(answer, versions.get(context), version !== guessed));
          },
        };
      }
      try {
        versions.set(context, await context.loaders.graphVersion());
      } catch {
        return undefined;
      }
      return {
        async onExecuteDone({ result, setResult }) {
          const written =
            operation === 'mutation' ? await context.loaders.graphVersion().catch(() => undefined) : undefined;
          if (written) versions.set(context, written);
          setResult(labelled(result, versions.get(context), false));
        },
      };
    },
  };
}

type ExecuteResult = ExecutionResult | AsyncIterable<unknown>;

/** The answer with its version in `extensions`: a copy, as the result may be the response cache's own entry. */
function labelled<Result extends ExecuteResult>(
  result: Result,
  graphVersion: string | undefined,
  again: boolean,
): Result {
  const answer =
    !graphVersion || Symbol.asyncIterator in result
      ? result
      : ({ ...result, extensions: { ...result.extensions, graphVersion } } as Result);
  if (again) recomputed.add(answer);
  return answer;
}
