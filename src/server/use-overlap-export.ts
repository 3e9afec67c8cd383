import { stringify } from 'csv-stringify/sync';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { computeOverlapMatrix } from '../domain/role-overlap.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { jsonErrorResponse, methodNotAllowed, UNEXPECTED_ERROR } from './json-error-response.js';

export const OVERLAP_EXPORT_PATH = '/export/overlap.csv';

/**
 * `GET /export/overlap.csv?roles=a,b,c`: the overlapMatrix as CSV for spreadsheets — a header row of role
 * names and one row per role. Errors are JSON `{ errors: [...] }` with the same codes as GraphQL.
 */
export function useOverlapExport(createContext: (request: Request) => Context, logger: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== OVERLAP_EXPORT_PATH) return;
      if (request.method !== 'GET') {
        endResponse(methodNotAllowed(fetchAPI, OVERLAP_EXPORT_PATH));
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
          endResponse(jsonErrorResponse(fetchAPI, error));
          return;
        }
        logger.error({ err: error }, 'overlap export failed');
        endResponse(jsonErrorResponse(fetchAPI, UNEXPECTED_ERROR, 500));
      }
    },
  };
}
