import type { Plugin } from 'graphql-yoga';
import { computeOverlapMatrix, MAX_MATRIX_ROLES, selectOverlapRoles } from '../domain/role-overlap.js';
import { LimitExceededError } from '../errors.js';
import { overlapPicture } from '../export/overlap-picture.js';
import type { Context } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import type { ExportGate } from './export-gate.js';
import { exportErrorResponse, methodNotAllowed } from './json-error-response.js';
import { exportValidation } from './use-http-caching.js';
import { parseOverlapQuery } from './use-overlap-export.js';

export const OVERLAP_PICTURE_PATH = '/export/overlap.svg';

/**
 * `GET /export/overlap.svg?roles=a,b,c` (the options of overlap.csv): the explorer's heatmap of the overlap
 * matrix as an SVG document, drawn by Observable Plot in a DOM for Node (linkedom). At most MAX_MATRIX_ROLES
 * roles, named or `all` (a picture of more is unreadable): LIMIT_EXCEEDED `overlapRoles` beyond. Through the
 * export gate (a slot and EXPORT_COST points); errors are JSON `{ errors: [...] }` as for the other exports.
 * A weak ETag as overlap.csv's: If-None-Match answers 304 while the graph is unchanged.
 */
export function useOverlapPicture(
  createContext: (request: Request) => Context,
  logger: Logger,
  gate: ExportGate,
  revision: string,
): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== OVERLAP_PICTURE_PATH) return;
      if (request.method !== 'GET') {
        endResponse(methodNotAllowed(fetchAPI, OVERLAP_PICTURE_PATH));
        return;
      }
      let release: (() => void) | undefined;
      try {
        const { selection, measure } = parseOverlapQuery(url.searchParams, 'overlap.svg');
        const named = selection.roles?.length ?? 0;
        if (named > MAX_MATRIX_ROLES) {
          throw new LimitExceededError(
            'overlapRoles',
            `Option "roles" names ${named} roles; a picture holds at most ${MAX_MATRIX_ROLES} (overlap.csv takes more).`,
            { max: MAX_MATRIX_ROLES, actual: named },
          );
        }
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
          MAX_MATRIX_ROLES,
        );
        const matrix = await computeOverlapMatrix(
          context,
          roles.map((role) => role.key),
          measure,
        );
        await gate.charge(request);
        const svg = overlapPicture(
          roles.map(({ key, name }) => ({ key, name })),
          matrix,
          measure,
        );
        endResponse(
          new fetchAPI.Response(svg, {
            status: 200,
            headers: {
              'content-type': 'image/svg+xml; charset=utf-8',
              'content-disposition': 'inline; filename="role-overlap.svg"',
              'cache-control': 'no-cache',
              etag,
            },
          }),
        );
      } catch (error) {
        endResponse(exportErrorResponse(fetchAPI, error, logger, 'overlap picture'));
      } finally {
        release?.();
      }
    },
  };
}
