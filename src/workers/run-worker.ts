import { Worker } from 'node:worker_threads';

/**
 * Starts a module of this folder in a worker thread with `input` as its `workerData`. From the TypeScript
 * sources (tests, `npm run dev`) the worker loads through tsx, as the rest of the code does.
 */
export function startWorker(name: string, input?: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const file = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, import.meta.url);
  return fromSource
    ? new Worker(
        `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file.href)}); })`,
        { eval: true, workerData: input },
      )
    : new Worker(file, { workerData: input });
}

/**
 * Runs a module of this folder in a worker thread and resolves with the one message it posts, so that
 * whole-graph computations leave the event loop free for requests.
 */
export function runWorker<T>(name: string, input: unknown): Promise<T> {
  const worker = startWorker(name, input);
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

/** Betweenness centrality (see analysis/betweenness.ts), computed in a worker thread. */
export async function betweennessOffThread(
  nodes: readonly string[],
  edges: readonly (readonly [string, string])[],
): Promise<Map<string, number>> {
  return new Map(await runWorker<[string, number][]>('betweenness-worker', { nodes, edges }));
}
