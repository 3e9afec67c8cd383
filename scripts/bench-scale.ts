/**
 * The service at the size of the real taxonomies: a fresh managed Neo4j (.neo4j/bench-scale, port
 * BENCH_NEO4J_PORT or 7796) gets the curated seed, then the service (built, as `npm start` runs it) starts
 * on it, then ESCO and O*NET are imported with `npm run import` while it serves. Prints the import times,
 * how long bridge skills take to be ready after the import and the slowest /health meanwhile, p50/p95 of
 * every traversal over random inputs with the same questions asked as raw Cypher in the same run, and the
 * service's peak RSS. Figures only. Needs ../shared/data. Run: npm run bench:scale
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import neo4jDriver from 'neo4j-driver';
import { seededRandom } from '../tests/support/seeded-random.js';
import { root, startTaxonomyBench, TAXONOMIES } from './taxonomy-bench.js';

const execFileAsync = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const SERVICE_PORT = Number(process.env.BENCH_SERVICE_PORT ?? 4796);
const { neo4j, env, driver } = await startTaxonomyBench('bench:scale', 'bench-scale', 7796);
const data = TAXONOMIES;
let service: ChildProcess | undefined;

try {
  await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/seed.ts'], { cwd: root, env });
  await execFileAsync('npm', ['run', 'build', '--silent'], { cwd: root, env });
  service = spawn(process.execPath, ['dist/main.js'], {
    cwd: root,
    // One client asks everything: the anonymous rate limit would stop it, as it would any one client.
    env: { ...env, PORT: String(SERVICE_PORT), SEED_ON_START: 'false', RATE_LIMIT_ANONYMOUS_POINTS: String(2 ** 31) },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${SERVICE_PORT}`;
  await waitFor(async () => (await fetch(`${base}/health`).catch(() => null))?.ok === true, 60_000);

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, read field by field below
    return (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  };
  // Warm the curated graph's caches, as a running service would have them.
  await gql('{ bridgeSkills(first: 1) { score } }');

  // Every 50 ms, /health, while the imports run and bridge skills are recomputed.
  const slowestHealth = { imports: 0, queries: 0 };
  let phase = 'imports' as keyof typeof slowestHealth | 'done';
  const healthWatch = (async () => {
    while (phase !== 'done') {
      const started = performance.now();
      await fetch(`${base}/health`).catch(() => null);
      slowestHealth[phase] = Math.max(slowestHealth[phase], performance.now() - started);
      await sleep(50);
    }
  })();

  const importTimes: string[] = [];
  for (const [source, dir] of [
    ['esco', join(data, 'esco-v1.1.1')],
    ['onet', join(data, 'onet-29.3')],
  ] as const) {
    const started = performance.now();
    const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', source, dir], {
      cwd: root,
      env,
      maxBuffer: 50_000_000,
    });
    const seconds = (performance.now() - started) / 1000;
    importTimes.push(
      `${source}: ${seconds.toFixed(1)} s in all (read ${stdout.match(/in ([\d.]+) s:/)?.[1]} s, ` +
        `write ${stdout.match(/written in ([\d.]+) s/)?.[1]} s, one transaction)`,
    );
  }
  const imported = performance.now();
  let bridge: { exact: boolean; errorBound: number } | undefined;
  while (!bridge) {
    const answer = await gql('{ bridgeSkills(first: 3) { score exact errorBound skill { name } } }');
    if (answer.data?.bridgeSkills) bridge = answer.data.bridgeSkills[0];
    else if (answer.errors?.[0]?.extensions?.code !== 'NOT_READY') throw new Error(JSON.stringify(answer.errors));
    else await sleep(1_000);
  }
  const bridgeReadyS = (performance.now() - imported) / 1000;
  const importPeakRssMb = peakRss(service.pid as number);
  phase = 'queries';

  const stats = (await gql('{ stats { roles skills tools relationships } }')).data.stats;
  const keys = await cypherRead<{ role: string; name: string; label: string }>(
    `MATCH (n:Entity) WHERE n.source IN ['esco', 'onet']
     RETURN n.key AS role, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'][0] AS label`,
  );
  const random = seededRandom(2_026);
  const roles = keys.filter((k) => k.label === 'Role' && k.role.startsWith('esco-'));

  const rows: [string, number[], number[] | null][] = [];
  const measure = async (
    name: string,
    runs: number,
    service: () => Promise<unknown>,
    cypher?: () => Promise<unknown>,
  ) => {
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = random.next();
      const started = performance.now();
      await withSeed(r, service);
      ours.push(performance.now() - started);
      if (cypher) {
        const cypherStarted = performance.now();
        await withSeed(r, cypher);
        raw.push(performance.now() - cypherStarted);
      }
    }
    rows.push([name, ours, cypher ? raw : null]);
  };
  // Both sides of a row get the same random input: `pick` reads the row's seed.
  let current = seededRandom(1);
  const withSeed = (seed: number, work: () => Promise<unknown>) => {
    current = seededRandom(Math.floor(seed * 2 ** 31));
    return work();
  };
  const pickNode = () => current.pick(keys).role;
  const pickRole = () => current.pick(roles).role;
  const pickName = () => current.pick(keys).name;
  const pickRoleName = () => current.pick(roles).name;

  const ok = async (query: string, variables: Record<string, unknown>) => {
    const answer = await gql(query, variables);
    if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors[0])}`);
    return answer.data;
  };
  const pathQuery = `query($from: String!, $to: String!, $k: Int!) {
    shortestPaths(from: $from, to: $to, k: $k) { length nodes { key } steps { relation } } }`;
  await measure(
    'shortestPath',
    RUNS,
    () =>
      ok('query($from: String!, $to: String!) { shortestPath(from: $from, to: $to) { length nodes { key } } }', {
        from: pickNode(),
        to: pickNode(),
      }),
    () =>
      cypherRead(
        `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
         MATCH p = shortestPath((a)-[*..8]-(b)) RETURN [n IN nodes(p) | n.key] AS keys`,
        { from: pickNode(), to: pickNode() },
      ),
  );
  for (const k of [3, 10, 20]) {
    await measure(
      `shortestPaths k=${k}`,
      RUNS,
      () => ok(pathQuery, { from: pickNode(), to: pickNode(), k }),
      () =>
        cypherRead(
          `MATCH p = SHORTEST ${k} (a:Entity {key: $from})-[*1..8]-(b:Entity {key: $to})
           RETURN [n IN nodes(p) | n.key] AS keys`,
          { from: pickNode(), to: pickNode() },
        ),
    );
  }
  await measure('careerPath', RUNS, () =>
    ok('query($from: String!, $to: String!) { careerPath(from: $from, to: $to) { totalHours steps { to { key } } } }', {
      from: pickRole(),
      to: pickRole(),
    }),
  );
  await measure(
    'skillGap',
    RUNS,
    () =>
      ok(
        `query($from: String!, $to: String!) {
          skillGap(from: { role: $from }, to: $to) { hoursToClose missingEssential { key } } }`,
        { from: pickRole(), to: pickRole() },
      ),
    () =>
      cypherRead(
        `MATCH (a:Role {key: $from}), (b:Role {key: $to})
         WITH a, b, COLLECT { MATCH (a)-[:REQUIRES {importance: 'ESSENTIAL'}]->(s)
                              OPTIONAL MATCH (p)-[:PREREQUISITE_OF*]->(s) UNWIND [s, p] AS x
                              WITH x WHERE x IS NOT NULL RETURN DISTINCT x } AS have
         MATCH (b)-[:REQUIRES {importance: 'ESSENTIAL'}]->(s) WHERE NOT s IN have
         RETURN collect(s.key) AS missing, sum(s.learningHours) AS hours`,
        { from: pickRole(), to: pickRole() },
      ),
  );
  await measure('learningPlan', RUNS, () =>
    ok(
      `query($from: String!, $to: String!) {
        learningPlan(from: { role: $from }, to: $to) { totalHours steps { skill { key } } } }`,
      { from: pickRole(), to: pickRole() },
    ),
  );
  const fifty = () => Array.from({ length: 50 }, () => pickRole());
  await measure(
    'overlapMatrix(50)',
    10,
    () => ok('query($roles: [String!]!) { overlapMatrix(roles: $roles) { jaccard } }', { roles: fifty() }),
    () =>
      cypherRead(
        `UNWIND $roles AS a UNWIND $roles AS b
         MATCH (ra:Role {key: a}), (rb:Role {key: b})
         WITH a, b, COLLECT { MATCH (ra)-[:REQUIRES]->(s) RETURN s } AS sa, COLLECT { MATCH (rb)-[:REQUIRES]->(s) RETURN s } AS sb
         RETURN a, b, size([s IN sa WHERE s IN sb]) AS shared, size(sa) + size(sb) AS sizes`,
        { roles: fifty() },
      ),
  );
  await measure(
    'search',
    RUNS,
    () =>
      ok('query($text: String!) { search(text: $text, first: 10) { score node { key } } }', {
        text: pickName().split(/\s+/)[0] ?? 'data',
      }),
    () =>
      cypherRead(
        `CALL db.index.fulltext.queryNodes('entity_search', $text) YIELD node, score
         RETURN node.key AS key, score LIMIT 10`,
        {
          text:
            pickName()
              .split(/\s+/)[0]
              ?.replace(/[^\p{L}\p{N}]/gu, '') || 'data',
        },
      ),
  );
  await measure(
    'role(name:)',
    RUNS,
    // An imported name may be ambiguous (ESCO's own quirk): AMBIGUOUS_REFERENCE is an answer too.
    () => gql('query($name: String!) { role(name: $name) { key name } }', { name: pickRoleName() }),
    () =>
      cypherRead('MATCH (n:Role) WHERE n.nameLower = toLower($name) RETURN n.key AS key, n.name AS name', {
        name: pickRoleName(),
      }),
  );

  phase = 'done';
  await healthWatch;
  const peakRssMb = peakRss(service.pid as number);
  const ms = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  };
  console.log(
    `\nSkillGraph at taxonomy scale — ${new Date().toISOString().slice(0, 10)}, ${process.platform}, 2 cores`,
  );
  console.log(
    `graph: ${stats.roles} roles, ${stats.skills} skills, ${stats.tools} tools, ${stats.relationships} relationships`,
  );
  for (const line of importTimes) console.log(`import ${line}`);
  console.log(
    `bridge skills ready ${bridgeReadyS.toFixed(1)} s after the imports (${bridge.exact ? 'exact' : `sampled, error bound ${bridge.errorBound.toExponential(2)}`}); ` +
      `slowest /health meanwhile ${slowestHealth.imports.toFixed(0)} ms`,
  );
  console.log(`slowest /health while the questions below ran: ${slowestHealth.queries.toFixed(0)} ms`);
  console.log(`service peak RSS ${peakRssMb} MB (${importPeakRssMb} MB by the time bridge skills were ready)\n`);
  console.log(
    `${'question'.padEnd(20)} ${'service p50'.padStart(12)} ${'p95'.padStart(8)} ${'Cypher p50'.padStart(11)} ${'p95'.padStart(8)}  p50 ratio`,
  );
  for (const [name, ours, raw] of rows) {
    const p50 = ms(ours, 0.5);
    const rawP50 = raw ? ms(raw, 0.5) : Number.NaN;
    console.log(
      `${name.padEnd(20)} ${p50.toFixed(1).padStart(12)} ${ms(ours, 0.95).toFixed(1).padStart(8)} ${
        raw ? rawP50.toFixed(1).padStart(11) : '–'.padStart(11)
      } ${raw ? ms(raw, 0.95).toFixed(1).padStart(8) : '–'.padStart(8)}  ${raw ? `${(p50 / rawP50).toFixed(1)}×` : '–'}`,
    );
  }
  console.log(
    `\n(${RUNS} random inputs a row, 10 for overlapMatrix; service figures are whole HTTP requests; Cypher is ` +
      'one query on the driver. Cypher SHORTEST k returns neither simple paths nor our order, shortestPath one ' +
      'arbitrary path: they are lower bounds.)',
  );
} finally {
  service?.kill('SIGTERM');
  await driver.close();
  await neo4j.stop();
}

async function cypherRead<T>(query: string, parameters: Record<string, unknown> = {}): Promise<T[]> {
  const session = driver.session({ defaultAccessMode: neo4jDriver.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(query, parameters));
    return result.records.map((record) => record.toObject() as T);
  } finally {
    await session.close();
  }
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(250);
  }
}
