import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import type { AccessConfig } from '../config.js';
import type { Database } from '../database/database.js';
import { type ApiKeyRecord, findApiKey, hashApiKey, looksLikeApiKey, mayRead, mayWrite } from '../domain/api-keys.js';
import type { Writer } from '../domain/graph-edits.js';
import { ForbiddenError, RateLimitedError, UnauthenticatedError, WriteScopeRequiredError } from '../errors.js';
import { jsonErrorResponse } from './json-error-response.js';
import { type CreateRateLimiter, createMemoryRateLimiter } from './rate-limit-store.js';
import {
  clientAddress,
  type RateLimitPolicy,
  type RateLimitState,
  RateLimits,
  rateLimitHeaders,
} from './rate-limits.js';
import { operationCostOf } from './use-query-limits.js';

/** Who a request is counted as: a key, or an anonymous client address. */
interface Client {
  apiKeyId: string | null;
  /** Set when the key has the write scope: who the audit trail names for the request's writes. */
  writer: Writer | null;
  consumer: string;
  policy: RateLimitPolicy;
  /** After the last charge: what the RateLimit headers report. */
  state?: RateLimitState;
}

const clients = new WeakMap<Request, Client>();

/** Every path under it is a plain HTTP export, admitted and charged like a GraphQL request. */
export const EXPORT_PATH_PREFIX = '/export/';

/** Who a request is counted as (`key:<id>` or `ip:<address>`), once admitted. */
export function consumerOf(request: Request): string | undefined {
  return clients.get(request)?.consumer;
}

/** The id of the API key a request came with (for its context and log line); never the key. */
export function apiKeyIdOf(request: Request): string | undefined {
  return clients.get(request)?.apiKeyId ?? undefined;
}

/** The key a request came with, when it may write (for its context); undefined otherwise. */
export function writerOf(request: Request): Writer | undefined {
  return clients.get(request)?.writer ?? undefined;
}

/** Most keys cached at once; each entry is a hash and a small record. */
const MAX_CACHED_KEYS = 10_000;

/** The key a request presents: `Authorization: Bearer <key>` or `x-api-key`; undefined when none. */
export function presentedKey(headers: Headers): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '')?.[1];
  const header = headers.get('x-api-key')?.trim() || undefined;
  if (bearer !== undefined && header !== undefined && bearer !== header) {
    throw new ForbiddenError('given twice, as two different values (Authorization and x-api-key)');
  }
  return bearer ?? header;
}

export interface ApiKeyOptions {
  database: Database;
  access: AccessConfig;
  /** The limiters' store (see rate-limit-store.ts). @default process memory */
  createRateLimiter?: CreateRateLimiter;
}

/**
 * Who may ask, and how much. Each GraphQL request is identified by its API key (refused with 403 when the
 * key is unknown, revoked or malformed, and with 401 when it has none and ANONYMOUS_ACCESS is off) or, without
 * one, by its client address; it then pays 1 point on arrival and its operation's cost once admitted, from
 * the key's (or the address's) points per window. Over the limit: 429, and nothing runs. Every response to
 * a counted request carries the RateLimit headers. Mutations need a key with the write scope (401 without a
 * key, 403 with a read-only one), checked before their cost is charged.
 */
export function useApiKeys({ database, access, createRateLimiter = createMemoryRateLimiter }: ApiKeyOptions): {
  /** Identifies the request and charges its first point: before anything answers (the exports too). */
  admission: Plugin;
  /**
   * Refuses a mutation from a request that may not write, then charges each operation's cost: after
   * useQueryLimits, which prices it.
   */
  charging: Plugin;
  /** Charges an admitted request `points` more (an export's cost); RATE_LIMITED over the limit. */
  charge(request: Request, points: number): Promise<void>;
} {
  const { rateLimit } = access;
  const limits = new RateLimits(createRateLimiter);
  const anonymousPolicy = { points: rateLimit.anonymousPoints, windowSeconds: rateLimit.windowSeconds };
  const keyCache =
    access.apiKeyCacheMs > 0
      ? new LRUCache<string, { record: ApiKeyRecord | null }>({ max: MAX_CACHED_KEYS, ttl: access.apiKeyCacheMs })
      : undefined;

  /**
   * A key not in the cache costs its client address 1 anonymous point before the database is asked, so a
   * flood of made-up keys is limited like anonymous requests (a real key misses once per API_KEY_CACHE_MS).
   */
  const lookUp = async (key: string, address: string): Promise<ApiKeyRecord | null> => {
    const hash = hashApiKey(key);
    const cached = keyCache?.get(hash);
    if (cached) return cached.record;
    await limits.charge(`ip:${address}`, anonymousPolicy, 1, '');
    const record = await findApiKey(database, key);
    keyCache?.set(hash, { record });
    return record;
  };

  const identify = async (request: Request, serverContext: unknown): Promise<Client> => {
    const key = presentedKey(request.headers);
    const address = clientAddress({
      remoteAddress: (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket
        ?.remoteAddress,
      forwardedFor: request.headers.get('x-forwarded-for'),
      trustProxy: access.trustProxy,
    });
    if (key === undefined) {
      if (!access.anonymousAccess) throw new UnauthenticatedError();
      return { apiKeyId: null, writer: null, consumer: `ip:${address}`, policy: anonymousPolicy };
    }
    if (!looksLikeApiKey(key)) throw new ForbiddenError('not a SkillGraph key (they start with sg_)');
    const record = await lookUp(key, address);
    if (!record) throw new ForbiddenError('unknown');
    if (record.revokedAt) throw new ForbiddenError('revoked');
    if (!mayRead(record)) throw new ForbiddenError('without the read scope');
    return {
      apiKeyId: record.id,
      writer: mayWrite(record) ? { keyId: record.id, name: record.name } : null,
      consumer: `key:${record.id}`,
      policy: record.pointsPerMinute
        ? { points: record.pointsPerMinute, windowSeconds: 60 }
        : { points: rateLimit.keyPoints, windowSeconds: rateLimit.windowSeconds },
    };
  };

  /**
   * A write asks the database again whether its key still may write, whatever the cache says: a key
   * revoked (or stripped of the write scope) a moment ago must not write for API_KEY_CACHE_MS more.
   */
  const revokedSince = async (request: Request): Promise<GraphQLError | undefined> => {
    const key = presentedKey(request.headers);
    if (key === undefined) return new WriteScopeRequiredError(true);
    const record = await findApiKey(database, key);
    keyCache?.set(hashApiKey(key), { record });
    if (!record || record.revokedAt) return new ForbiddenError(record ? 'revoked' : 'unknown');
    if (!mayWrite(record)) return new WriteScopeRequiredError(false);
    return undefined;
  };

  const hintFor = (client: Client) => (client.apiKeyId ? '' : '; an API key has a higher limit');

  const admit = async (request: Request, serverContext: unknown) => {
    const client = await identify(request, serverContext);
    clients.set(request, client);
    client.state = await limits.charge(client.consumer, client.policy, 1, hintFor(client));
  };

  /** Charges an operation its cost when it is about to run (a subscription when it starts). */
  const chargeOperation = async ({
    args,
    setResultAndStopExecution,
  }: {
    args: { contextValue?: unknown; document: DocumentNode; operationName?: string | null };
    setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void;
  }) => {
    const request = (args.contextValue as { request?: Request } | undefined)?.request;
    const client = request && clients.get(request);
    if (client && getOperationAST(args.document, args.operationName)?.operation === 'mutation') {
      const refusal = client.writer
        ? await revokedSince(request)
        : new WriteScopeRequiredError(client.apiKeyId === null);
      if (refusal) {
        setResultAndStopExecution({ errors: [refusal] });
        return;
      }
    }
    const cost = operationCostOf(args.contextValue);
    if (!client || !cost) return;
    try {
      client.state = await limits.charge(client.consumer, client.policy, cost, hintFor(client));
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      setResultAndStopExecution({ errors: [error] });
    }
  };

  return {
    admission: {
      // The exports answer in onRequest, before any GraphQL parsing: they are admitted there, with their errors
      // in their own JSON shape.
      async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
        if (!url.pathname.startsWith(EXPORT_PATH_PREFIX)) return;
        try {
          await admit(request, serverContext);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          endResponse(jsonErrorResponse(fetchAPI, error));
        }
      },
      // Every GraphQL request passes here before its body is parsed, so malformed ones pay their point too.
      async onRequestParse({ request, serverContext }) {
        await admit(request, serverContext);
      },
      onResponse({ request, response }) {
        const client = clients.get(request);
        if (!client?.state || response.headers.has('ratelimit')) return;
        for (const [name, value] of Object.entries(rateLimitHeaders(client.policy, client.state))) {
          response.headers.set(name, value);
        }
      },
    },
    async charge(request, points) {
      const client = clients.get(request);
      if (client) client.state = await limits.charge(client.consumer, client.policy, points, hintFor(client));
    },
    charging: { onExecute: chargeOperation, onSubscribe: chargeOperation },
  };
}
