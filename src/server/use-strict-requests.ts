import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const JSON_MEDIA_TYPES = ['application/json', 'application/graphql-response+json'];

function mediaTypeOf(request: Request): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Accepts only what the GraphQL-over-HTTP spec asks a server for: JSON bodies on POST and JSON-encoded
 * `variables`/`extensions` on GET. Form and multipart POSTs need no CORS preflight, so a page on another
 * site could send them with the visitor's cookies; they are refused with 415 before anything runs.
 */
export function useStrictRequests(graphqlEndpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint || request.method !== 'POST') return;
      const mediaType = mediaTypeOf(request);
      if (JSON_MEDIA_TYPES.includes(mediaType)) return;
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
