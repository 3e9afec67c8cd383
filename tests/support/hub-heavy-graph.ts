import type { Database } from '../../src/database/database.js';
import { bumpGraphVersion } from '../../src/queries/graph-version.js';
import type { MemoryNode, MemoryRelationship } from './reference-algorithms.js';
import type { SeededRandom } from './seeded-random.js';

export interface HubHeavySize {
  roles: number;
  skills: number;
  tools: number;
  /** REQUIRES relationships in all (on average this many divided by the roles per role). */
  requires: number;
  /** PREREQUISITE_OF and RELATED_TO relationships between skills. */
  skillLinks: number;
}

/** The size of an ESCO import: ~3k occupations, ~14k skills, ~124k requirements, ~6k skill–skill links. */
export const ESCO_SIZE: HubHeavySize = {
  roles: 3_000,
  skills: 14_000,
  tools: 300,
  requires: 124_000,
  skillLinks: 6_000,
};

export interface HubHeavyGraph {
  nodes: MemoryNode[];
  /** Ids are `rel-<n>`; REQUIRES carry importance and level. */
  relationships: (MemoryRelationship & { level?: number })[];
}

/**
 * A career graph shaped like an imported taxonomy: skill popularity follows a power law, so a few hub
 * skills are required by hundreds of roles and most pairs are joined by very many equally short paths.
 * Keys are random, so that the key order says nothing about the structure.
 */
export function hubHeavyGraph(random: SeededRandom, size: HubHeavySize): HubHeavyGraph {
  const keys = random.keys(size.roles + size.skills + size.tools, 8);
  const roles = keys.slice(0, size.roles).map((key) => `role-${key}`);
  const skills = keys.slice(size.roles, size.roles + size.skills).map((key) => `skill-${key}`);
  const tools = keys.slice(size.roles + size.skills).map((key) => `tool-${key}`);
  const nodes: MemoryNode[] = [
    ...roles.map((key) => ({ key, label: 'Role' })),
    ...skills.map((key) => ({ key, label: 'Skill', hours: random.pick([5, 10, 20, 40]) })),
    ...tools.map((key) => ({ key, label: 'Tool' })),
  ];
  const relationships: HubHeavyGraph['relationships'] = [];
  const relate = (type: string, from: string, to: string, extra: { importance?: string; level?: number } = {}) =>
    relationships.push({ id: `rel-${relationships.length}`, type, from, to, ...extra });

  // Zipf-like popularity: skill i is drawn with weight 1 / (i + 6).
  const weights = skills.map((_, i) => 1 / (i + 6));
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) {
    total += weight;
    cumulative.push(total);
  }
  const popularSkill = () => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return skills[low] as string;
  };
  const perRole = Math.round(size.requires / size.roles);
  for (const role of roles) {
    const required = new Set<string>();
    const count = random.int(Math.ceil(perRole / 2), Math.floor((perRole * 3) / 2));
    // 60% from the popular head, the rest uniformly from the long tail (ESCO occupations have specific skills too).
    while (required.size < count) required.add(random.chance(0.6) ? popularSkill() : random.pick(skills));
    for (const skill of required) {
      relate('REQUIRES', role, skill, {
        importance: random.chance(0.6) ? 'ESSENTIAL' : 'OPTIONAL',
        level: random.int(1, 5),
      });
    }
    for (let t = random.int(0, 3); t > 0; t--) relate('USES', role, random.pick(tools));
  }
  for (const tool of tools) for (let s = random.int(1, 6); s > 0; s--) relate('SUPPORTS', tool, popularSkill());
  for (let i = 0; i < size.skillLinks; i++) {
    const a = random.int(0, skills.length - 1);
    const b = random.int(0, skills.length - 1);
    if (a === b) continue;
    // Prerequisites go from lower to higher positions, so they form no cycle.
    if (random.chance(0.5))
      relate('PREREQUISITE_OF', skills[Math.min(a, b)] as string, skills[Math.max(a, b)] as string);
    else relate('RELATED_TO', ...([skills[a], skills[b]].sort() as [string, string]));
  }
  return { nodes: random.shuffle(nodes), relationships };
}

/**
 * Replaces the database's graph with this one, in batches of raw Cypher (the seed writer validates names,
 * aliases and descriptions a generated graph has no use for), and sets a new graph version.
 */
export async function writeHubHeavyGraph(database: Database, graph: HubHeavyGraph, batch = 10_000): Promise<void> {
  const options = { timeoutMs: 300_000, tag: 'bench-write' };
  for (;;) {
    const deleted = await database.write(async (tx) => {
      const result = await tx.run('MATCH (n:Entity) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS deleted');
      return result.records[0]?.get('deleted') as number;
    }, options);
    if (!deleted) break;
  }
  // Labels and relationship types cannot be parameters: one statement per label and per type.
  for (const label of ['Role', 'Skill', 'Tool']) {
    const nodes = graph.nodes.filter((node) => node.label === label);
    for (let i = 0; i < nodes.length; i += batch) {
      const rows = nodes.slice(i, i + batch).map((node) => ({ key: node.key, hours: node.hours ?? null }));
      await database.write(
        (tx) =>
          tx.run(
            `UNWIND $rows AS row
             CREATE (n:Entity:${label} {key: row.key, name: row.key, nameLower: toLower(row.key), aliases: [],
                                        description: 'Generated.', learningHours: row.hours})`,
            { rows },
          ),
        options,
      );
    }
  }
  for (const type of new Set(graph.relationships.map((r) => r.type))) {
    const relationships = graph.relationships.filter((r) => r.type === type);
    for (let i = 0; i < relationships.length; i += batch) {
      const rows = relationships.slice(i, i + batch).map((r) => ({
        from: r.from,
        to: r.to,
        importance: r.importance ?? null,
        level: r.level ?? null,
      }));
      await database.write(
        (tx) =>
          tx.run(
            `UNWIND $rows AS row
             MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
             CREATE (a)-[:${type} {importance: row.importance, level: row.level}]->(b)`,
            { rows },
          ),
        options,
      );
    }
  }
  await database.write(bumpGraphVersion);
}
