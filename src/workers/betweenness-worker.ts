import { parentPort, workerData } from 'node:worker_threads';
import { betweennessCentrality } from '../analysis/betweenness.js';

// Runs in a worker thread: Brandes' algorithm takes minutes on a graph of imported taxonomies.
const { nodes, edges } = workerData as { nodes: string[]; edges: [string, string][] };
parentPort?.postMessage([...betweennessCentrality(nodes, edges)]);
