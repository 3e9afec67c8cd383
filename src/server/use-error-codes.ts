import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LimitExceededError, REQUEST_ERROR_HTTP } from '../errors.js';

/** Longest error message sent: graphql-js quotes variable values whole. */
export const MAX_ERROR_MESSAGE_LENGTH = 500;

function isExecutionResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

/** graphql-js's "Did you mean …?" hints name fields, types and enum values: the schema, piece by piece. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

interface ErrorCodeOptions {
  maxRequestBytes: number;
  /** With introspection off, hints would leak what introspection hides. */
  hideSuggestions: boolean;
}

function cut(text: string): string {
  return text.length > MAX_ERROR_MESSAGE_LENGTH
    ? `${text.slice(0, MAX_ERROR_MESSAGE_LENGTH)}… (${text.length} characters)`
    : text;
}

function withCode(error: GraphQLError, { maxRequestBytes, hideSuggestions }: ErrorCodeOptions): GraphQLError {
  const code = error.extensions.code;
  if (code === 'REQUEST_ENTITY_TOO_LARGE') {
    const limitExceeded = new LimitExceededError(
      'bodySize',
      `The request body is over the limit of ${maxRequestBytes} bytes; MAX_REQUEST_BYTES sets it.`,
      { max: maxRequestBytes },
    );
    limitExceeded.extensions.http = { status: 413 };
    return limitExceeded;
  }
  const shown = hideSuggestions ? error.message.replace(SUGGESTION, '') : error.message;
  const message = cut(shown);
  // Yoga puts the parser's own error, which quotes the whole body, in `extensions.originalError` (and
  // reads its presence to pick the status code): it stays, cut short.
  const quoted = error.extensions.originalError as { name?: string; message?: string } | undefined;
  const extensions =
    quoted?.message && quoted.message.length > MAX_ERROR_MESSAGE_LENGTH
      ? { ...error.extensions, originalError: { name: quoted.name, message: cut(quoted.message) } }
      : error.extensions;
  const unchanged = code !== undefined && message === error.message && extensions === error.extensions;
  if (unchanged && code !== 'OPERATION_RESOLUTION_FAILURE') return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: {
      ...extensions,
      // Without a code: an error of a field (it has a path) is about the arguments, any other about the
      // request itself.
      code: code ?? (error.path ? 'BAD_USER_INPUT' : 'BAD_REQUEST'),
      ...(code === 'OPERATION_RESOLUTION_FAILURE' && { http: REQUEST_ERROR_HTTP }),
    },
  });
}

/**
 * Every error a client can cause carries a documented `extensions.code`, and none quotes megabytes of
 * input back: yoga's body-size refusal becomes LIMIT_EXCEEDED, over-long messages are cut, and with
 * introspection off no message suggests names from the schema.
 */
export function useErrorCodes(options: ErrorCodeOptions): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      const normalise = (single: ExecutionResult): ExecutionResult =>
        single.errors?.length ? { ...single, errors: single.errors.map((error) => withCode(error, options)) } : single;
      if (Array.isArray(result)) setResult(result.map(normalise));
      else if (isExecutionResult(result)) setResult(normalise(result));
    },
  };
}
