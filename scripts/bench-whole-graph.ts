/**
 * Whole-graph computations at the scale of the ESCO import, on a generated graph of that size (3,007
 * roles, 13,896 skills, about 124k REQUIRES, 6k PREREQUISITE_OF; hours 40 for a knowledge, 20 otherwise)
 * in a Neo4j of its own (.neo4j/bench-whole, port BENCH_NEO4J_PORT or 7894). Prints figures only:
 * bridge skills exact and sampled (with the bound), the largest event-loop delay meanwhile, careerPath
 * under the old default (300 h) and the new one, and peak RSS. Run: npm run bench:whole
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildCareerIndex, type CareerIndex, searchCareerPath } from '../src/analysis/career-path.js';
import { Database } from '../src/database/database.js';
import { migrateDatabase } from '../src/database/migrations.js';
import { BRIDGE_WORK_BUDGET, rankBridgeSkills } from '../src/domain/bridge-skills.js';
import { LocalNeo4j } from '../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../src/project-root.js';
import { loadRoleSkillGraph } from '../src/queries/bridge-queries.js';
import { loadCareerGraph } from '../src/queries/career-queries.js';
import { bumpGraphVersion } from '../src/queries/graph-version.js';
import { careerIndexThread } from '../src/workers/career-index-thread.js';

const ROLES = 3_007;
const SKILLS = 13_896;
const REQUIRES_PER_ROLE = 41;
const PREREQUISITES = 6_000;
const PAIRS = 50;

function randomGenerator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

/** Occupations require skills from a few clusters (sectors) plus popular cross-sector skills. */
function generateEscoSizeGraph(seed = 11) {
  const random = randomGenerator(seed);
  const skills = Array.from({ length: SKILLS }, (_, i) => ({
    key: `skill-${i}`,
    hours: random() < 0.35 ? 40 : 20,
  }));
  const roles = Array.from({ length: ROLES }, (_, i) => `role-${i}`);
  const clusterSize = 400;
  const requires: { role: string; skill: string; importance: string }[] = [];
  for (const role of roles) {
    const cluster = Math.floor(random() * (SKILLS / clusterSize));
    const chosen = new Set<number>();
    while (chosen.size < REQUIRES_PER_ROLE) {
      chosen.add(
        random() < 0.25
          ? Math.floor(random() ** 3 * SKILLS) // cross-sector: a few skills are very popular
          : Math.min(SKILLS - 1, cluster * clusterSize + Math.floor(random() * clusterSize)),
      );
    }
    for (const s of chosen) {
      requires.push({ role, skill: `skill-${s}`, importance: random() < 0.6 ? 'ESSENTIAL' : 'OPTIONAL' });
    }
  }
  // Sparse prerequisites, from a lower to a higher index (no cycles), mostly within a cluster.
  const prerequisites: { from: string; to: string }[] = [];
  while (prerequisites.length < PREREQUISITES) {
    const to = 1 + Math.floor(random() * (SKILLS - 1));
    const from = Math.max(0, to - 1 - Math.floor(random() * 50));
    prerequisites.push({ from: `skill-${from}`, to: `skill-${to}` });
  }
  return { roles, skills, requires, prerequisites };
}

async function writeGraph(database: Database, graph: ReturnType<typeof generateEscoSizeGraph>) {
  const batch = async (cypher: string, rows: unknown[]) => {
    for (let i = 0; i < rows.length; i += 10_000) {
      await database.write((tx) => tx.run(cypher, { rows: rows.slice(i, i + 10_000) }), { timeoutMs: 300_000 });
    }
  };
  await database.write((tx) => tx.run('MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n'), { timeoutMs: 300_000 });
  await batch(
    `UNWIND $rows AS key CREATE (:Entity:Role {key: key, name: key, nameLower: key, aliases: [], description: ''})`,
    graph.roles,
  );
  await batch(
    `UNWIND $rows AS row CREATE (:Entity:Skill {key: row.key, name: row.key, nameLower: row.key, aliases: [], description: '',
       learningHours: toInteger(row.hours)})`,
    graph.skills,
  );
  await batch(
    `UNWIND $rows AS row MATCH (r:Role {key: row.role}), (s:Skill {key: row.skill})
     CREATE (r)-[:REQUIRES {importance: row.importance}]->(s)`,
    graph.requires,
  );
  await batch(
    `UNWIND $rows AS row MATCH (a:Skill {key: row.from}), (b:Skill {key: row.to})
     MERGE (a)-[:PREREQUISITE_OF]->(b)`,
    graph.prerequisites,
  );
  await database.write(bumpGraphVersion);
}

/** Runs `work` while sampling the event loop's delay: the largest pause, in ms. */
async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; maxDelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  histogram.disable();
  return { value, ms, maxDelayMs: histogram.max / 1e6 };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const port = Number(process.env.BENCH_NEO4J_PORT ?? 7894);
  const password = 'skillgraph-bench';
  const neo4j = new LocalNeo4j({
    projectRoot: findProjectRoot(),
    instance: 'bench-whole',
    port,
    password,
    heapSize: '1g',
    pageCacheSize: '512m',
    log: (message) => console.log(`[bench neo4j] ${message}`),
  });
  const { alreadyRunning } = await neo4j.start();
  const database = Database.connect(neo4j.uri, { username: 'neo4j', password, database: 'neo4j' });
  try {
    await migrateDatabase(database, findProjectRoot());
    const graph = generateEscoSizeGraph();
    let started = performance.now();
    await writeGraph(database, graph);
    console.log(
      `graph: ${ROLES} roles, ${SKILLS} skills, ${graph.requires.length} REQUIRES, ${PREREQUISITES} PREREQUISITE_OF written in ${seconds(performance.now() - started)}`,
    );

    // What the event loop does idle on this machine now: other processes compete for its two cores too.
    const idle = await withLoopDelay(() => new Promise((resolve) => setTimeout(resolve, 3_000)));
    console.log(
      `load average ${loadavg()[0]?.toFixed(1)}; largest event-loop delay over 3 s idle: ${idle.maxDelayMs.toFixed(0)} ms`,
    );

    // Bridge skills as the service computes them after an import: read the graph, rank in a worker.
    const read = await withLoopDelay(() => loadRoleSkillGraph(database));
    const { version, value: roleSkills } = read.value;
    console.log(
      `\nbridge skills: graph read in ${seconds(read.ms)} (${roleSkills.nodes.length} nodes, ${roleSkills.edges.length} edges; largest event-loop delay ${read.maxDelayMs.toFixed(0)} ms)`,
    );
    const sampled = await withLoopDelay(() => rankBridgeSkills(roleSkills, version));
    const s = sampled.value;
    console.log(
      `  service budget (${BRIDGE_WORK_BUDGET.toExponential(0)} entries): ${s.exact ? 'exact' : `sampled, ${s.sampleCount} of ${s.nodeCount} sources`} in ${seconds(sampled.ms)}; ` +
        `ready ${seconds(read.ms + sampled.ms)} after the import; largest event-loop delay ${sampled.maxDelayMs.toFixed(0)} ms`,
    );
    const largestPossible = ((s.nodeCount - 1) * (s.nodeCount - 2)) / 2;
    console.log(
      `  stated bound: every score within ${s.errorBound.toExponential(3)} with probability ≥ ${1 - s.delta} ` +
        `(${((100 * s.errorBound) / largestPossible).toFixed(2)}% of the largest possible score ${largestPossible.toExponential(3)}; top score ${s.skills[0]?.score.toExponential(3)})`,
    );
    const exact = await withLoopDelay(() => rankBridgeSkills(roleSkills, version, Number.POSITIVE_INFINITY));
    const e = exact.value;
    const exactScore = new Map(e.skills.map((b) => [b.skill, b.score]));
    let worst = 0;
    for (const b of s.skills) worst = Math.max(worst, Math.abs(b.score - (exactScore.get(b.skill) ?? 0)));
    const top = (list: typeof s.skills, k: number) => new Set(list.slice(0, k).map((b) => b.skill));
    const exactTop10 = top(e.skills, 10);
    const shared10 = [...top(s.skills, 10)].filter((skill) => exactTop10.has(skill)).length;
    const exactTop50 = top(e.skills, 50);
    const shared50 = [...top(s.skills, 50)].filter((skill) => exactTop50.has(skill)).length;
    console.log(
      `  exact (every source): ${seconds(exact.ms)}; largest event-loop delay ${exact.maxDelayMs.toFixed(0)} ms\n` +
        `  sampled vs exact: largest error ${worst.toExponential(3)} (${((100 * worst) / s.errorBound).toFixed(1)}% of the bound); top 10 shared ${shared10}/10, top 50 shared ${shared50}/50`,
    );

    // The career index and careerPath.
    const careerRead = await loadCareerGraph(database);
    started = performance.now();
    const index: CareerIndex = buildCareerIndex(careerRead.value);
    const buildMs = performance.now() - started;
    const random = randomGenerator(5);
    const pairs = Array.from({ length: PAIRS }, () => [
      index.roles[Math.floor(random() * index.roles.length)] as string,
      index.roles[Math.floor(random() * index.roles.length)] as string,
    ]);
    const run = (limit: number | null) => {
      const times: number[] = [];
      let found = 0;
      let steps = 0;
      const limits: number[] = [];
      for (const [from, to] of pairs) {
        const t = performance.now();
        const search = searchCareerPath(index, from as string, to as string, limit);
        times.push(performance.now() - t);
        if (search.path) {
          found++;
          steps += search.path.steps.length;
        }
        limits.push(search.stepLimitHours);
      }
      times.sort((a, b) => a - b);
      limits.sort((a, b) => a - b);
      return { times, found, steps, limits };
    };
    console.log(`\ncareer index: built in ${buildMs.toFixed(0)} ms on one thread (what used to block the event loop)`);
    for (const [label, limit] of [
      ['old default, maxStepHours 300', 300],
      ['new default, smallest feasible step', null],
    ] as const) {
      const r = run(limit);
      console.log(
        `  ${label}: found ${r.found}/${PAIRS} (${r.found ? (r.steps / r.found).toFixed(1) : 0} moves on average); search p50 ${percentile(r.times, 0.5).toFixed(0)} ms, p95 ${percentile(r.times, 0.95).toFixed(0)} ms, max ${(r.times.at(-1) ?? 0).toFixed(0)} ms` +
          (limit === null
            ? `; step limit used p50 ${percentile(r.limits, 0.5)} h, p95 ${percentile(r.limits, 0.95)} h`
            : ''),
      );
    }
    const viaWorker = await withLoopDelay(async () => {
      const handle = await careerIndexThread.load(careerRead.version, careerRead.value);
      const times: number[] = [];
      for (const [from, to] of pairs) {
        const t = performance.now();
        await handle.call('searchCareerPath', from as string, to as string, null);
        times.push(performance.now() - t);
      }
      return { handle, times: times.sort((a, b) => a - b) };
    });
    console.log(
      `  through the career-index worker (index built there in ${viaWorker.value.handle.buildMs.toFixed(0)} ms): new default p50 ${percentile(viaWorker.value.times, 0.5).toFixed(0)} ms, p95 ${percentile(viaWorker.value.times, 0.95).toFixed(0)} ms round trip; largest event-loop delay ${viaWorker.maxDelayMs.toFixed(0)} ms`,
    );
    await careerIndexThread.stop();
    console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (main thread and workers)`);
  } finally {
    await database.close();
    if (!alreadyRunning && process.env.KEEP_BENCH_NEO4J !== '1') await neo4j.stop();
  }
}

await main();
