import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LimitExceededError } from '../errors.js';

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
  const message =
    shown.length > MAX_ERROR_MESSAGE_LENGTH
      ? `${shown.slice(0, MAX_ERROR_MESSAGE_LENGTH)}… (${shown.length} characters)`
      : shown;
  if (code !== undefined && message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    // What graphql-js and yoga raise without a code is about the request itself, never about the data.
    extensions: { ...error.extensions, code: code ?? 'BAD_REQUEST' },
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
