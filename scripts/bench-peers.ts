/**
 * SkillGraph against the servers one could use instead (issue 14): a fresh managed Neo4j of its own
 * (.neo4j/bench-peers, Bolt on BENCH_NEO4J_PORT or 7795) gets the curated seed; then three servers start
 * over it, each its own process on loopback: SkillGraph as `npm start` runs it (built, from dist/), a
 * server written with the Neo4j GraphQL Library 7 (bench/neo4j-graphql/) and a raw-Cypher server that
 * answers each workload with one hand-written statement (bench/raw-cypher/). It checks that the three give
 * identical data for every workload (canonical JSON; it stops at the first difference), then times each
 * workload with autocannon at 1 and 16 connections: a warm-up, then BENCH_REPS reps of BENCH_DURATION_S
 * seconds per cell, the servers taking turns in an order that rotates each rep. Prints req/s, p99 and the
 * ratios as a Markdown table, the traversals (SkillGraph, and raw Cypher where one statement answers) and
 * a one-line verdict on the issue's goals. Figures only. Two more SkillGraph servers take the peer
 * workloads: one with its response cache on (repeated reads), one with GRAPH_COMMIT_NOTICES=false (as on a
 * Neo4j without the commit-notices plugin, which the managed one has: a version read per request).
 *
 * Run: npm run bench:peers [-- --quick | --serve]   (--quick: 2 s × 1 rep, 1 s warm-up, for development;
 * --serve: start and check the three servers, then keep them running until Ctrl-C, for profiling one)
 * Environment: BENCH_DURATION_S (10), BENCH_REPS (2), BENCH_WARMUP_S (3), BENCH_NEO4J_PORT (7795),
 * BENCH_PORT (4110: SkillGraph; the peer +1, raw +2, cached +3, without notices +4, other Node +5),
 * BENCH_WORKLOADS (ids, comma-separated: all),
 * BENCH_OTHER_NODE (a node binary: SkillGraph also runs on it, in the same turns, and a table compares the
 * two runtimes; the servers otherwise run on the Node.js that runs this script).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import {
  type Ask,
  OTHER_NODE_SERVER,
  type ServerName,
  SKILLGRAPH_VARIANTS,
  WORKLOADS,
  type Workload,
} from '../bench/workloads.js';
import { LocalNeo4j } from '../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../src/project-root.js';

const execFileAsync = promisify(execFile);
const root = findProjectRoot();
const quick = process.argv.includes('--quick');
const serveOnly = process.argv.includes('--serve');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? (quick ? 2 : 10));
const REPS = Number(process.env.BENCH_REPS ?? (quick ? 1 : 2));
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? (quick ? 1 : 3));
const CONNECTIONS = [1, 16] as const;
const PORT = Number(process.env.BENCH_PORT ?? 4110);
const only = process.env.BENCH_WORKLOADS?.split(',').map((id) => id.trim());
const password = 'skillgraph-bench';
const otherNode = process.env.BENCH_OTHER_NODE;
const otherNodeVersion = otherNode
  ? (await execFileAsync(otherNode, ['--version'])).stdout.trim().replace(/^v/, '')
  : undefined;

/**
 * SkillGraph is measured without any response cache (the issue's goals are without one). None exists
 * today; the day src/config.ts grows a RESPONSE_CACHE… setting, its off value goes here, and the bench
 * refuses to run until it does (see `assertNoResponseCache`).
 */
const RESPONSE_CACHE_OFF: Record<string, string> = { RESPONSE_CACHE_MAX_BYTES: '0' };

const SERVERS: Record<ServerName, { title: string; port: number }> = {
  skillgraph: { title: 'SkillGraph', port: PORT },
  'neo4j-graphql': { title: '@neo4j/graphql', port: PORT + 1 },
  raw: { title: 'raw Cypher', port: PORT + 2 },
  cached: { title: 'SkillGraph with its response cache', port: PORT + 3 },
  'without-notices': { title: 'SkillGraph with GRAPH_COMMIT_NOTICES=false', port: PORT + 4 },
  'other-node': { title: `SkillGraph on Node ${otherNodeVersion}`, port: PORT + 5 },
};

interface Sample {
  rps: number;
  p99: number;
}
type Cell = Record<ServerName, Sample[]>;

const workloads = WORKLOADS.filter((workload) => !only || only.includes(workload.id));
if (workloads.length === 0) throw new Error(`BENCH_WORKLOADS=${process.env.BENCH_WORKLOADS} names no workload`);
assertNoResponseCache();

const neo4j = new LocalNeo4j({
  projectRoot: root,
  instance: 'bench-peers',
  port: Number(process.env.BENCH_NEO4J_PORT ?? 7795),
  password,
  heapSize: '1g',
  pageCacheSize: '512m',
  log: (message) => console.log(`[bench neo4j] ${message}`),
});
const children = new Map<ServerName, ChildProcess>();
let cleaning: Promise<void> | undefined;
/** Stops what this run started: the servers (by their pids), then its Neo4j. Idempotent. */
const cleanUp = () => {
  cleaning ??= (async () => {
    await Promise.all([...children.values()].map(stopChild));
    await neo4j.stop().catch((error: unknown) => console.error(`could not stop the bench Neo4j: ${error}`));
  })();
  return cleaning;
};
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers and the bench Neo4j…`);
    void cleanUp().finally(() => process.exit(code));
  });
}

try {
  // A bench Neo4j left running by a run that was killed outright is stopped, then the graph starts afresh.
  await neo4j.stop();
  rmSync(join(root, '.neo4j', 'bench-peers'), { recursive: true, force: true });
  await neo4j.start();
  const neo4jEnv = {
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: 'neo4j',
    NEO4J_PASSWORD: password,
    NEO4J_DATABASE: 'neo4j',
  };
  // As the Docker image runs them: graphql-js, for one, skips its development checks in production.
  const env = { ...process.env, ...neo4jEnv, LOG_LEVEL: 'warn', NODE_ENV: 'production' };
  console.log('seeding and building SkillGraph…');
  // Bolt answers a little before the database does, on a busy machine: the seed is tried a few times.
  for (let attempt = 1; ; attempt++) {
    try {
      await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], { cwd: root, env });
      break;
    } catch (error) {
      if (attempt === 5 || !String(error).includes('unavailable')) throw error;
      await sleep(3_000);
    }
  }
  await execFileAsync('npm', ['run', 'build', '--silent'], { cwd: root, env });

  const skillgraphEnv = {
    ...env,
    HOST: '127.0.0.1',
    SEED_ON_START: 'false',
    // One client sends every request: the per-address rate limit would otherwise answer 429s.
    RATE_LIMIT_ANONYMOUS_POINTS: String(2 ** 31),
  };
  start('skillgraph', ['dist/main.js'], {
    ...skillgraphEnv,
    ...RESPONSE_CACHE_OFF,
    PORT: String(SERVERS.skillgraph.port),
  });
  // Repeated reads, answered from the response cache, as fresh as the graph (commit notices).
  start('cached', ['dist/main.js'], { ...skillgraphEnv, PORT: String(SERVERS.cached.port) });
  // As on a Neo4j without the commit-notices plugin: every request reads the graph version.
  start('without-notices', ['dist/main.js'], {
    ...skillgraphEnv,
    ...RESPONSE_CACHE_OFF,
    PORT: String(SERVERS['without-notices'].port),
    GRAPH_COMMIT_NOTICES: 'false',
  });
  if (otherNode) {
    start(
      OTHER_NODE_SERVER,
      ['dist/main.js'],
      { ...skillgraphEnv, ...RESPONSE_CACHE_OFF, PORT: String(SERVERS[OTHER_NODE_SERVER].port) },
      otherNode,
    );
  }
  start('neo4j-graphql', ['--import', 'tsx', 'bench/neo4j-graphql/server.ts'], {
    ...env,
    PORT: String(SERVERS['neo4j-graphql'].port),
  });
  start('raw', ['--import', 'tsx', 'bench/raw-cypher/server.ts'], { ...env, PORT: String(SERVERS.raw.port) });
  await Promise.all([
    waitUntil(() => get(`${base('skillgraph')}/health`)),
    ...([...SKILLGRAPH_VARIANTS, ...(otherNode ? [OTHER_NODE_SERVER] : [])] as ServerName[]).map((server) =>
      waitUntil(() => get(`${base(server)}/health`)),
    ),
    waitUntil(async () => (await post('neo4j-graphql', { path: '/graphql', body: { query: '{ __typename }' } })).ok),
    waitUntil(() => get(`${base('raw')}/health`)),
  ]);

  console.log('checking that the servers give identical data…');
  await checkIdentical(workloads);
  if (serveOnly) {
    console.log(
      `serving until Ctrl-C: ${(Object.keys(SERVERS) as ServerName[])
        .filter((s) => s !== OTHER_NODE_SERVER || otherNode)
        .map((s) => `${SERVERS[s].title} ${base(s)}`)
        .join(', ')}; ` + `Neo4j ${neo4j.uri} (neo4j / ${password})`,
    );
    await new Promise(() => {});
  }

  const cells = new Map<string, Cell>();
  const started = performance.now();
  for (const workload of workloads) {
    const servers = serversOf(workload);
    for (const server of servers) await measure(workload, server, 16, WARMUP_S, { warmUp: true });
    for (const [c, connections] of CONNECTIONS.entries()) {
      const cell = Object.fromEntries(servers.map((server) => [server, []])) as unknown as Cell;
      for (let rep = 0; rep < REPS; rep++) {
        for (const server of rotate(servers, rep + c)) {
          cell[server].push(await measure(workload, server, connections, DURATION_S));
        }
      }
      cells.set(`${workload.id}@${connections}`, cell);
      process.stdout.write('.');
    }
  }
  console.log(` ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // The same answers after the load as before it (nothing was throttled, nothing degraded).
  await checkIdentical(workloads);

  printReport(cells);
} catch (error) {
  console.error(`\nbench:peers failed: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

function base(server: ServerName): string {
  return `http://127.0.0.1:${SERVERS[server].port}`;
}

/** The servers a workload is timed on: SkillGraph's variants for the peer workloads, asked as SkillGraph is. */
function serversOf(workload: Workload): ServerName[] {
  return (Object.keys(SERVERS) as ServerName[]).filter((server) => askOf(workload, server));
}

function askOf(workload: Workload, server: ServerName): Ask | undefined {
  if (server === OTHER_NODE_SERVER) return otherNode ? workload.asks.skillgraph : undefined;
  const variant = (SKILLGRAPH_VARIANTS as readonly ServerName[]).includes(server);
  return variant ? (workload.kind === 'peer' ? workload.asks.skillgraph : undefined) : workload.asks[server];
}

/** The servers in turn, starting at a different one each time. */
function rotate<T>(items: readonly T[], by: number): T[] {
  const shift = by % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function start(server: ServerName, args: string[], childEnv: NodeJS.ProcessEnv, node = process.execPath): void {
  const child = spawn(node, args, { cwd: root, env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  children.set(server, child);
  child.on('exit', (code, signal) => {
    if (!cleaning) console.error(`${SERVERS[server].title} (pid ${child.pid}) exited early: ${signal ?? code}`);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timeout = sleep(15_000).then(() => 'timeout');
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

function post(server: ServerName, ask: Pick<Ask, 'path' | 'body'>): Promise<Response> {
  return fetch(`${base(server)}${ask.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(ask.body),
  });
}

async function get(url: string): Promise<boolean> {
  return (await fetch(url).catch(() => null))?.ok === true;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if ([...children.values()].some((child) => child.exitCode !== null || child.signalCode !== null)) {
      throw new Error('a server exited while starting (see its output above)');
    }
    if (Date.now() > deadline) throw new Error('a server did not start within 90 s');
    await sleep(250);
  }
}

/** The answer's data in the workload's canonical form; any error fails the run. */
async function answer(workload: Workload, server: ServerName): Promise<unknown> {
  const ask = askOf(workload, server) as Ask;
  const response = await post(server, ask);
  const text = await response.text();
  if (!response.ok) throw new Error(`${SERVERS[server].title}, ${workload.id}: HTTP ${response.status} ${text}`);
  const body = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (body.errors) throw new Error(`${SERVERS[server].title}, ${workload.id}: ${JSON.stringify(body.errors)}`);
  return ask.canonical(body.data);
}

/** Every server of each workload gives SkillGraph's data, as canonical JSON (keys sorted). */
async function checkIdentical(list: Workload[]): Promise<void> {
  for (const workload of list) {
    const expected = canonicalJson(await answer(workload, 'skillgraph'));
    if (expected === 'null' || expected === '[]') throw new Error(`${workload.id}: SkillGraph's answer is empty`);
    for (const server of serversOf(workload).filter((s) => s !== 'skillgraph')) {
      const actual = canonicalJson(await answer(workload, server));
      if (actual !== expected) {
        const files = [
          ['skillgraph', expected],
          [server, actual],
        ].map(([name, json]) => {
          const file = join(tmpdir(), `bench-peers-${workload.id}-${name}.json`);
          writeFileSync(file, `${JSON.stringify(JSON.parse(json as string), null, 2)}\n`);
          return file;
        });
        throw new Error(
          `${workload.id}: ${SERVERS[server].title} answers differently from SkillGraph, first at ` +
            `${firstDifference(JSON.parse(expected), JSON.parse(actual))}\n  (both in full: ${files.join(', ')})`,
        );
      }
    }
  }
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function firstDifference(a: unknown, b: unknown, path = '$'): string {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const inA = (a as Record<string, unknown>)[key];
      const inB = (b as Record<string, unknown>)[key];
      if (canonicalJson(inA) !== canonicalJson(inB)) return firstDifference(inA, inB, `${path}.${key}`);
    }
  }
  return `${path}: SkillGraph ${JSON.stringify(a)?.slice(0, 200)}, the other ${JSON.stringify(b)?.slice(0, 200)}`;
}

async function measure(
  workload: Workload,
  server: ServerName,
  connections: number,
  seconds: number,
  { warmUp = false } = {},
): Promise<Sample> {
  const ask = askOf(workload, server) as Ask;
  const result = await autocannon({
    url: `${base(server)}${ask.path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(ask.body),
    connections,
    pipelining: 1,
    duration: seconds,
  });
  if (result.requests.total === 0 && !warmUp) {
    throw new Error(
      `${SERVERS[server].title}, ${workload.id}, ${connections} connections: no answer within ${seconds} s; ` +
        'run for longer (BENCH_DURATION_S, BENCH_WARMUP_S)',
    );
  }
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${SERVERS[server].title}, ${workload.id}, ${connections} connections: ${result.non2xx} non-2xx answers ` +
        `(${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors (${result.timeouts} timeouts)`,
    );
  }
  // Requests still in flight when autocannon stops keep the server busy: one more answer, awaited, lets
  // them finish before the next run (of another server, often) starts.
  await answer(workload, server);
  return { rps: result.requests.total / result.duration, p99: result.latency.p99 };
}

/** Refuses to run when SkillGraph has a response cache setting that this bench does not turn off. */
function assertNoResponseCache(): void {
  const settings = new Set(readFileSync(join(root, 'src', 'config.ts'), 'utf8').match(/\bRESPONSE_CACHE\w*/g) ?? []);
  const untouched = [...settings].filter((name) => !(name in RESPONSE_CACHE_OFF));
  if (untouched.length > 0) {
    throw new Error(
      `SkillGraph has a response cache setting (${untouched.join(', ')}): set its off value in RESPONSE_CACHE_OFF ` +
        'in scripts/bench-peers.ts, so that the service is measured without it.',
    );
  }
}

function printReport(cells: Map<string, Cell>): void {
  const mean = (samples: Sample[]) => samples.reduce((sum, s) => sum + s.rps, 0) / samples.length;
  const worstP99 = (samples: Sample[]) => Math.max(...samples.map((s) => s.p99));
  const rps = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
  const both = (workload: Workload, show: (cell: Cell) => string) =>
    CONNECTIONS.map((c) => show(cells.get(`${workload.id}@${c}`) as Cell)).join(' / ');
  const ratio = (cell: Cell, other: ServerName) => mean(cell.skillgraph) / mean(cell[other]);

  console.log(
    `\nbench:peers — ${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ` +
      `${availableParallelism()} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end; ` +
      `${REPS} rep${REPS === 1 ? '' : 's'} × ${DURATION_S} s per cell after a ${WARMUP_S} s warm-up, servers alternating\n`,
  );
  console.log(
    '| workload | SkillGraph req/s (c=1 / c=16) | @neo4j/graphql | raw Cypher | vs @neo4j/graphql | vs raw Cypher | p99 ms SkillGraph | @neo4j/graphql | raw Cypher |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const goals = { peer: [] as number[], raw: [] as number[], p99: [] as boolean[] };
  for (const workload of workloads.filter((w) => w.kind === 'peer')) {
    for (const c of CONNECTIONS) {
      const cell = cells.get(`${workload.id}@${c}`) as Cell;
      goals.peer.push(ratio(cell, 'neo4j-graphql'));
      goals.raw.push(ratio(cell, 'raw'));
      goals.p99.push(worstP99(cell.skillgraph) <= worstP99(cell['neo4j-graphql']));
    }
    console.log(
      `| ${workload.title} | ${both(workload, (cell) => rps(mean(cell.skillgraph)))} | ${both(workload, (cell) => rps(mean(cell['neo4j-graphql'])))} | ${both(workload, (cell) => rps(mean(cell.raw)))} | ${both(workload, (cell) => `×${ratio(cell, 'neo4j-graphql').toFixed(2)}`)} | ${both(workload, (cell) => `×${ratio(cell, 'raw').toFixed(2)}`)} | ${both(workload, (cell) => worstP99(cell.skillgraph).toFixed(0))} | ${both(workload, (cell) => worstP99(cell['neo4j-graphql']).toFixed(0))} | ${both(workload, (cell) => worstP99(cell.raw).toFixed(0))} |`,
    );
  }
  const peers = workloads.filter((w) => w.kind === 'peer');
  const cachedRatios: number[] = [];
  const withoutNotices = { peer: [] as number[], raw: [] as number[] };
  if (peers.length > 0) {
    const vs = (cell: Cell, server: ServerName, other: ServerName) => mean(cell[server]) / mean(cell[other]);
    console.log(
      '\n| without commit notices (a version read per request) | req/s (c=1 / c=16) | vs @neo4j/graphql | vs raw Cypher | p99 ms | with notices vs without |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const workload of peers) {
      for (const c of CONNECTIONS) {
        const cell = cells.get(`${workload.id}@${c}`) as Cell;
        withoutNotices.peer.push(vs(cell, 'without-notices', 'neo4j-graphql'));
        withoutNotices.raw.push(vs(cell, 'without-notices', 'raw'));
      }
      console.log(
        `| ${workload.id} | ${both(workload, (cell) => rps(mean(cell['without-notices'])))} | ${both(workload, (cell) => `×${vs(cell, 'without-notices', 'neo4j-graphql').toFixed(2)}`)} | ${both(workload, (cell) => `×${vs(cell, 'without-notices', 'raw').toFixed(2)}`)} | ${both(workload, (cell) => worstP99(cell['without-notices']).toFixed(0))} | ${both(workload, (cell) => `×${vs(cell, 'skillgraph', 'without-notices').toFixed(2)}`)} |`,
      );
    }
    console.log(
      '\n| repeated read (response cache on) | cached req/s (c=1 / c=16) | raw Cypher | cached vs raw | p99 ms cached |',
    );
    console.log('|---|---|---|---|---|');
    for (const workload of peers) {
      for (const c of CONNECTIONS) cachedRatios.push(vs(cells.get(`${workload.id}@${c}`) as Cell, 'cached', 'raw'));
      console.log(
        `| ${workload.id} | ${both(workload, (cell) => rps(mean(cell.cached)))} | ${both(workload, (cell) => rps(mean(cell.raw)))} | ${both(workload, (cell) => `×${vs(cell, 'cached', 'raw').toFixed(2)}`)} | ${both(workload, (cell) => worstP99(cell.cached).toFixed(0))} |`,
      );
    }
  }
  const traversals = workloads.filter((w) => w.kind === 'traversal');
  if (traversals.length > 0) {
    console.log(
      '\n| traversal (SkillGraph only) | SkillGraph req/s (c=1 / c=16) | p99 ms | raw Cypher req/s | p99 ms | vs raw Cypher |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const workload of traversals) {
      const hasRaw = Boolean(workload.asks.raw);
      const dash = '–';
      console.log(
        `| ${workload.title} | ${both(workload, (cell) => rps(mean(cell.skillgraph)))} | ${both(workload, (cell) => worstP99(cell.skillgraph).toFixed(0))} | ${hasRaw ? both(workload, (cell) => rps(mean(cell.raw))) : dash} | ${hasRaw ? both(workload, (cell) => worstP99(cell.raw).toFixed(0)) : dash} | ${hasRaw ? both(workload, (cell) => `×${ratio(cell, 'raw').toFixed(2)}`) : dash} |`,
      );
    }
  }
  if (otherNode) {
    console.log(
      `\n| workload | SkillGraph on Node ${process.versions.node} req/s (c=1 / c=16) | on Node ${otherNodeVersion} | Node ${otherNodeVersion} vs ${process.versions.node} | p99 ms on ${process.versions.node} | on ${otherNodeVersion} |`,
    );
    console.log('|---|---|---|---|---|---|');
    for (const workload of workloads) {
      console.log(
        `| ${workload.id} | ${both(workload, (cell) => rps(mean(cell.skillgraph)))} | ${both(workload, (cell) => rps(mean(cell[OTHER_NODE_SERVER])))} | ${both(workload, (cell) => `×${(mean(cell[OTHER_NODE_SERVER]) / mean(cell.skillgraph)).toFixed(2)}`)} | ${both(workload, (cell) => worstP99(cell.skillgraph).toFixed(0))} | ${both(workload, (cell) => worstP99(cell[OTHER_NODE_SERVER]).toFixed(0))} |`,
      );
    }
  }
  console.log(
    '\n(req/s: mean of the reps; p99: the worst rep. Identical data checked before and after the runs. ' +
      'SkillGraph as `npm start` runs it with LOG_LEVEL=warn, no response cache, rate limit raised; ' +
      'autocannon runs in this process, on the same cores.)',
  );
  if (goals.peer.length > 0) {
    const count = (values: boolean[]) => `${values.filter(Boolean).length}/${values.length}`;
    const held = goals.peer.every((r) => r >= 2) && goals.raw.every((r) => r >= 0.7) && goals.p99.every(Boolean);
    console.log(
      `\nGoals of issue 14 — ≥2× @neo4j/graphql: ${count(goals.peer.map((r) => r >= 2))} cells ` +
        `(lowest ×${Math.min(...goals.peer).toFixed(2)}); ≥0.7× raw Cypher: ${count(goals.raw.map((r) => r >= 0.7))} ` +
        `(lowest ×${Math.min(...goals.raw).toFixed(2)}); p99 no worse than the peer's: ${count(goals.p99)} — ` +
        `${held ? 'all hold' : 'not met'}. Repeated reads from the response cache ≥3× raw Cypher (never stale): ` +
        `${count(cachedRatios.map((r) => r >= 3))} (lowest ×${Math.min(...cachedRatios).toFixed(2)}). Without commit ` +
        `notices: ≥2× @neo4j/graphql ${count(withoutNotices.peer.map((r) => r >= 2))} (lowest ` +
        `×${Math.min(...withoutNotices.peer).toFixed(2)}), ≥0.7× raw ${count(withoutNotices.raw.map((r) => r >= 0.7))}.`,
    );
  }
}
