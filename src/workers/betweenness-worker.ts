import { parentPort, workerData } from 'node:worker_threads';
import { adjacencyFromEndpoints, estimateBetweennessOf, type SamplingOptions } from '../analysis/betweenness.js';

/** What the worker is given: node count, edges as positions (see adjacencyFromEndpoints), the sampling. */
export interface BetweennessTask extends SamplingOptions {
  nodeCount: number;
  endpoints: Int32Array;
}

// Runs in a worker thread: on a graph of imported taxonomies Brandes' algorithm takes tens of seconds.
const { nodeCount, endpoints, ...sampling } = workerData as BetweennessTask;
const result = estimateBetweennessOf(adjacencyFromEndpoints(nodeCount, endpoints), sampling);
parentPort?.postMessage(result, [result.scores.buffer as ArrayBuffer]);
