import { GraphQLError } from 'graphql';
import type { FetchAPI } from 'graphql-yoga';

/** The statuses of the error codes an HTTP endpoint outside GraphQL answers with. */
const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  AMBIGUOUS_REFERENCE: 409,
  BAD_USER_INPUT: 400,
  LIMIT_EXCEEDED: 400,
  DATABASE_UNAVAILABLE: 503,
};

/**
 * An error of a plain HTTP endpoint (the exports) in GraphQL's shape, `{ errors: [{ message, extensions }] }`,
 * with the status and headers its `extensions.http` asks for, else the status its code implies.
 */
export function jsonErrorResponse(fetchAPI: FetchAPI, error: GraphQLError, status?: number): Response {
  const { http, ...extensions } = error.extensions as {
    http?: { status?: number; headers?: Record<string, string> };
    code?: unknown;
  };
  const code = typeof extensions.code === 'string' ? extensions.code : '';
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status: status ?? http?.status ?? STATUS_BY_CODE[code] ?? 400,
    headers: { 'content-type': 'application/json; charset=utf-8', ...http?.headers },
  });
}

const UNEXPECTED_ERROR = new GraphQLError('Unexpected error.', {
  extensions: { code: 'INTERNAL_SERVER_ERROR' },
});

/**
 * What an export answers for an error raised before its body: a coded GraphQLError as itself, anything
 * else logged (as `what` failed) and masked as a 500.
 */
export function exportErrorResponse(
  fetchAPI: FetchAPI,
  error: unknown,
  logger: { error(details: object, message: string): void },
  what: string,
): Response {
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
    return jsonErrorResponse(fetchAPI, error);
  }
  logger.error({ err: error }, `${what} failed`);
  return jsonErrorResponse(fetchAPI, UNEXPECTED_ERROR, 500);
}

/** 405 for a method other than GET (and HEAD where `allow` says so). */
export function methodNotAllowed(fetchAPI: FetchAPI, path: string, allow = 'GET'): Response {
  const error = new GraphQLError(`${path} answers ${allow.replace(', ', ' and ')} only.`, {
    extensions: { code: 'BAD_REQUEST' },
  });
  const response = jsonErrorResponse(fetchAPI, error, 405);
  response.headers.set('allow', allow);
  return response;
}
