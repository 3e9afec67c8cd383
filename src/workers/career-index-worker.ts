import { parentPort } from 'node:worker_threads';
import { type CareerWorkerRequest, createCareerIndexHost } from './career-operations.js';

// A persistent worker thread holding the career index of the latest graph versions: building it and
// searching it take 100 ms or more at the scale of the imported taxonomies, too long for the event loop.
const answer = createCareerIndexHost();
parentPort?.on('message', (request: CareerWorkerRequest) => parentPort?.postMessage(answer(request)));
