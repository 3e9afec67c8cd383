import { type Transferable, Worker, type WorkerOptions } from 'node:worker_threads';
import type { BetweennessSums, SamplingOptions } from '../analysis/betweenness.js';
import type { RequirementGraph, RoleClustering } from '../analysis/role-clusters.js';
import type { BetweennessTask } from './betweenness-worker.js';

/**
 * Starts a module of this folder in a worker thread. From the TypeScript sources (tests, `npm run dev`)
 * the worker loads through tsx, as the rest of the code does.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(file, options);
}

/**
 * Runs a module of this folder in a worker thread with `input` as its `workerData` and resolves with the
 * one message it posts (`transfer` moves typed arrays' buffers instead of copying them), so that
 * whole-graph computations leave the event loop free for requests.
 */
export function runWorker<T>(name: string, input: unknown, transfer: readonly Transferable[] = []): Promise<T> {
  const worker = startWorker(name, { workerData: input, transferList: [...transfer] });
  return new Promise<T>((resolve, reject) => {
    let answered = false;
    worker.once('message', (message: T) => {
      answered = true;
      resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`worker ${name} exited with code ${code} before answering`));
    });
  });
}

/**
 * Betweenness centrality, exact or sampled (see analysis/betweenness.ts estimateBetweennessOf), computed in
 * a worker thread; the edges go as positions in a typed array, so handing them over costs the main thread
 * little.
 */
export async function betweennessOffThread(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
  sampling: SamplingOptions = { workBudget: Number.POSITIVE_INFINITY, seed: '' },
): Promise<BetweennessSums> {
  const position = new Map<string, number>();
  for (let i = 0; i < nodes.length; i++) position.set(nodes[i] as string, i);
  const endpoints = new Int32Array(edges.length * 2);
  for (let e = 0; e < edges.length; e++) {
    const [a, b] = edges[e] as readonly [string, string];
    endpoints[2 * e] = position.get(a) ?? -1;
    endpoints[2 * e + 1] = position.get(b) ?? -1;
  }
  const task: BetweennessTask = { nodeCount: nodes.length, endpoints, ...sampling };
  return runWorker<BetweennessSums>('betweenness-worker', task, [endpoints.buffer as ArrayBuffer]);
}

/** Role clusters (see analysis/role-clusters.ts clusterRoles), found in a worker thread. */
export function roleClustersOffThread(graph: RequirementGraph): Promise<RoleClustering> {
  return runWorker<RoleClustering>('role-clusters-worker', graph, [
    graph.roleOf.buffer as ArrayBuffer,
    graph.skillOf.buffer as ArrayBuffer,
    graph.essential.buffer as ArrayBuffer,
  ]);
}
