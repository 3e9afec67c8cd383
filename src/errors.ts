import { GraphQLError } from 'graphql';

/** Codes clients can rely on in `extensions.code`. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'AMBIGUOUS_REFERENCE'
  | 'BAD_USER_INPUT'
  | 'LIMIT_EXCEEDED'
  | 'DATABASE_UNAVAILABLE'
  | 'NOT_READY'
  | 'GRAPH_CHANGED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_MISMATCH'
  | 'PERSISTED_QUERY_ONLY'
  | 'SERVICE_BUSY';

/** Longest piece of a client's input that an error message quotes back. */
export const MAX_ECHOED_INPUT = 100;

/** A client's input as an error quotes it: cut to MAX_ECHOED_INPUT characters, saying how long it was. */
export function echoInput(text: string): string {
  return text.length <= MAX_ECHOED_INPUT ? text : `${text.slice(0, MAX_ECHOED_INPUT)}… (${text.length} characters)`;
}

export interface EntitySummary {
  kind: string;
  key: string;
  name: string;
}

export class NotFoundError extends GraphQLError {
  constructor(message: string, extra: { argument?: string; suggestions?: EntitySummary[] } = {}) {
    super(message, { extensions: { code: 'NOT_FOUND' satisfies ErrorCode, ...extra } });
  }
}

export class AmbiguousReferenceError extends GraphQLError {
  constructor(reference: string, candidates: EntitySummary[], argument?: string) {
    super(
      `"${echoInput(reference)}"${argument ? ` (argument ${argument})` : ''} names ${candidates.length} entities: ` +
        `${candidates.map((c) => `${c.name} (${c.kind} ${c.key})`).join(', ')}; pass a key instead.`,
      { extensions: { code: 'AMBIGUOUS_REFERENCE' satisfies ErrorCode, argument, candidates } },
    );
  }
}

export class BadUserInputError extends GraphQLError {
  constructor(message: string, argument?: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, argument } });
  }
}

export type LimitName =
  | 'depth'
  | 'cost'
  | 'aliases'
  | 'tokens'
  | 'pageSize'
  | 'executionTime'
  | 'listSize'
  | 'hops'
  | 'paths'
  | 'directives'
  | 'duplicateFields'
  | 'documentLength'
  | 'bodySize'
  | 'overlapRoles';

/**
 * The HTTP treatment of a request refused before execution, like a validation failure: 400 with
 * `application/graphql-response+json`; with `application/json`, 200 as the GraphQL-over-HTTP spec asks.
 */
export const REQUEST_ERROR_HTTP = { status: 400, spec: true } as const;

export class LimitExceededError extends GraphQLError {
  constructor(
    limit: LimitName,
    message: string,
    details: { max: number; actual?: number },
    { beforeExecution = false } = {},
  ) {
    super(message, {
      extensions: {
        code: 'LIMIT_EXCEEDED' satisfies ErrorCode,
        limit,
        ...details,
        ...(beforeExecution && { http: REQUEST_ERROR_HTTP }),
      },
    });
  }
}

export class DatabaseUnavailableError extends GraphQLError {
  constructor(cause?: unknown) {
    super('The database is unavailable; try again shortly.', {
      extensions: { code: 'DATABASE_UNAVAILABLE' satisfies ErrorCode, http: { status: 503 } },
    });
    // Kept as `cause`, not `originalError`: yoga masks a GraphQLError whose originalError is not one.
    Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }
}

/**
 * A whole-graph result (bridge skills, the career index) is still being computed for the graph's current
 * version, and the request waited as long as it may. The computation goes on; the client retries.
 */
export class NotReadyError extends GraphQLError {
  constructor(what: string, startedMsAgo: number, retryAfterSeconds: number) {
    super(
      `${what} for the current graph are still being computed (started ${Math.round(startedMsAgo / 1000)} s ago); ` +
        `try again in about ${retryAfterSeconds} s.`,
      {
        extensions: {
          code: 'NOT_READY' satisfies ErrorCode,
          retryAfterSeconds,
          http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } },
        },
      },
    );
  }
}

/**
 * The graph changed while the request read it: a node the request found in one read (the path graph of
 * the version it began on) was deleted before a later read loaded it. Asking again reads the new graph.
 */
export class GraphChangedError extends GraphQLError {
  constructor(detail: string, retryAfterSeconds = 1) {
    super(`The graph changed during the request (${detail}); try again.`, {
      extensions: {
        code: 'GRAPH_CHANGED' satisfies ErrorCode,
        retryAfterSeconds,
        http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } },
      },
    });
  }
}

/** How a client passes an API key, for the messages that ask for one. */
export const HOW_TO_PASS_A_KEY = 'send `Authorization: Bearer <key>` or `x-api-key: <key>`';

/** Anonymous access is off and the request carries no API key. */
export class UnauthenticatedError extends GraphQLError {
  constructor() {
    super(`This server requires an API key: ${HOW_TO_PASS_A_KEY}.`, {
      extensions: {
        code: 'UNAUTHENTICATED' satisfies ErrorCode,
        http: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
      },
    });
  }
}

/** The request carries a key that is not one: unknown, revoked or malformed. Never answered anonymously. */
export class ForbiddenError extends GraphQLError {
  constructor(reason: string) {
    super(
      `The API key is ${reason}; ${HOW_TO_PASS_A_KEY} with a valid key, or send none to read anonymously where that is allowed.`,
      {
        extensions: { code: 'FORBIDDEN' satisfies ErrorCode, http: { status: 403 } },
      },
    );
  }
}

/**
 * A mutation from a request that may not write: without a key (401, as for any request needing one), or
 * with a key lacking the `write` scope (403). Nothing of the request ran.
 */
export class WriteScopeRequiredError extends GraphQLError {
  constructor(anonymous: boolean) {
    super(
      anonymous
        ? `Writes need an API key with the write scope: ${HOW_TO_PASS_A_KEY}.`
        : 'This API key may only read: writes need a key with the write scope ' +
            '(`npm run keys -- create <name> --scopes read,write`).',
      {
        extensions: anonymous
          ? {
              code: 'UNAUTHENTICATED' satisfies ErrorCode,
              http: { status: 401, headers: { 'www-authenticate': 'Bearer' } },
            }
          : { code: 'FORBIDDEN' satisfies ErrorCode, http: { status: 403 } },
      },
    );
  }
}

/** The client spent its points for the current window; nothing of the request ran. */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(message, {
      extensions: {
        code: 'RATE_LIMITED' satisfies ErrorCode,
        retryAfterSeconds,
        http: { status: 429, headers: { ...headers, 'retry-after': String(retryAfterSeconds) } },
      },
    });
  }
}

/** Every slot for long work (exports) is taken, by other clients; nothing ran. */
export class ServiceBusyError extends GraphQLError {
  constructor(what: string, retryAfterSeconds = 5) {
    super(`${what}; try again in ${retryAfterSeconds} s.`, {
      extensions: {
        code: 'SERVICE_BUSY' satisfies ErrorCode,
        retryAfterSeconds,
        http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } },
      },
    });
  }
}
