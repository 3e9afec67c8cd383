import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** What yoga's JSON parser takes: `application/json`, exactly so spelled, with or without parameters. */
function isJsonBody(request: Request): boolean {
  const contentType = request.headers.get('content-type') ?? '';
  return contentType === 'application/json' || contentType.startsWith('application/json;');
}

/**
 * Accepts only what the GraphQL-over-HTTP spec asks a server for: JSON bodies on POST and JSON-encoded
 * `variables`/`extensions` on GET. Form and multipart POSTs need no CORS preflight, so a page on another
 * site could send them with the visitor's cookies; they are refused with 415 before anything runs. Every
 * POST is checked, whatever its path: yoga answers GraphQL on any path that ends in its endpoint's name.
 */
export function useStrictRequests(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST' || isJsonBody(request)) return;
      const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `POST bodies must be application/json, not ${mediaType === '' ? 'untyped' : mediaType}.`,
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          }),
          { status: 415, headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json' } },
        ),
      );
    },
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw new GraphQLError(`The request's parameters are not valid JSON: ${error.message}`, {
            extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
          });
        }
      });
    },
  };
}
