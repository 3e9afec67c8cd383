import type { Worker } from 'node:worker_threads';
import type { CareerGraph } from '../analysis/career-path.js';
import type {
  ArgumentsOf,
  CareerOperationName,
  CareerOperations,
  CareerWorkerReply,
  CareerWorkerRequest,
} from './career-operations.js';
import { startWorker } from './run-worker.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending = { resolve: (reply: CareerWorkerReply) => void; reject: (error: Error) => void };

/**
 * The career index of one graph version, held by a worker thread: `call` runs an operation of
 * career-operations.ts on it there. The graph stays here too, so that an index the worker has dropped
 * (it keeps the latest few versions, and a crashed worker is replaced) is built again on demand.
 */
export interface CareerIndexHandle {
  version: string;
  /** How long the worker took to build the index, in ms. */
  buildMs: number;
  call<K extends CareerOperationName>(operation: K, ...args: ArgumentsOf<K>): Promise<ReturnType<CareerOperations[K]>>;
}

/**
 * One worker for the whole process, shared by every app (tests build many): it holds indexes by graph
 * version. It keeps the process alive only while it has requests to answer.
 */
class CareerIndexThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  private send(request: WithoutId<CareerWorkerRequest>): Promise<CareerWorkerReply> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<CareerWorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ ...request, id } as CareerWorkerRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('career-index-worker');
    worker.unref();
    worker.on('message', (reply: CareerWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      waiting?.resolve(reply);
    });
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const { reject } of waiting) reject(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the career-index worker exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  async load(version: string, graph: CareerGraph): Promise<CareerIndexHandle> {
    const loaded = await this.send({ kind: 'load', version, graph });
    answerOf(loaded);
    return {
      version,
      buildMs: 'buildMs' in loaded ? (loaded.buildMs ?? 0) : 0,
      call: async (operation, ...args) => {
        let reply = await this.send({ kind: 'call', version, operation, args });
        if ('unknownVersion' in reply) {
          answerOf(await this.send({ kind: 'load', version, graph }));
          reply = await this.send({ kind: 'call', version, operation, args });
        }
        return answerOf(reply) as never;
      },
    };
  }

  /** Stops the worker, failing what it had not answered yet (the next call starts another). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { reject } of waiting) reject(new Error('the career-index worker was stopped before answering'));
    await worker?.terminate();
  }
}

function answerOf(reply: CareerWorkerReply): unknown {
  if ('error' in reply) throw new Error(`career-index worker: ${reply.error}`);
  if ('unknownVersion' in reply) throw new Error('career-index worker: the index was dropped');
  return reply.value;
}

export const careerIndexThread = new CareerIndexThread();
