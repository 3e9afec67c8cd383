/**
 * Fault drill: runs SkillGraph against a Neo4j of its own under a small loopback load and breaks things.
 *
 *  1. stall:    SIGSTOP the Neo4j JVM for 15 s, then SIGCONT;
 *  2. kill:     SIGKILL the JVM, then start it again;
 *  3. lockout:  a few wrong-password logins lock the `neo4j` user, as anyone who reaches Bolt can do;
 *  4. SIGTERM:  stop the service while slow requests are in flight on kept-alive connections.
 *
 * It prints, for each, the time to the first DATABASE_UNAVAILABLE, the time to recover, the slowest
 * answer, masked errors and lost requests, and exits 1 when a target is missed. Everything it starts
 * (the Neo4j in .neo4j/faults on port 7693, the service) is stopped by pid, also on failure or Ctrl+C.
 *
 * Run: npm run test:faults   (FAULTS_NEO4J_PORT changes the Bolt port)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { tryBoltLogin } from '../src/database/database.js';
import { LocalNeo4j } from '../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../src/project-root.js';

const projectRoot = findProjectRoot();
const NEO4J_PORT = Number(process.env.FAULTS_NEO4J_PORT ?? 7693);
const PASSWORD = 'skillgraph-faults';
const CLIENTS = 4;
/** Each load client waits this long between two requests: a small load, for a shared 2-core machine. */
const PAUSE_MS = 100;
const STALL_MS = 15_000;
const SHUTDOWN_TIMEOUT_MS = 10_000;
/** A request that has not been answered after this long counts as hung. */
const REQUEST_TIMEOUT_MS = 30_000;

const TARGETS = {
  /** A stalled or dead Neo4j shows as DATABASE_UNAVAILABLE within this. */
  firstUnavailableMs: 6_000,
  /** No request waits longer than this while Neo4j is faulty. */
  slowestMs: 8_000,
  /** Once Neo4j answers again, requests succeed within this. */
  recoverMs: 10_000,
  /** /ready answers 503 within this once Neo4j stalls or the user is locked. */
  readyDownMs: 3_000,
  /** A SIGTERM drain with requests in flight ends within this (SHUTDOWN_TIMEOUT_MS is 10 s). */
  drainMs: 5_000,
};

const QUERIES = [
  '{ role(key: "data-scientist") { name skills(first: 5) { edges { node { name tools(first: 3) { edges { node { name } } } } } } } }',
  '{ roleOverlap(a: "data-scientist", b: "mlops-engineer") { jaccard sharedSkills { key } onlyA { key } } }',
  '{ skillGap(from: { role: "data-scientist" }, to: "mlops-engineer") { coverage missingEssential { key } } }',
  '{ search(text: "pytorch", first: 5) { score node { key } } }',
  '{ shortestPath(from: "prompt-engineer", to: "kubernetes") { length nodes { key } } }',
];
/** Slow-ish: k shortest paths take a round trip per path. */
const SLOW_QUERY =
  '{ shortestPaths(from: "ai-ethics-specialist", to: "kubernetes", k: 12, maxHops: 8) { length nodes { key } } }';

type Outcome = 'ok' | 'unavailable' | 'limit' | 'masked' | 'other' | 'refused' | 'lost' | 'hung';

interface Sample {
  start: number;
  end: number;
  outcome: Outcome;
  detail?: string;
  connectionClose?: boolean;
}

const t = () => performance.now();
const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------------------------------------------
// What was started, for the clean-up.

let localNeo4j: LocalNeo4j | undefined;
let stoppedJvm: number | undefined;
let service: ChildProcess | undefined;
let serviceOutput: string[] = [];

async function cleanUp(): Promise<void> {
  if (stoppedJvm !== undefined) {
    try {
      process.kill(stoppedJvm, 'SIGCONT');
    } catch {}
    stoppedJvm = undefined;
  }
  if (service?.pid !== undefined && service.exitCode === null && service.signalCode === null) {
    const exited = once(service, 'exit');
    try {
      process.kill(service.pid, 'SIGKILL');
    } catch {}
    await Promise.race([exited, sleep(5_000)]);
  }
  if (localNeo4j) {
    await localNeo4j.stop().catch((error: unknown) => console.error(`could not stop the drill's Neo4j: ${error}`));
    localNeo4j = undefined;
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------------
// HTTP.

let baseUrl = '';
let port = 0;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return free;
}

/** POSTs a query; `trickleMs` sends the body in two parts that far apart, so the request stays in flight. */
function post(query: string, agent: Agent, trickleMs = 0): Promise<Sample> {
  const body = JSON.stringify({ query });
  const start = t();
  return new Promise((resolve) => {
    let done = false;
    const finish = (sample: Omit<Sample, 'start' | 'end'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ start, end: t(), ...sample });
    };
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('error', () => finish({ outcome: 'lost', detail: 'response cut' }));
        res.on('end', () => {
          const connectionClose = res.headers.connection === 'close';
          try {
            finish({ ...classify(JSON.parse(text)), connectionClose });
          } catch {
            finish({ outcome: 'other', detail: `HTTP ${res.statusCode}: ${text.slice(0, 80)}`, connectionClose });
          }
        });
      },
    );
    const timer = setTimeout(() => {
      finish({ outcome: 'hung' });
      req.destroy();
    }, REQUEST_TIMEOUT_MS);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish(error.code === 'ECONNREFUSED' ? { outcome: 'refused' } : { outcome: 'lost', detail: error.code }),
    );
    if (trickleMs > 0) {
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), trickleMs);
    } else {
      req.end(body);
    }
  });
}

function classify(body: {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}): Omit<Sample, 'start' | 'end'> {
  if (!body.errors?.length) return { outcome: 'ok' };
  const codes = body.errors.map((error) => error.extensions?.code ?? 'none');
  if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('none')) {
    return { outcome: 'masked', detail: body.errors[0]?.message };
  }
  if (codes.every((code) => code === 'DATABASE_UNAVAILABLE')) return { outcome: 'unavailable' };
  if (codes.every((code) => code === 'LIMIT_EXCEEDED')) return { outcome: 'limit', detail: body.errors[0]?.message };
  return { outcome: 'other', detail: codes.join(',') };
}

async function readyStatus(): Promise<number> {
  try {
    const response = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/** Polls /ready every 200 ms while running; remembers when it first answered 503 and 200 after that. */
function watchReady(since: number) {
  let running = true;
  const seen: { down?: number; upAgain?: number } = {};
  const watching = (async () => {
    while (running) {
      const status = await readyStatus();
      if (status !== 200 && seen.down === undefined) seen.down = t() - since;
      if (status === 200 && seen.down !== undefined && seen.upAgain === undefined) seen.upAgain = t() - since;
      await sleep(200);
    }
  })();
  return {
    seen,
    async stop() {
      running = false;
      await watching;
    },
  };
}

/** A few clients, each sending the queries in turn on its kept-alive connection, with a pause between. */
function startLoad({ stopWhenRefused = false } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const samples: Sample[] = [];
  let running = true;
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    for (let n = client; running; n++) {
      const sample = await post(QUERIES[n % QUERIES.length] as string, agent);
      samples.push(sample);
      if (stopWhenRefused && sample.outcome === 'refused') return;
      await sleep(PAUSE_MS);
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(clients);
      agent.destroy();
    },
  };
}

async function waitUntilServing(timeoutMs: number): Promise<void> {
  const agent = new Agent({ keepAlive: false });
  const deadline = t() + timeoutMs;
  while (t() < deadline) {
    if (service?.exitCode !== null) throw new Error(`the service exited:\n${serviceOutput.slice(-15).join('\n')}`);
    if ((await readyStatus()) === 200 && (await post(QUERIES[0] as string, agent)).outcome === 'ok') return;
    await sleep(250);
  }
  throw new Error(`the service did not serve within ${timeoutMs / 1000} s:\n${serviceOutput.slice(-15).join('\n')}`);
}

// ---------------------------------------------------------------------------------------------------
// Results.

interface Check {
  scenario: string;
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

const checks: Check[] = [];

function check(scenario: string, name: string, value: number | undefined, target: number, unit: 'ms' | 'count') {
  const shown = unit === 'ms' ? seconds(value) : String(value);
  const pass = value !== undefined && value <= target;
  checks.push({ scenario, name, value: shown, target: `≤ ${unit === 'ms' ? seconds(target) : target}`, pass });
}

function counts(samples: Sample[]): string {
  const by = new Map<Outcome, number>();
  for (const sample of samples) by.set(sample.outcome, (by.get(sample.outcome) ?? 0) + 1);
  return [...by].map(([outcome, n]) => `${outcome} ${n}`).join(', ');
}

function report(line: string): void {
  console.log(`${line}\n`);
}

/** Outcomes of the samples answered from `from` on, the slowest of those started before `to`. */
function faultWindow(samples: Sample[], from: number, to: number) {
  const during = samples.filter((s) => s.end >= from && s.start <= to);
  const firstUnavailable = samples
    .filter((s) => s.outcome === 'unavailable' && s.end >= from)
    .reduce((min, s) => Math.min(min, s.end - from), Number.POSITIVE_INFINITY);
  return {
    during,
    firstUnavailable: Number.isFinite(firstUnavailable) ? firstUnavailable : undefined,
    slowest: during.reduce((max, s) => Math.max(max, s.end - s.start), 0),
    masked: samples.filter((s) => s.outcome === 'masked' || s.outcome === 'other').length,
    hung: samples.filter((s) => s.outcome === 'hung' || s.outcome === 'lost').length,
  };
}

/** Time from `from` until a request started after it succeeds. */
function recoveredAfter(samples: Sample[], from: number): number | undefined {
  const first = samples.filter((s) => s.outcome === 'ok' && s.start >= from).sort((a, b) => a.end - b.end)[0];
  return first ? first.end - from : undefined;
}

async function waitForRecovery(samples: Sample[], from: number, timeoutMs = 30_000): Promise<void> {
  const deadline = t() + timeoutMs;
  while (recoveredAfter(samples, from) === undefined && t() < deadline) await sleep(100);
}

// ---------------------------------------------------------------------------------------------------
// Scenarios.

async function jvmPid(): Promise<number> {
  const status = await localNeo4j?.status();
  if (!status?.running) throw new Error('the drill’s Neo4j is not running');
  return status.pid;
}

async function stall(): Promise<void> {
  const load = startLoad();
  await sleep(3_000);
  const pid = await jvmPid();
  const stopped = t();
  process.kill(pid, 'SIGSTOP');
  stoppedJvm = pid;
  const ready = watchReady(stopped);
  await sleep(STALL_MS);
  const resumed = t();
  process.kill(pid, 'SIGCONT');
  stoppedJvm = undefined;
  await waitForRecovery(load.samples, resumed);
  await sleep(2_000);
  await ready.stop();
  await load.stop();

  const w = faultWindow(load.samples, stopped, resumed);
  const recovered = recoveredAfter(load.samples, resumed);
  report(
    `stall   SIGSTOP of the JVM for ${STALL_MS / 1000} s: first DATABASE_UNAVAILABLE after ${seconds(w.firstUnavailable)}, ` +
      `/ready 503 after ${seconds(ready.seen.down)}; slowest answer during the stall ${seconds(w.slowest)}; ` +
      `recovered ${seconds(recovered)} after SIGCONT; masked errors ${w.masked}, hung or lost ${w.hung} ` +
      `(requests: ${counts(load.samples)})`,
  );
  checkFaultWindow('stall', w, [
    ['/ready 503', ready.seen.down, TARGETS.readyDownMs],
    ['recovered after SIGCONT', recovered, TARGETS.recoverMs],
  ]);
}

/** The targets of a fault: DATABASE_UNAVAILABLE soon, no answer slow, nothing masked or lost; `timings` in ms. */
function checkFaultWindow(
  scenario: string,
  w: ReturnType<typeof faultWindow>,
  timings: [name: string, ms: number | undefined, targetMs: number][],
): void {
  check(scenario, 'first DATABASE_UNAVAILABLE', w.firstUnavailable, TARGETS.firstUnavailableMs, 'ms');
  check(scenario, 'slowest answer', w.slowest, TARGETS.slowestMs, 'ms');
  for (const [name, ms, targetMs] of timings) check(scenario, name, ms, targetMs, 'ms');
  check(scenario, 'masked errors', w.masked, 0, 'count');
  check(scenario, 'hung or lost requests', w.hung, 0, 'count');
}

async function kill(): Promise<void> {
  const load = startLoad();
  await sleep(3_000);
  const pid = await jvmPid();
  const killed = t();
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  await sleep(3_000);
  const restarting = t();
  await localNeo4j?.start();
  const back = t();
  await waitForRecovery(load.samples, back);
  await sleep(2_000);
  await load.stop();

  const w = faultWindow(load.samples, killed, back);
  const recovered = recoveredAfter(load.samples, back);
  report(
    `kill    SIGKILL of the JVM, restarted after 3 s (Neo4j took ${seconds(back - restarting)} to answer again): ` +
      `first DATABASE_UNAVAILABLE after ${seconds(w.firstUnavailable)}; slowest answer while down ${seconds(w.slowest)}; ` +
      `recovered ${seconds(recovered)} after Neo4j answered; masked errors ${w.masked}, hung or lost ${w.hung} ` +
      `(requests: ${counts(load.samples)})`,
  );
  checkFaultWindow('kill', w, [['recovered after restart', recovered, TARGETS.recoverMs]]);
}

async function lockout(): Promise<void> {
  const load = startLoad();
  await sleep(3_000);
  const locked = t();
  let attempts = 0;
  for (; attempts < 4; attempts++) {
    await tryBoltLogin(`bolt://127.0.0.1:${NEO4J_PORT}`, { username: 'neo4j', password: 'a-wrong-password' });
  }
  const ready = watchReady(locked);
  // More requests at once than the service has connections: the extra ones need a login.
  const burstAgent = new Agent({ keepAlive: false });
  const burst = await Promise.all(Array.from({ length: 16 }, () => post(SLOW_QUERY, burstAgent)));
  // Neo4j unlocks the user 5 s after the last failed login; the service notices by itself.
  const deadline = t() + 20_000;
  while (ready.seen.upAgain === undefined && t() < deadline) await sleep(100);
  await sleep(1_000);
  await ready.stop();
  await load.stop();

  const all = [...load.samples, ...burst];
  const w = faultWindow(all, locked, locked + 5_000);
  const unavailableAnswers = burst.filter((s) => s.outcome === 'unavailable');
  const firstUnavailable = unavailableAnswers.reduce(
    (min, s) => Math.min(min, s.end - s.start),
    Number.POSITIVE_INFINITY,
  );
  report(
    `lockout ${attempts} wrong-password logins for neo4j (Neo4j locks the user for 5 s): /ready 503 after ` +
      `${seconds(ready.seen.down)}, 200 again after ${seconds(ready.seen.upAgain)}; burst of 16 during the lock: ` +
      `${counts(burst)}, DATABASE_UNAVAILABLE after ${seconds(Number.isFinite(firstUnavailable) ? firstUnavailable : undefined)}; ` +
      `slowest answer ${seconds(w.slowest)}; masked errors ${w.masked}, hung or lost ${w.hung} ` +
      `(load: ${counts(load.samples)})`,
  );
  check('lockout', '/ready 503', ready.seen.down, TARGETS.readyDownMs, 'ms');
  check('lockout', '/ready 200 again (recovered)', ready.seen.upAgain, TARGETS.recoverMs, 'ms');
  check('lockout', 'slowest answer', w.slowest, TARGETS.slowestMs, 'ms');
  check('lockout', 'masked errors', w.masked, 0, 'count');
  check('lockout', 'hung or lost requests', w.hung, 0, 'count');
}

async function sigterm(): Promise<void> {
  const load = startLoad({ stopWhenRefused: true });
  // Slow requests on kept-alive connections: bodies that take 1.5 s to arrive, and slow queries.
  const slowAgent = new Agent({ keepAlive: true, maxSockets: 4 });
  const slow: Sample[] = [];
  let terminating = false;
  const slowClients = Array.from({ length: 4 }, async (_, client) => {
    for (;;) {
      const sample = await (client % 2 === 0
        ? post(QUERIES[0] as string, slowAgent, 1_500)
        : post(SLOW_QUERY, slowAgent));
      slow.push(sample);
      if (sample.outcome !== 'ok' || terminating) return;
    }
  });
  await sleep(2_500);
  const child = service as ChildProcess;
  const exited = once(child, 'exit');
  terminating = true;
  const term = t();
  child.kill('SIGTERM');
  const [code] = await exited;
  const drained = t() - term;
  await Promise.all(slowClients);
  await load.stop();
  slowAgent.destroy();

  const all = [...load.samples, ...slow];
  const inFlight = all.filter((s) => s.start < term && s.end > term);
  const lost = inFlight.filter((s) => s.outcome !== 'ok');
  const afterTerm = all.filter((s) => s.start >= term);
  const masked = all.filter((s) => s.outcome === 'masked' || s.outcome === 'other').length;
  report(
    `SIGTERM under load with ${inFlight.length} requests in flight (${slow.filter((s) => s.start < term && s.end > term).length} slow): ` +
      `drained and exited (code ${code}) after ${seconds(drained)}; in-flight requests lost ${lost.length}; ` +
      `answered with Connection: close ${inFlight.filter((s) => s.connectionClose).length}; ` +
      `requests sent after SIGTERM: ${counts(afterTerm) || 'none'}; masked errors ${masked}`,
  );
  check('SIGTERM', 'in-flight requests lost', lost.length, 0, 'count');
  check('SIGTERM', 'drain time', drained, TARGETS.drainMs, 'ms');
  check('SIGTERM', 'exit code', Number(code), 0, 'count');
  check('SIGTERM', 'masked errors', masked, 0, 'count');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const began = t();
  console.log(`SkillGraph fault drill — ${new Date().toISOString()}, Node ${process.versions.node}`);
  localNeo4j = new LocalNeo4j({
    projectRoot,
    instance: 'faults',
    port: NEO4J_PORT,
    password: PASSWORD,
    heapSize: '512m',
    pageCacheSize: '128m',
    log: (message) => console.log(`  [neo4j] ${message}`),
  });
  await localNeo4j.start();

  port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  service = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NEO4J_URI: localNeo4j.uri,
      NEO4J_USERNAME: 'neo4j',
      NEO4J_PASSWORD: PASSWORD,
      NEO4J_DATABASE: 'neo4j',
      SEED_ON_START: 'true',
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      LOG_LEVEL: 'warn',
      // The drill is one loopback client sending thousands of requests: the faults under test are Neo4j's,
      // so its budget is lifted, or 429 RATE_LIMITED answers would be counted as unexplained errors.
      RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    serviceOutput.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    serviceOutput = serviceOutput.slice(-200);
  };
  service.stdout?.on('data', keep);
  service.stderr?.on('data', keep);
  await waitUntilServing(120_000);
  console.log(
    `  service pid ${service.pid} on ${baseUrl}, Neo4j on ${localNeo4j.uri}; ${CLIENTS} load clients, ${PAUSE_MS} ms apart\n`,
  );

  await stall();
  await waitUntilServing(30_000);
  await kill();
  await waitUntilServing(30_000);
  await lockout();
  await waitUntilServing(30_000);
  await sigterm();

  console.log('');
  const width = Math.max(...checks.map((c) => `${c.scenario}: ${c.name}`.length));
  for (const c of checks) {
    console.log(
      `${c.pass ? 'PASS' : 'FAIL'}  ${`${c.scenario}: ${c.name}`.padEnd(width)}  ${c.value.padStart(8)}  (${c.target})`,
    );
  }
  const failed = checks.filter((c) => !c.pass);
  console.log(
    `\n${failed.length === 0 ? 'All targets met' : `${failed.length} target(s) missed`} in ${seconds(t() - began)}.`,
  );
  if (failed.length > 0) {
    console.log(`Last lines of the service's log:\n${serviceOutput.slice(-10).join('\n')}`);
    process.exitCode = 1;
  }
  console.log(`faults: ${checks.length - failed.length} passed, ${failed.length} failed`);
}

main()
  .catch((error: unknown) => {
    console.error(`\nThe fault drill failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
  });
