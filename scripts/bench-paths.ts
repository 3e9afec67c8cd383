/**
 * shortestPath and shortestPaths on a hub-heavy graph of ESCO size (17k nodes, ~135k relationships) in a
 * managed Neo4j of its own (.neo4j/bench-paths, port BENCH_NEO4J_PORT or 7792; written once, reused while
 * it holds the same graph): the service's answers through the app in-process, then the same questions as
 * raw Cypher — the exact Cypher oracle the service used before (Yen's algorithm, each spur an
 * allShortestPaths ordered by keys), and Neo4j's `SHORTEST k` (neither simple paths nor our tie order:
 * a lower bound on what Cypher can do). Prints figures only. Run: npm run bench:paths
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pino } from 'pino';
import { findKShortestPaths } from '../src/analysis/k-shortest-paths.js';
import { buildPathIndex, pathGraphOf } from '../src/analysis/path-index.js';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/database/database.js';
import { migrateDatabase } from '../src/database/migrations.js';
import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from '../src/domain/career-graph.js';
import { LocalNeo4j } from '../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../src/project-root.js';
import { neo4jShortestPathOracle } from '../src/queries/shortest-path-queries.js';
import { createApp } from '../src/server/app.js';
import { ESCO_SIZE, hubHeavyGraph, writeHubHeavyGraph } from '../tests/support/hub-heavy-graph.js';
import { seededRandom } from '../tests/support/seeded-random.js';

const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
/** The old Cypher oracle takes seconds per hub pair: it is timed on fewer pairs. */
const CYPHER_PAIRS = Number(process.env.BENCH_CYPHER_PAIRS ?? 20);
const CONCURRENT = 8;
const password = 'skillgraph-bench';

const root = findProjectRoot();
const neo4j = new LocalNeo4j({
  projectRoot: root,
  instance: 'bench-paths',
  port: Number(process.env.BENCH_NEO4J_PORT ?? 7792),
  password,
  heapSize: '1g',
  pageCacheSize: '512m',
  log: (message) => console.log(`[bench neo4j] ${message}`),
});
const { alreadyRunning } = await neo4j.start();
const config = loadConfig({});
const database = Database.connect(
  neo4j.uri,
  { username: 'neo4j', password, database: 'neo4j' },
  { transactionTimeoutMs: config.limits.executionTimeoutMs },
);
await migrateDatabase(database, root);

const generated = hubHeavyGraph(seededRandom(11), ESCO_SIZE);
const stored = await database.read(async (tx) => {
  const result = await tx.run('MATCH (n:Entity) RETURN count(n) AS nodes, COUNT { ()-[]->() } AS relationships');
  return { nodes: result.records[0]?.get('nodes') as number, relationships: result.records[0]?.get('relationships') };
});
if (stored.nodes !== generated.nodes.length || stored.relationships !== generated.relationships.length) {
  const started = performance.now();
  await writeHubHeavyGraph(database, generated);
  console.log(`wrote the graph in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const degreeOf = new Map<string, number>();
for (const r of generated.relationships) {
  degreeOf.set(r.from, (degreeOf.get(r.from) ?? 0) + 1);
  degreeOf.set(r.to, (degreeOf.get(r.to) ?? 0) + 1);
}
const degrees = [...degreeOf.values()].sort((a, b) => b - a);
console.log(
  `graph: ${generated.nodes.length} nodes, ${generated.relationships.length} relationships; highest degrees ${degrees.slice(0, 5).join(', ')}`,
);

const index = buildPathIndex(
  pathGraphOf(
    generated.nodes.map((node) => ({ key: node.key, label: node.label as EntityLabel })),
    generated.relationships.map((r) => ({ type: r.type as RelationType, from: r.from, to: r.to })),
  ),
);

/** The number of shortest paths between two nodes and their length (breadth-first search with counts). */
function shortestPathCount(from: string, to: string): { length: number; count: number } {
  const source = index.position.get(from) as number;
  const target = index.position.get(to) as number;
  const distance = new Int32Array(index.graph.keys.length).fill(-1);
  const count = new Float64Array(index.graph.keys.length);
  const queue = [source];
  distance[source] = 0;
  count[source] = 1;
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i] as number;
    if (distance[target] !== -1 && (distance[v] as number) >= (distance[target] as number)) break;
    for (let e = index.offsets[v] as number; e < (index.offsets[v + 1] as number); e++) {
      const w = index.neighbours[e] as number;
      if (distance[w] === -1) {
        distance[w] = (distance[v] as number) + 1;
        queue.push(w);
      }
      if (distance[w] === (distance[v] as number) + 1) count[w] = (count[w] as number) + (count[v] as number);
    }
  }
  return { length: distance[target] as number, count: count[target] as number };
}

const random = seededRandom(2_026);
const keys = generated.nodes.map((node) => node.key);
const pairs = Array.from({ length: PAIRS }, () => [random.pick(keys), random.pick(keys)] as [string, string]);
// The hub-heavy pair: of many pairs of popular skills, the one joined by the most shortest paths.
const skills = generated.nodes
  .filter((node) => node.label === 'Skill')
  .map((node) => node.key)
  .sort((a, b) => (degreeOf.get(b) ?? 0) - (degreeOf.get(a) ?? 0))
  .slice(0, 2_000);
let hub = { from: '', to: '', length: 0, count: 0 };
for (let i = 0; i < 2_500; i++) {
  const [from, to] = [random.pick(skills), random.pick(skills)];
  const found = shortestPathCount(from, to);
  if (found.count > hub.count) hub = { from, to, ...found };
}
console.log(`hub-heavy pair: ${hub.from} → ${hub.to}, ${hub.count} shortest paths of length ${hub.length}`);

const app = createApp({
  database,
  logger: pino({ level: 'silent' }),
  config: {
    corsOrigins: config.corsOrigins,
    graphiql: false,
    introspection: false,
    limits: config.limits,
    // A benchmark is one client asking as fast as it can: no rate limit may shape what it measures.
    access: {
      ...config.access,
      rateLimit: { ...config.access.rateLimit, anonymousPoints: Number.MAX_SAFE_INTEGER },
    },
  },
});
async function graphql(query: string): Promise<number> {
  const started = performance.now();
  const response = await app.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  if (body.errors) throw new Error(`${query}: ${body.errors[0]?.message}`);
  return performance.now() - started;
}
const PATH = 'length nodes { key } steps { relation importance level }';
const shortestPath = (from: string, to: string) =>
  graphql(`{ shortestPath(from: "${from}", to: "${to}") { ${PATH} } }`);
const shortestPaths = (from: string, to: string, k: number) =>
  graphql(`{ shortestPaths(from: "${from}", to: "${to}", k: ${k}) { ${PATH} } }`);

/** The old service, in Cypher: Yen's algorithm with each round's spurs as allShortestPaths ordered by keys. */
const filters = { relations: RELATION_TYPES, via: ENTITY_LABELS, avoid: [] };
async function cypherYen(from: string, to: string, k: number): Promise<number> {
  const started = performance.now();
  await database.read((tx) => findKShortestPaths(neo4jShortestPathOracle(tx, to, filters, 8), from, k, 8), {
    timeoutMs: 60_000,
  });
  return performance.now() - started;
}
/** Neo4j's own k shortest paths: fast, but the paths may repeat nodes and ties come in no defined order. */
async function cypherShortestK(from: string, to: string, k: number): Promise<number> {
  const started = performance.now();
  await database.read((tx) =>
    tx.run(
      `MATCH p = SHORTEST ${k} (a:Entity {key: $from})-[]-{1,8}(b:Entity {key: $to})
       RETURN [n IN nodes(p) | n.key] AS keys, [r IN relationships(p) | type(r)] AS types`,
      { from, to },
    ),
  );
  return performance.now() - started;
}

const percentile = (times: number[], p: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const rows: { label: string; service: number[]; cypher?: number[]; cypherLabel?: string }[] = [];
async function time(pairsToTime: [string, string][], run: (from: string, to: string) => Promise<number>) {
  const times: number[] = [];
  for (const [from, to] of pairsToTime) times.push(await run(from, to));
  return times;
}

// The first request reads the graph and starts the thread: timed apart.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const firstMs = await shortestPath(pairs[0]?.[0] as string, pairs[0]?.[1] as string);
loopDelay.disable();
console.log(
  `first request (reads the graph, starts the thread, indexes): ${firstMs.toFixed(0)} ms; longest event-loop delay meanwhile ${(loopDelay.max / 1e6).toFixed(0)} ms`,
);

const cypherPairs = pairs.slice(0, CYPHER_PAIRS);
rows.push({
  label: 'shortestPath',
  service: await time(pairs, shortestPath),
  cypher: await time(cypherPairs, (from, to) => cypherYen(from, to, 1)),
  cypherLabel: 'Cypher oracle',
});
for (const k of [3, 10, 20]) {
  rows.push({
    label: `shortestPaths k=${k}`,
    service: await time(pairs, (from, to) => shortestPaths(from, to, k)),
    cypher: await time(cypherPairs, (from, to) => cypherYen(from, to, k)),
    cypherLabel: 'Cypher oracle',
  });
}
for (const k of [1, 20]) {
  rows.push({
    label: `SHORTEST ${k} (Cypher, inexact)`,
    service: [],
    cypher: await time(pairs, (from, to) => cypherShortestK(from, to, k)),
  });
}
rows.push({
  label: 'hub pair shortestPaths k=20',
  service: await time(Array(5).fill([hub.from, hub.to]), (from, to) => shortestPaths(from, to, 20)),
  cypher: await time(Array(3).fill([hub.from, hub.to]), (from, to) => cypherYen(from, to, 20)),
  cypherLabel: 'Cypher oracle',
});

// Eight k=20 requests on hub pairs at once, with /health and a lookup asked every 20 ms meanwhile.
async function concurrently(label: string, run: () => Promise<number>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const health: number[] = [];
  let running = true;
  const poll = (async () => {
    while (running) {
      const started = performance.now();
      await app.fetch('http://bench/health');
      await graphql(`{ skill(key: "${hub.from}") { key } }`);
      health.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  delay.enable();
  const started = performance.now();
  const times = await Promise.all(Array.from({ length: CONCURRENT }, run));
  const wall = performance.now() - started;
  delay.disable();
  running = false;
  await poll;
  console.log(
    `${label}: ${CONCURRENT} at once, all answered in ${wall.toFixed(0)} ms (slowest ${Math.max(...times).toFixed(0)} ms); ` +
      `/health + lookup p50 ${percentile(health, 50).toFixed(0)} ms, max ${Math.max(...health).toFixed(0)} ms; ` +
      `longest event-loop delay ${(delay.max / 1e6).toFixed(0)} ms`,
  );
  return wall;
}

console.log(`\n${PAIRS} random pairs (Cypher oracle on the first ${CYPHER_PAIRS}), milliseconds`);
const header = ['', 'service p50', 'p95', 'Cypher p50', 'p95', 'Cypher p50 / service p50'];
console.log(
  `${header[0]?.padEnd(34)}${header
    .slice(1)
    .map((h) => h.padStart(12))
    .join('')}`,
);
for (const row of rows) {
  const s50 = percentile(row.service, 50);
  const c50 = row.cypher ? percentile(row.cypher, 50) : 0;
  const cells = [
    row.service.length ? s50.toFixed(1) : '–',
    row.service.length ? percentile(row.service, 95).toFixed(1) : '–',
    row.cypher ? c50.toFixed(1) : '–',
    row.cypher ? percentile(row.cypher, 95).toFixed(1) : '–',
    row.service.length && row.cypher ? `${(c50 / s50).toFixed(1)}×` : '–',
  ];
  console.log(`${row.label.padEnd(34)}${cells.map((c) => c.padStart(12)).join('')}`);
}
console.log('');
const serviceWall = await concurrently('service, hub pair k=20', () => shortestPaths(hub.from, hub.to, 20));
const cypherWall = await concurrently('Cypher oracle, hub pair k=20', () => cypherYen(hub.from, hub.to, 20));
console.log(`8 concurrent: Cypher oracle / service wall time ${(cypherWall / serviceWall).toFixed(1)}×`);

await app.dispose();
await database.close();
if (!alreadyRunning && process.env.KEEP_BENCH_NEO4J !== '1') await neo4j.stop();
