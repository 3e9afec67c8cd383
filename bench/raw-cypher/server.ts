/**
 * The floor of `npm run bench:peers`: a node:http server answering `POST /<workload>` (a JSON object of
 * parameters) with `{"data": …}` from ONE statement of queries.ts, run with `executeQuery` and read
 * routing. No GraphQL, no validation beyond the route: what any server over Neo4j has to pay at least.
 *
 * Environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, PORT (on 127.0.0.1). `GET /health` answers 200.
 * Prints `listening` once it serves; stops on SIGTERM or SIGINT.
 */
import { createServer, type IncomingMessage } from 'node:http';
import neo4j from 'neo4j-driver';
import { RAW_QUERIES } from './queries.js';

const driver = neo4j.driver(
  process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
  { disableLosslessIntegers: true },
);
const queries = new Map<string, string>(Object.entries(RAW_QUERIES).map(([name, cypher]) => [`/${name}`, cypher]));

const server = createServer(async (request, response) => {
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200).end('ok');
    return;
  }
  const cypher = queries.get(request.url ?? '');
  if (request.method !== 'POST' || cypher === undefined) {
    response.writeHead(404).end();
    return;
  }
  try {
    const parameters = JSON.parse(await readBody(request)) as Record<string, unknown>;
    const { records } = await driver.executeQuery(cypher, integers(parameters), {
      routing: neo4j.routing.READ,
      database: 'neo4j',
    });
    const body = JSON.stringify({ data: records[0]?.get('data') ?? null });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});
server.listen(Number(process.env.PORT ?? 4112), '127.0.0.1', () => console.log('listening'));

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Whole numbers as Cypher integers (LIMIT takes no float), as a driver user has to. */
function integers(parameters: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(parameters).map(([name, value]) => [
      name,
      Number.isInteger(value) ? neo4j.int(value as number) : value,
    ]),
  );
}

const stop = () => {
  server.close();
  server.closeAllConnections();
  void driver.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
