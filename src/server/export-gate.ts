import type { ExportConfig } from '../config.js';
import { RateLimitedError, ServiceBusyError } from '../errors.js';
import type { Logger } from '../logger.js';
import { consumerOf } from './use-api-keys.js';

/** An export whose client takes no chunk for this long (or EXPORT_TIMEOUT_MS, if shorter) is cut off. */
const IDLE_LIMIT_MS = 30_000;

interface SocketResponse {
  once(event: 'close', listener: () => void): void;
  destroy(error?: Error): void;
}

export interface ExportGateOptions {
  config: ExportConfig;
  logger: Logger;
  /** Charges the admitted request `points` (see useApiKeys). */
  charge(request: Request, points: number): Promise<void>;
}

/**
 * What every `/export/…` answer goes through, so that no client's downloads hold the others up:
 * EXPORT_CONCURRENCY run at once and one per client (another of the same client is RATE_LIMITED, one
 * beyond the limit SERVICE_BUSY), each costs EXPORT_COST points, and a streamed one is cut off after
 * EXPORT_TIMEOUT_MS or 30 s without a read, its slot freed the moment its client goes away.
 */
export class ExportGate {
  readonly #exporting = new Set<string>();
  #running = 0;

  constructor(private readonly options: ExportGateOptions) {}

  /**
   * Takes a slot for the request's client, synchronously (before anything is awaited, so that requests
   * arriving together cannot all pass), and returns its release, which may be called any number of times.
   */
  claim(request: Request): () => void {
    const consumer = consumerOf(request) ?? 'unknown';
    if (this.#exporting.has(consumer)) {
      throw new RateLimitedError('An export of yours is still running; one runs at a time per client.', 5);
    }
    if (this.#running >= this.options.config.concurrency) {
      throw new ServiceBusyError(`${this.options.config.concurrency} exports are running, as many as run at once`);
    }
    this.#exporting.add(consumer);
    this.#running += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#exporting.delete(consumer);
      this.#running -= 1;
    };
  }

  /** Charges the export's cost (EXPORT_COST points) to the request's client. */
  charge(request: Request): Promise<void> {
    return this.options.charge(request, this.options.config.cost);
  }

  /**
   * The body of a streamed export: pulls the next chunk only when the client has taken the last one, and
   * releases the slot when the stream ends, fails, is cut off or its client disconnects. A failure after
   * the headers breaks the connection: a chunked response without its last chunk is a failed download to
   * every HTTP client, never a short file that looks whole.
   */
  stream(
    chunks: AsyncGenerator<string>,
    { release, serverContext, path }: { release: () => void; serverContext: unknown; path: string },
  ): ReadableStream<Uint8Array> {
    const { config, logger } = this.options;
    const socket = (serverContext as { res?: SocketResponse } | undefined)?.res;
    const idleLimitMs = Math.min(IDLE_LIMIT_MS, config.timeoutMs);
    const encoder = new TextEncoder();
    let finished = false;
    let cutOff: NodeJS.Timeout | undefined;
    let idle: NodeJS.Timeout | undefined;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(cutOff);
      clearTimeout(idle);
      release();
      void chunks.return(undefined);
    };
    const breakOff = (controller: ReadableStreamDefaultController<Uint8Array>, error: Error) => {
      finish();
      controller.error(error);
      socket?.destroy(error);
    };
    return new ReadableStream<Uint8Array>({
      start(controller) {
        const cut = (why: string) => () => {
          logger.warn({ path }, `export cut off: ${why}`);
          breakOff(controller, new Error(`export cut off: ${why}`));
        };
        cutOff = setTimeout(cut(`still running after ${config.timeoutMs} ms (EXPORT_TIMEOUT_MS)`), config.timeoutMs);
        cutOff.unref();
        idle = setTimeout(cut(`nothing taken for ${idleLimitMs} ms`), idleLimitMs);
        idle.unref();
        socket?.once('close', finish);
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
          logger.warn({ err: error, path }, 'export broken off');
          breakOff(controller, error as Error);
        }
      },
      cancel: finish,
    });
  }
}
