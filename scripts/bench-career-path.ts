/**
 * How careerPath scales: synthetic career graphs of growing size (roles share skills in clusters, like
 * real occupations), timing the in-memory search for random role pairs. Run: npm run bench:career
 */
import { buildCareerIndex, type CareerGraph, findCareerPath } from '../src/analysis/career-path.js';
import type { SkillFacts } from '../src/analysis/skill-closure.js';

function randomGenerator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

function syntheticGraph(roleCount: number, skillCount: number, seed = 42): CareerGraph {
  const random = randomGenerator(seed);
  const skills = new Map<string, SkillFacts>();
  for (let i = 0; i < skillCount; i++) {
    const prerequisites = new Set<string>();
    const clusterStart = i - (i % 200);
    for (let p = 0; p < Math.floor(random() * 3) && i > clusterStart; p++) {
      prerequisites.add(`s${Math.max(clusterStart, i - 1 - Math.floor(random() * 30))}`);
    }
    skills.set(`s${i}`, { hours: 5 + Math.floor(random() * 25), prerequisites: [...prerequisites] });
  }
  const roles = new Map<string, string[]>();
  const clusterSize = 200;
  for (let r = 0; r < roleCount; r++) {
    const cluster = Math.floor(random() * (skillCount / clusterSize));
    const essentials = new Set<string>();
    while (essentials.size < 12) essentials.add(`s${cluster * clusterSize + Math.floor(random() * clusterSize)}`);
    roles.set(`r${String(r).padStart(5, '0')}`, [...essentials]);
  }
  return { roles, skills };
}

const sizes = [
  [500, 5_000],
  [1_000, 10_000],
  [3_000, 14_000],
  [6_000, 14_000],
] as const;
const pairs = 10;

const maxStepHours = 600;
console.log(`careerPath search, maxStepHours ${maxStepHours}; the index is built once per graph version and cached`);
console.log('roles  skills  index ms  pairs  found  median ms  max ms  heap MB');
for (const [roleCount, skillCount] of sizes) {
  const graph = syntheticGraph(roleCount, skillCount);
  const buildStart = performance.now();
  const index = buildCareerIndex(graph);
  const buildMs = performance.now() - buildStart;
  const random = randomGenerator(7);
  const keys = [...graph.roles.keys()];
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < pairs; i++) {
    const from = keys[Math.floor(random() * keys.length)] as string;
    // Half the pairs share a cluster (a chain usually exists), half do not (the search exhausts the graph).
    const to =
      i % 2 === 0
        ? (keys[(keys.indexOf(from) + 1) % keys.length] as string)
        : (keys[Math.floor(random() * keys.length)] as string);
    const start = performance.now();
    if (findCareerPath(index, from, to, maxStepHours)) found++;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  console.log(
    [
      String(roleCount).padStart(5),
      String(skillCount).padStart(6),
      buildMs.toFixed(0).padStart(8),
      String(pairs).padStart(5),
      String(found).padStart(5),
      median.toFixed(1).padStart(9),
      (times.at(-1) ?? 0).toFixed(1).padStart(6),
      heap.toFixed(0).padStart(7),
    ].join('  '),
  );
}
