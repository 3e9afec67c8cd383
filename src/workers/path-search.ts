import type { Worker } from 'node:worker_threads';
import {
  buildPathIndex,
  type IndexPathRequest,
  kShortestPathsInIndex,
  type PathGraph,
  type PathIndex,
  type PositionalPath,
} from '../analysis/path-index.js';
import { startWorker } from './run-worker.js';

/** A graph to search, with an id unique in the process: the thread indexes it once and keeps it by that id. */
export interface SearchableGraph {
  id: number;
  graph: PathGraph;
}

export type PathSearchRequest =
  | { kind: 'graph'; graphId: number; graph: PathGraph }
  | { kind: 'search'; id: number; graphId: number; search: IndexPathRequest };

export type PathSearchReply = { id: number; paths: PositionalPath[] } | { id: number; error: string };

/** Graphs the thread keeps indexed, the latest sent: the current one and the one before (requests that began on it). */
export const KEPT_GRAPHS = 2;

export interface PathSearchThreadOptions {
  /**
   * A thread with nothing to do for this long ends, giving back its memory; the next search starts another.
   * @default 30_000
   */
  idleMs?: number;
  /**
   * A search for one path in a graph of at most this many nodes and relationships runs on the event loop,
   * where it costs less than the hop to the thread and back (on the seed, ~1,900 elements: +15 % headline
   * requests at one client). Its index is then built there too, once per graph version: ~1 ms for the
   * seed, ~4 ms at 5,000. 0: every search in the thread.
   * @default 5_000
   */
  inlineMaxElements?: number;
}

/**
 * The k shortest paths searched in one long-lived worker thread, so that the event loop stays free: the
 * thread holds the index of the graph (sent once per graph, as a copy of its arrays) and answers searches
 * one at a time, in the order asked. It starts on the first search; if it dies, the searches it had are
 * failed and the next search starts a new one. It does not keep the process alive while idle. A search
 * for one path in a small graph (`inlineMaxElements`) is answered on the event loop instead.
 */
export class PathSearchThread {
  private worker: Worker | undefined;
  /** Graph ids the current thread holds, oldest first, as it evicts them. */
  private sent: number[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (paths: PositionalPath[]) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Indexes of the small graphs searched on the event loop, dropped with their graph. */
  private readonly inlineIndexes = new WeakMap<SearchableGraph, PathIndex>();

  constructor(private readonly options: PathSearchThreadOptions = {}) {}

  search(graph: SearchableGraph, search: IndexPathRequest): Promise<PositionalPath[]> {
    if (this.closed) return Promise.reject(new Error('the path search thread is closed'));
    const limit = this.options.inlineMaxElements ?? 5_000;
    if (search.k === 1 && graph.graph.keys.length + graph.graph.starts.length <= limit) {
      return this.searchInline(graph, search);
    }
    const worker = this.startedWorker();
    if (!this.sent.includes(graph.id)) {
      worker.postMessage({ kind: 'graph', graphId: graph.id, graph: graph.graph } satisfies PathSearchRequest);
      this.sent.push(graph.id);
      if (this.sent.length > KEPT_GRAPHS) this.sent.shift();
    }
    const id = this.nextId++;
    return new Promise<PositionalPath[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ kind: 'search', id, graphId: graph.id, search } satisfies PathSearchRequest);
    });
  }

  private async searchInline(graph: SearchableGraph, search: IndexPathRequest): Promise<PositionalPath[]> {
    let index = this.inlineIndexes.get(graph);
    if (!index) {
      index = buildPathIndex(graph.graph);
      this.inlineIndexes.set(graph, index);
    }
    return kShortestPathsInIndex(index, search);
  }

  /** Ends the thread; searches it had fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop(new Error('the path search thread was closed before answering'));
  }

  /** Whether a thread runs now. */
  get running(): boolean {
    return this.worker !== undefined;
  }

  private startedWorker(): Worker {
    clearTimeout(this.idleTimer);
    if (this.worker) {
      this.worker.ref();
      return this.worker;
    }
    const worker = startWorker('path-search-worker');
    worker.on('message', (reply: PathSearchReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(`path search failed: ${reply.error}`));
      else waiting?.resolve(reply.paths);
      if (this.pending.size === 0) this.idle(worker);
    });
    const died = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.sent = [];
      this.failPending(new Error(`the path search thread stopped (${reason}) before answering; try again`));
    };
    worker.on('error', (error) => died(error.message));
    worker.on('exit', (code) => died(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  /** With no search in flight the thread does not keep the process alive, and ends after `idleMs`. */
  private idle(worker: Worker) {
    worker.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.worker === worker && this.pending.size === 0) void this.stop();
    }, this.options.idleMs ?? 30_000);
    this.idleTimer.unref();
  }

  private async stop(reason?: Error): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    this.sent = [];
    if (reason) this.failPending(reason);
    await worker?.terminate();
  }

  private failPending(error: Error) {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(error);
  }
}
