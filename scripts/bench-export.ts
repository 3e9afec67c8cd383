/**
 * The whole-graph exports at the size of the real taxonomies: a fresh managed Neo4j (.neo4j/bench-export,
 * port BENCH_NEO4J_PORT or 7797) gets the curated seed and the ESCO and O*NET imports, then the built
 * service (as `npm start` runs it) serves each export over HTTP, identity and brotli, to a client that
 * reads as fast as it can (the graph in four formats, and the analysts' overlap matrix, rankings, clusters
 * and gaps). Prints per export: time, bytes, the service's peak RSS (VmHWM) and the slowest
 * /health answered meanwhile; and, in the same run, the time to stream the same nodes and relationships
 * as raw Cypher on the driver (records decoded and serialised, nothing kept). Figures only. Needs
 * ../shared/data. Run: npm run bench:export
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import neo4jDriver from 'neo4j-driver';
import { root, startTaxonomyBench, TAXONOMIES } from './taxonomy-bench.js';

const execFileAsync = promisify(execFile);
const SERVICE_PORT = Number(process.env.BENCH_SERVICE_PORT ?? 4797);
const { neo4j, env, driver } = await startTaxonomyBench('bench:export', 'bench-export', 7797);
const data = TAXONOMIES;
let service: ChildProcess | undefined;

try {
  const cli = (...args: string[]) =>
    execFileAsync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, maxBuffer: 50_000_000 });
  await cli('src/cli/seed.ts');
  await cli('src/cli/import.ts', 'esco', join(data, 'esco-v1.1.1'));
  await cli('src/cli/import.ts', 'onet', join(data, 'onet-29.3'));
  await execFileAsync('npm', ['run', 'build', '--silent'], { cwd: root, env });
  service = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    // No precomputation, so that the figures are the exports' alone.
    env: { ...env, PORT: String(SERVICE_PORT), SEED_ON_START: 'false', GRAPH_WATCH_INTERVAL_MS: '0' },
    stdio: 'inherit',
  });
  const pid = service.pid as number;
  const base = `http://127.0.0.1:${SERVICE_PORT}`;
  await waitFor(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 60_000);
  console.log(`service RSS before the exports: peak ${peakRss(pid)} MB`);

  const rows: string[] = [];
  for (const path of [
    'graph.json',
    'nodes.csv',
    'relationships.csv',
    'graph.graphml',
    // the analysts' exports: ESCO's 3,007 occupations as one matrix, the rankings, the clusters, the gaps
    'overlap.csv?roles=all&source=esco',
    'skill-demand.csv',
    'tool-demand.csv',
    'role-clusters.csv',
    'gaps-to.csv?role=mlops-engineer',
  ]) {
    for (const encoding of ['identity', 'br']) {
      let slowestHealth = 0;
      let running = true;
      const watch = (async () => {
        while (running) {
          const started = performance.now();
          await fetch(`${base}/health`);
          slowestHealth = Math.max(slowestHealth, performance.now() - started);
          await sleep(50);
        }
      })();
      const started = performance.now();
      // node:http, not fetch, which would decompress: the bytes counted are the bytes sent.
      let { status, bytes, retryAfter } = await download(`${base}/export/${path}`, encoding);
      // A whole-graph result still being computed (the clusters, the career index) answers 503 NOT_READY.
      for (let tries = 0; status === 503 && tries < 20; tries++) {
        await sleep(retryAfter * 1000);
        ({ status, bytes, retryAfter } = await download(`${base}/export/${path}`, encoding));
      }
      const seconds = (performance.now() - started) / 1000;
      running = false;
      await watch;
      if (status !== 200) throw new Error(`${path}: ${status}`);
      rows.push(
        `${`${path} (${encoding})`.padEnd(44)} ${seconds.toFixed(1).padStart(6)} s ${(bytes / 1e6).toFixed(1).padStart(7)} MB ` +
          `${String(peakRss(pid)).padStart(9)} MB ${slowestHealth.toFixed(0).padStart(9)} ms`,
      );
    }
  }

  // The floor: the same records streamed from Neo4j and serialised, with nothing else done.
  const rawStarted = performance.now();
  let rawBytes = 0;
  for (const query of [
    'MATCH (n:Entity) RETURN n.key AS key, labels(n) AS labels, properties(n) AS properties',
    'MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.key AS from, b.key AS to, properties(r) AS properties',
  ]) {
    const session = driver.session({ defaultAccessMode: neo4jDriver.session.READ });
    try {
      await new Promise<void>((resolve, reject) => {
        session.run(query).subscribe({
          onNext: (record) => {
            rawBytes += JSON.stringify(record.toObject()).length + 2;
          },
          onCompleted: () => resolve(),
          onError: reject,
        });
      });
    } finally {
      await session.close();
    }
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  const counts = await driver.executeQuery(
    'RETURN COUNT { (:Entity) } AS nodes, COUNT { (:Entity)-[]->(:Entity) } AS relationships',
  );
  const record = counts.records[0];
  console.log(`\ngraph: ${record?.get('nodes')} nodes, ${record?.get('relationships')} relationships`);
  console.log(
    `${'export'.padEnd(44)} ${'time'.padStart(8)} ${'size'.padStart(10)} ${'peak RSS'.padStart(12)} ${'/health max'.padStart(12)}`,
  );
  for (const row of rows) console.log(row);
  console.log(
    `raw Cypher, the same nodes and relationships streamed and serialised: ${rawSeconds.toFixed(1)} s, ${(rawBytes / 1e6).toFixed(1)} MB`,
  );
} finally {
  service?.kill('SIGTERM');
  await driver.close();
  await neo4j.stop();
}

function download(url: string, encoding: string): Promise<{ status: number; bytes: number; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': encoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, bytes, retryAfter: Number(response.headers['retry-after'] ?? 1) }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

function peakRss(processId: number): number {
  const status = readFileSync(`/proc/${processId}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(250);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
