import type { Plugin } from 'graphql-yoga';
import type { Database } from '../database/database.js';
import { type GraphExport, openGraphExport, parseExportSelection } from '../domain/graph-export.js';
import { nodesCsv, relationshipsCsv } from '../export/graph-csv.js';
import { graphGraphml } from '../export/graph-graphml.js';
import { graphJson } from '../export/graph-json.js';
import type { Logger } from '../logger.js';
import type { ExportGate } from './export-gate.js';
import { exportErrorResponse, methodNotAllowed } from './json-error-response.js';
import { exportValidation } from './use-http-caching.js';

interface ExportFormat {
  contentType: string;
  write(graph: GraphExport): AsyncGenerator<string>;
}

/** The whole-graph exports, by path. */
export const GRAPH_EXPORTS: Readonly<Record<string, ExportFormat>> = {
  '/export/graph.json': { contentType: 'application/json; charset=utf-8', write: graphJson },
  '/export/nodes.csv': { contentType: 'text/csv; charset=utf-8; header=present', write: nodesCsv },
  '/export/relationships.csv': { contentType: 'text/csv; charset=utf-8; header=present', write: relationshipsCsv },
  '/export/graph.graphml': { contentType: 'application/graphml+xml; charset=utf-8', write: graphGraphml },
};

export interface GraphExportOptions {
  database: Database;
  logger: Logger;
  gate: ExportGate;
  /** The service's revision: a deploy that changes a format changes every ETag. */
  revision: string;
}

/**
 * `GET /export/graph.json`, `/export/nodes.csv`, `/export/relationships.csv`, `/export/graph.graphml`, with
 * `?source=seed,esco,onet&kind=role,skill,tool`: the graph (or part of it), streamed as it is read, a page
 * per read transaction, through the export gate (slots, cost, time limits). A weak ETag names the revision,
 * the graph version, the path and the options: If-None-Match answers 304 while the graph is unchanged.
 * HEAD answers the headers for the admission's one point.
 */
export function useGraphExport({ database, logger, gate, revision }: GraphExportOptions): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      const format = GRAPH_EXPORTS[url.pathname];
      if (!format) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(methodNotAllowed(fetchAPI, url.pathname, 'GET, HEAD'));
        return;
      }
      let release: (() => void) | undefined;
      let streaming = false;
      try {
        const selection = parseExportSelection(url.searchParams);
        release = gate.claim(request);
        const graph = await openGraphExport(database, selection);
        const { graphVersion } = graph;
        const { etag, notModified } = exportValidation(request, { revision, graphVersion, url }, fetchAPI);
        if (notModified) {
          endResponse(notModified);
          return;
        }
        const headers = {
          'content-type': format.contentType,
          'content-disposition': `attachment; filename="skillgraph-${url.pathname.slice('/export/'.length)}"`,
          'cache-control': 'no-cache',
          etag,
        };
        if (request.method === 'HEAD') {
          endResponse(new fetchAPI.Response(null, { status: 200, headers }));
          return;
        }
        await gate.charge(request);
        const body = gate.stream(format.write(graph), { release, serverContext, path: url.pathname });
        streaming = true;
        endResponse(new fetchAPI.Response(body, { status: 200, headers }));
      } catch (error) {
        endResponse(exportErrorResponse(fetchAPI, error, logger, 'graph export'));
      } finally {
        if (!streaming) release?.();
      }
    },
  };
}
