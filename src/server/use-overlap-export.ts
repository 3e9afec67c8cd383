import { stringify } from 'csv-stringify/sync';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { computeOverlapMatrix } from '../domain/role-overlap.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';

export const OVERLAP_EXPORT_PATH = '/export/overlap.csv';

/** What GraphQL responses show of an error's extensions: yoga's internal `http` stays inside. */
function publicExtensions(error: GraphQLError): Record<string, unknown> {
  const { http: _internal, ...shown } = error.extensions;
  return shown;
}

const STATUS_BY_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  AMBIGUOUS_REFERENCE: 409,
  BAD_USER_INPUT: 400,
  LIMIT_EXCEEDED: 400,
  DATABASE_UNAVAILABLE: 503,
};

/**
 * `GET /export/overlap.csv?roles=a,b,c`: the overlapMatrix as CSV for spreadsheets — a header row of role
 * names and one row per role. Errors are JSON `{ errors: [...] }` with the same codes as GraphQL.
 */
export function useOverlapExport(createContext: (request: Request) => Context, logger: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== OVERLAP_EXPORT_PATH) return;
      const json = (status: number, error: GraphQLError) =>
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({ errors: [{ message: error.message, extensions: publicExtensions(error) }] }),
            {
              status,
              headers: { 'content-type': 'application/json; charset=utf-8' },
            },
          ),
        );
      if (request.method !== 'GET') {
        endResponse(
          new fetchAPI.Response(
            JSON.stringify({
              errors: [{ message: `${OVERLAP_EXPORT_PATH} answers GET only.`, extensions: { code: 'BAD_REQUEST' } }],
            }),
            { status: 405, headers: { allow: 'GET', 'content-type': 'application/json; charset=utf-8' } },
          ),
        );
        return;
      }
      const roles = (url.searchParams.get('roles') ?? '').split(',').map((role) => role.trim());
      try {
        const matrix = await computeOverlapMatrix(
          createContext(request),
          roles.filter((role) => role !== ''),
          'roles',
        );
        const names = matrix.roles.map((role) => role.name);
        const csv = stringify([['role', ...names], ...matrix.jaccard.map((row, i) => [names[i], ...row])]);
        endResponse(
          new fetchAPI.Response(csv, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': 'attachment; filename="role-overlap.csv"',
            },
          }),
        );
      } catch (error) {
        if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
          json(STATUS_BY_CODE[error.extensions.code] ?? 400, error);
          return;
        }
        logger.error({ err: error }, 'overlap export failed');
        json(500, new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
      }
    },
  };
}
