import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ExportConfig } from '../config.js';
import type { Database } from '../database/database.js';
import { type GraphExport, openGraphExport, parseExportSelection } from '../domain/graph-export.js';
import { RateLimitedError, ServiceBusyError } from '../errors.js';
import { nodesCsv, relationshipsCsv } from '../export/graph-csv.js';
import { graphGraphml } from '../export/graph-graphml.js';
import { graphJson } from '../export/graph-json.js';
import type { Logger } from '../logger.js';
import { jsonErrorResponse, methodNotAllowed, UNEXPECTED_ERROR } from './json-error-response.js';
import { consumerOf } from './use-api-keys.js';
import { ifNoneMatchMatches } from './use-http-caching.js';

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
  config: ExportConfig;
  /** Charges the admitted request the export's cost (see useApiKeys). */
  charge(request: Request, points: number): Promise<void>;
  /** The service's revision: a deploy that changes a format changes every ETag. */
  revision: string;
}

/** An export whose client takes no chunk for this long (or EXPORT_TIMEOUT_MS, if shorter) is cut off. */
const IDLE_LIMIT_MS = 30_000;

/**
 * `GET /export/graph.json`, `/export/nodes.csv`, `/export/relationships.csv`, `/export/graph.graphml`, with
 * `?source=seed,esco,onet&kind=role,skill,tool`: the graph (or part of it), streamed as it is read, a page
 * per read transaction. Each costs EXPORT_COST points; EXPORT_CONCURRENCY run at once and one per client,
 * so a client's export cannot hold the others up. An export is cut off after EXPORT_TIMEOUT_MS, or when
 * its client takes nothing for 30 s, and its slot is freed the moment the client goes away.
 * A weak ETag names the revision, the graph version, the path and the options: If-None-Match answers 304
 * while the graph is unchanged. HEAD answers the headers for the admission's one point.
 */
export function useGraphExport({ database, logger, config, charge, revision }: GraphExportOptions): Plugin {
  const exporting = new Set<string>();
  let running = 0;
  const idleLimitMs = Math.min(IDLE_LIMIT_MS, config.timeoutMs);
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      const format = GRAPH_EXPORTS[url.pathname];
      if (!format) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(methodNotAllowed(fetchAPI, url.pathname, 'GET, HEAD'));
        return;
      }
      const consumer = consumerOf(request) ?? 'unknown';
      let release: (() => void) | undefined;
      let streaming = false;
      try {
        const selection = parseExportSelection(url.searchParams);
        if (exporting.has(consumer)) {
          throw new RateLimitedError('An export of yours is still running; one runs at a time per client.', 5);
        }
        if (running >= config.concurrency) {
          throw new ServiceBusyError(`${config.concurrency} exports are running, as many as run at once`);
        }
        // Claimed before anything is awaited, so that requests arriving together cannot all pass the checks.
        exporting.add(consumer);
        running += 1;
        let released = false;
        release = () => {
          if (released) return;
          released = true;
          exporting.delete(consumer);
          running -= 1;
        };
        const graph = await openGraphExport(database, selection);
        const etag = `W/"${revision}.${graph.graphVersion}.${url.pathname}${url.search}"`;
        if (ifNoneMatchMatches(request.headers.get('if-none-match'), etag)) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers: { etag } }));
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
        await charge(request, config.cost);
        const response = serverContext as { res?: { once(event: 'close', listener: () => void): void } } | undefined;
        endResponse(
          new fetchAPI.Response(streamOf(format.write(graph), release, response?.res), { status: 200, headers }),
        );
        streaming = true;
      } catch (error) {
        if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
          endResponse(jsonErrorResponse(fetchAPI, error));
          return;
        }
        logger.error({ err: error }, 'graph export failed');
        endResponse(jsonErrorResponse(fetchAPI, UNEXPECTED_ERROR, 500));
        return;
      } finally {
        if (!streaming) release?.();
      }

      /** Pulls the next chunk only when the client has taken the last one; frees the slot when it ends. */
      function streamOf(
        chunks: AsyncGenerator<string>,
        releaseSlot: () => void,
        socketResponse: { once(event: 'close', listener: () => void): void } | undefined,
      ): ReadableStream<Uint8Array> {
        const encoder = new TextEncoder();
        let finished = false;
        let cutOff: NodeJS.Timeout | undefined;
        let idle: NodeJS.Timeout | undefined;
        const finish = () => {
          if (finished) return;
          finished = true;
          clearTimeout(cutOff);
          clearTimeout(idle);
          releaseSlot();
          void chunks.return(undefined);
        };
        // Headers are sent, so the only way left to say "incomplete" is to break the connection: a chunked
        // response that ends without its last chunk is a failed download to every HTTP client.
        const breakOff = (controller: ReadableStreamDefaultController<Uint8Array>, error: Error) => {
          finish();
          controller.error(error);
          (serverContext as { res?: { destroy(error?: Error): void } } | undefined)?.res?.destroy(error);
        };
        return new ReadableStream<Uint8Array>({
          start(controller) {
            const cut = (why: string) => () => {
              logger.warn({ path: url.pathname, consumer }, `graph export cut off: ${why}`);
              breakOff(controller, new Error(`export cut off: ${why}`));
            };
            cutOff = setTimeout(
              cut(`still running after ${config.timeoutMs} ms (EXPORT_TIMEOUT_MS)`),
              config.timeoutMs,
            );
            cutOff.unref();
            idle = setTimeout(cut(`nothing taken for ${idleLimitMs} ms`), idleLimitMs);
            idle.unref();
            // A client that goes away frees the slot at once, whether or not the body is being written.
            socketResponse?.once('close', finish);
          },
          async pull(controller) {
            try {
              idle?.refresh();
              const next = await chunks.next();
              if (finished) return;
              if (next.done) {
                finish();
                controller.close();
              } else controller.enqueue(encoder.encode(next.value));
            } catch (error) {
              logger.warn({ err: error, path: url.pathname }, 'graph export broken off');
              breakOff(controller, error as Error);
            }
          },
          cancel: finish,
        });
      }
    },
  };
}
