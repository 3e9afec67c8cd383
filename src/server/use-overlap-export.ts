import { stringify } from 'csv-stringify/sync';
import type { Plugin } from 'graphql-yoga';
import type { OverlapMeasure } from '../analysis/role-overlap.js';
import type { DataSourceName } from '../domain/career-graph.js';
import { listOption, SOURCE_OPTION_VALUES, singleOptions } from '../domain/query-options.js';
import { MAX_CSV_OVERLAP_ROLES, overlapMatrixBlocks, selectOverlapRoles } from '../domain/role-overlap.js';
import { BadUserInputError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import type { ExportGate } from './export-gate.js';
import { exportErrorResponse, methodNotAllowed } from './json-error-response.js';
import { exportValidation } from './use-http-caching.js';

export const OVERLAP_EXPORT_PATH = '/export/overlap.csv';

const MEASURES: Record<string, OverlapMeasure> = { jaccard: 'JACCARD', weighted: 'WEIGHTED_JACCARD' };

/**
 * The query of overlap.csv (and overlap.svg, `file`): `roles` (a comma-separated list, or `all`), `source`
 * (with all) and `measure`.
 */
export function parseOverlapQuery(query: URLSearchParams, file = 'overlap.csv') {
  const given = singleOptions(query, ['roles', 'source', 'measure'], file);
  const roles = (given.get('roles') ?? '').split(',').map((role) => role.trim());
  const allRoles = roles.length === 1 && roles[0]?.toLowerCase() === 'all';
  const measure = listOption(given, 'measure', MEASURES);
  if (measure !== null && measure.length !== 1) {
    throw new BadUserInputError('Option "measure" takes one of jaccard and weighted.', 'measure');
  }
  return {
    selection: {
      roles: allRoles ? null : roles.filter((role) => role !== ''),
      allRoles,
      sources: listOption<DataSourceName>(given, 'source', SOURCE_OPTION_VALUES),
    },
    measure: measure?.[0] ?? 'JACCARD',
  };
}

/**
 * `GET /export/overlap.csv?roles=a,b,c` (or `roles=all`, `&source=seed`; `&measure=weighted`): the overlap
 * matrix as CSV — a header `key,name,` then each role's key, and per role its key, its name and its row.
 * The rows are computed a block at a time in the career-index worker and streamed through the export gate
 * (slots, cost, time limits). Errors before the first row are JSON `{ errors: [...] }` with the same codes as
 * GraphQL; later ones break the download off. A weak ETag (revision, graph version, options): If-None-Match
 * answers 304 while the graph is unchanged, before anything is computed.
 */
export function useOverlapExport(
  createContext: (request: Request) => Context,
  logger: Logger,
  gate: ExportGate,
  revision: string,
): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== OVERLAP_EXPORT_PATH) return;
      if (request.method !== 'GET') {
        endResponse(methodNotAllowed(fetchAPI, OVERLAP_EXPORT_PATH));
        return;
      }
      let release: (() => void) | undefined;
      let streaming = false;
      try {
        const { selection, measure } = parseOverlapQuery(url.searchParams);
        release = gate.claim(request);
        const context = createContext(request);
        const graphVersion = await context.loaders.graphVersion();
        const { etag, notModified } = exportValidation(request, { revision, graphVersion, url }, fetchAPI);
        if (notModified) {
          endResponse(notModified);
          return;
        }
        const roles = await selectOverlapRoles(
          context,
          selection,
          { roles: 'roles', allRoles: 'roles', sources: 'source' },
          MAX_CSV_OVERLAP_ROLES,
        );
        const keys = roles.map((role) => role.key);
        const blocks = await overlapMatrixBlocks(context, keys, measure);
        await gate.charge(request);
        async function* rows(): AsyncGenerator<string> {
          yield stringify([['key', 'name', ...keys]]);
          let row = 0;
          for await (const block of blocks) {
            yield block
              .map((values) => {
                const role = roles[row++];
                return `${stringify([[role?.key, role?.name]]).slice(0, -1)},${values.join(',')}\n`;
              })
              .join('');
          }
        }
        const body = gate.stream(rows(), { release, serverContext, path: url.pathname });
        streaming = true;
        endResponse(
          new fetchAPI.Response(body, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': 'attachment; filename="role-overlap.csv"',
              'cache-control': 'no-cache',
              etag,
            },
          }),
        );
      } catch (error) {
        endResponse(exportErrorResponse(fetchAPI, error, logger, 'overlap export'));
      } finally {
        if (!streaming) release?.();
      }
    },
  };
}
