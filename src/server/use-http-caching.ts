import { createHash } from 'node:crypto';
import { type ExecutionResult, getOperationAST, print } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { stableId } from '../domain/loaders.js';
import type { Context } from '../graphql/context.js';
import { graphVersionOf } from './use-graph-version.js';

export interface HttpCachingOptions {
  /** Seconds a client or proxy may reuse an answer before revalidating it. @default 10 */
  maxAgeSeconds: number;
  /**
   * What else the answers depend on: the service's own revision (its schema and version), so that a
   * deploy that changes them changes every tag, even while the graph stays the same.
   */
  revision: string;
}

interface Validators {
  etag: string;
  cacheControl: string;
}

/** What an operation's answer depends on, and so what its ETag is made of. */
export interface OperationIdentity {
  /** The service's revision (see HttpCachingOptions). */
  revision?: string;
  graphVersion: string;
  /** `public` for anonymous requests, `key:<id>` for a key's. */
  scope: string;
  document: string;
  operationName?: string | null;
  variables?: unknown;
}

/**
 * A weak validator: equal for the same service revision, graph version, document, operation, variables and
 * scope. Weak, as
 * the bytes may differ for the same answer (gzip or brotli, `application/json` or
 * `application/graphql-response+json`).
 */
export function operationEtag({
  revision = '',
  graphVersion,
  scope,
  document,
  operationName,
  variables,
}: OperationIdentity): string {
  const identity = stableId([revision, graphVersion, scope, document, operationName ?? null, variables ?? {}]);
  return `W/"${createHash('sha256').update(identity).digest('base64url')}"`;
}

/**
 * The weak ETag of an export: the revision (a deploy that changes a format changes it), the graph version
 * and the URL's path and query (the options), hashed: options hold commas, which separate the tags of an
 * If-None-Match. The same while the graph is unchanged. With it, the 304 to answer when the request's
 * If-None-Match holds it.
 */
export function exportValidation(
  request: Request,
  { revision, graphVersion, url }: { revision: string; graphVersion: string; url: URL },
  fetchAPI: { Response: typeof Response },
): { etag: string; notModified?: Response } {
  const identity = stableId([revision, graphVersion, url.pathname, url.search]);
  const etag = `W/"${createHash('sha256').update(identity).digest('base64url')}"`;
  if (!ifNoneMatchMatches(request.headers.get('if-none-match'), etag)) return { etag };
  return { etag, notModified: new fetchAPI.Response(null, { status: 304, headers: { etag } }) };
}

/** RFC 9110 §13.1.2: `If-None-Match` compares weakly, and `*` matches any current representation. */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

function addVary(headers: Headers, ...names: string[]): void {
  const present = (headers.get('vary') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  const missing = names.filter((name) => !present.includes(name.toLowerCase()) && !present.includes('*'));
  if (missing.length > 0) headers.set('vary', [headers.get('vary'), ...missing].filter(Boolean).join(', '));
}

/**
 * HTTP caching of GraphQL queries sent with GET (POSTs and mutations are never HTTP-cached). A successful
 * answer gets an `ETag` (see operationEtag) and `Cache-Control: public` when anonymous, `private` when it
 * came with an API key (so no shared cache serves a key's answers to others, bypassing the key's own
 * checks), with `max-age` and `must-revalidate`. A request whose `If-None-Match` holds the current tag
 * gets 304 without a body and runs nothing.
 *
 * The tag is checked when the operation is about to run: after the query limits and the rate-limit charge
 * (a 304 pays like any answer) and once the graph version is read (useGraphVersion), so a write that
 * changes the graph changes every tag at once.
 */
export function useHttpCaching({ maxAgeSeconds, revision }: HttpCachingOptions): Plugin {
  /** Made once the answer's graph version is final: a query may start under a guessed one (useGraphVersion). */
  const validatorsOf = new WeakMap<Request, () => Validators | undefined>();
  const notModified = new WeakSet<Request>();
  const cacheable = new WeakSet<Request>();
  const headersOf = ({ etag, cacheControl }: Validators, headers: Headers) => {
    headers.set('etag', etag);
    headers.set('cache-control', cacheControl);
    addVary(headers, 'Accept', 'Accept-Encoding');
  };

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Context & YogaInitialContext;
      const { request } = context;
      if (request.method !== 'GET' || getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      const validators = (): Validators | undefined => {
        const graphVersion = graphVersionOf(context);
        if (!graphVersion) return undefined;
        return {
          etag: operationEtag({
            revision,
            graphVersion,
            scope: context.apiKeyId ? `key:${context.apiKeyId}` : 'public',
            document: context.params.query ?? print(args.document),
            operationName: args.operationName,
            variables: args.variableValues,
          }),
          cacheControl: `${context.apiKeyId ? 'private' : 'public'}, max-age=${maxAgeSeconds}, must-revalidate`,
        };
      };
      validatorsOf.set(request, validators);
      const ifNoneMatch = request.headers.get('if-none-match');
      if (!ifNoneMatch) return;
      // With If-None-Match, the version is read before execution (useGraphVersion): the check is final.
      const current = validators();
      if (current && ifNoneMatchMatches(ifNoneMatch, current.etag)) {
        notModified.add(request);
        setResultAndStopExecution({ data: null });
      }
    },
    onResultProcess({ request, result, setResultProcessor }) {
      const validators = validatorsOf.get(request)?.();
      if (!validators) return;
      validatorsOf.set(request, () => validators);
      if (notModified.has(request)) {
        setResultProcessor((_result, fetchAPI) => {
          const headers = new fetchAPI.Headers();
          headersOf(validators, headers);
          return new fetchAPI.Response(null, { status: 304, headers });
        }, '*/*');
        return;
      }
      // Errors, partial answers included, are never cached.
      const single = result as ExecutionResult;
      if (!Array.isArray(result) && !(Symbol.asyncIterator in result) && !single.errors?.length && single.data) {
        cacheable.add(request);
      }
    },
    onResponse({ request, response }) {
      if (response.status === 200 && cacheable.has(request)) {
        const validators = validatorsOf.get(request)?.();
        if (validators) headersOf(validators, response.headers);
      }
    },
  };
}
