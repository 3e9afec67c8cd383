import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../logger.js';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_REQUEST_ID = /^[\w.:-]{1,128}$/;

const requestIds = new WeakMap<Request, { id: string; startedAt: number }>();

/** The id of a request: the caller's `x-request-id` when it is sane, a new UUID otherwise. */
export function requestIdOf(request: Request): string {
  return trackedRequest(request).id;
}

function trackedRequest(request: Request): { id: string; startedAt: number } {
  let entry = requestIds.get(request);
  if (!entry) {
    const given = request.headers.get(REQUEST_ID_HEADER);
    entry = { id: given && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID(), startedAt: performance.now() };
    requestIds.set(request, entry);
  }
  return entry;
}

/**
 * Gives every request an id (echoed in `x-request-id`) and logs one JSON line per response, with what
 * `describe` adds (the API key's id).
 */
export function useRequestLogging(
  logger: Logger,
  describe: (request: Request) => Record<string, unknown> = () => ({}),
): Plugin {
  return {
    onRequest({ request }) {
      trackedRequest(request);
    },
    onResponse({ request, response }) {
      const entry = trackedRequest(request);
      response.headers.set(REQUEST_ID_HEADER, entry.id);
      const url = new URL(request.url);
      logger.info(
        {
          requestId: entry.id,
          ...describe(request),
          method: request.method,
          path: url.pathname,
          status: response.status,
          durationMs: Math.round((performance.now() - entry.startedAt) * 10) / 10,
        },
        'request',
      );
    },
  };
}
