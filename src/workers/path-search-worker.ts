import { parentPort } from 'node:worker_threads';
import { buildPathIndex, kShortestPathsInIndex, type PathIndex } from '../analysis/path-index.js';
import { KEPT_GRAPHS, type PathSearchReply, type PathSearchRequest } from './path-search.js';

// Runs in a long-lived worker thread (see path-search.ts): keeps the index of the graphs it was last sent
// and answers searches one at a time, since a search uses its index's scratch arrays.
const indexes = new Map<number, PathIndex>();
let queue = Promise.resolve();

async function answer(message: PathSearchRequest): Promise<void> {
  if (message.kind === 'graph') {
    indexes.set(message.graphId, buildPathIndex(message.graph));
    for (const id of indexes.keys()) if (indexes.size > KEPT_GRAPHS) indexes.delete(id);
    return;
  }
  let reply: PathSearchReply;
  try {
    const index = indexes.get(message.graphId);
    if (!index) throw new Error(`graph ${message.graphId} was not sent to the path search thread`);
    reply = { id: message.id, paths: await kShortestPathsInIndex(index, message.search) };
  } catch (error) {
    reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
}

parentPort?.on('message', (message: PathSearchRequest) => {
  queue = queue.then(() => answer(message));
});
