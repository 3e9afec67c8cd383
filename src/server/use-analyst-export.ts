import { stringify } from 'csv-stringify/sync';
import type { Plugin } from 'graphql-yoga';
import { skillDemand, toolDemand } from '../domain/demand.js';
import { gapsTo } from '../domain/gaps-to.js';
import { listOption, SOURCE_OPTION_VALUES, singleOptions } from '../domain/query-options.js';
import { roleClusters } from '../domain/role-clusters.js';
import { BadUserInputError } from '../errors.js';
import type { Context } from '../graphql/context.js';
import { loadEntities } from '../graphql/load-entities.js';
import type { Logger } from '../logger.js';
import type { ExportGate } from './export-gate.js';
import { exportErrorResponse, methodNotAllowed } from './json-error-response.js';

type Cell = string | number;

interface AnalystExport {
  /** The only options the URL may carry, each at most once. */
  options: readonly string[];
  /** The header row, then one row per item. */
  table(context: Context, options: ReadonlyMap<string, string>): Promise<Cell[][]>;
}

/** `source=seed,esco,onet`, in a fixed order (results are cached by it); null: every source. */
const sourcesOf = (options: ReadonlyMap<string, string>) =>
  listOption(options, 'source', SOURCE_OPTION_VALUES)?.sort() ?? null;

/** The whole-graph answers as CSV, by path (see the GraphQL fields of the same names). */
export const ANALYST_EXPORTS: Readonly<Record<string, AnalystExport>> = {
  '/export/skill-demand.csv': {
    options: ['source'],
    async table(context, options) {
      const rows = await skillDemand(context, { first: null, offset: 0, sources: sourcesOf(options) });
      return [
        ['rank', 'key', 'name', 'source', 'roles', 'essential', 'optional'],
        ...rows.map((r, i) => [i + 1, r.key, r.name, r.source, r.roles, r.essential, r.optional]),
      ];
    },
  },
  '/export/tool-demand.csv': {
    options: ['source'],
    async table(context, options) {
      const rows = await toolDemand(context, { first: null, offset: 0, sources: sourcesOf(options) });
      return [
        ['rank', 'key', 'name', 'source', 'roles'],
        ...rows.map((r, i) => [i + 1, r.key, r.name, r.source, r.roles]),
      ];
    },
  },
  '/export/gaps-to.csv': {
    options: ['role'],
    async table(context, options) {
      const role = options.get('role');
      if (role === undefined || role.trim() === '') {
        throw new BadUserInputError('Option "role" is required: the target role (key, name or alias).', 'role');
      }
      const { gaps } = await gapsTo(context, role, { first: null, offset: 0 });
      const roles = await loadEntities(
        context,
        gaps.map((gap) => gap.role),
      );
      return [
        ['rank', 'key', 'name', 'hours', 'coverage'],
        ...gaps.map((gap, i) => [i + 1, gap.role, roles[i]?.name ?? '', gap.hours, gap.coverage]),
      ];
    },
  },
  '/export/role-clusters.csv': {
    options: ['source'],
    async table(context, options) {
      const { clusters } = await roleClusters(context, sourcesOf(options));
      const keys = clusters.flatMap((cluster) => cluster.roles);
      const names = await loadEntities(context, keys);
      const clusterOf = clusters.flatMap((cluster) => cluster.roles.map(() => cluster.id));
      return [
        ['role', 'name', 'cluster'],
        ...keys.map((key, i) => [key, names[i]?.name ?? '', clusterOf[i] as number]),
      ];
    },
  },
};

/**
 * `GET /export/skill-demand.csv`, `/export/tool-demand.csv`, `/export/gaps-to.csv?role=…`,
 * `/export/role-clusters.csv`: whole-graph
 * rankings as CSV, with a header row of column names. Unknown or repeated options are refused; errors are
 * JSON `{ errors: [...] }` with the same codes as GraphQL.
 */
export function useAnalystExport(
  createContext: (request: Request) => Context,
  logger: Logger,
  gate: ExportGate,
): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const analystExport = ANALYST_EXPORTS[url.pathname];
      if (!analystExport) return;
      if (request.method !== 'GET') {
        endResponse(methodNotAllowed(fetchAPI, url.pathname));
        return;
      }
      let release: (() => void) | undefined;
      try {
        const options = singleOptions(url.searchParams, analystExport.options, 'this export');
        release = gate.claim(request);
        await gate.charge(request);
        const csv = stringify(await analystExport.table(createContext(request), options));
        endResponse(
          new fetchAPI.Response(csv, {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8; header=present',
              'content-disposition': `attachment; filename="skillgraph-${url.pathname.slice('/export/'.length)}"`,
            },
          }),
        );
      } catch (error) {
        endResponse(exportErrorResponse(fetchAPI, error, logger, 'analyst export'));
      } finally {
        // the whole table is made before it is sent: its slot ends with the making
        release?.();
      }
    },
  };
}
