import { parentPort, workerData } from 'node:worker_threads';
import { clusterRoles, type RequirementGraph } from '../analysis/role-clusters.js';

// Runs in a worker thread: on the imported taxonomies Louvain takes seconds, too long for the event loop.
parentPort?.postMessage(clusterRoles(workerData as RequirementGraph));
