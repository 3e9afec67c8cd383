import type { Database, QueryRunner } from '../database/database.js';
import { SeedError } from './seed-errors.js';
import type { CrosswalkEntry, Importance, RoleEntry, SeedFileText, SkillEntry, ToolEntry } from './seed-model.js';
import { readSeedRecord } from './seed-record.js';

/**
 * The curated graph as the seed files can hold it, lists in key order: which order and which file each
 * entry takes is the layout's business (render-seed-files.ts).
 */
export interface CuratedGraph {
  roles: RoleEntry[];
  /** `related` is empty here: which of two related skills lists the other is the layout's choice. */
  skills: SkillEntry[];
  tools: ToolEntry[];
  /** Each RELATED_TO between skills once, as `[smaller key, larger key]`. */
  relatedPairs: [string, string][];
  links: CrosswalkEntry[];
}

export interface CuratedGraphWithFiles {
  graph: CuratedGraph;
  /** The seed files as last seeded (see seed-record.ts). */
  files: SeedFileText[];
}

const CURATED = (n: string) => `coalesce(${n}.source, 'seed') = 'seed'`;

/**
 * The properties a curated node may have: those the seed writes (`nameLower` derived), and `updatedAt`,
 * which writes through the API set about themselves (the audit trail keeps who and when; files do not).
 */
const NODE_PROPERTIES: Record<string, readonly string[]> = {
  Role: ['key', 'name', 'aliases', 'description', 'source', 'nameLower', 'updatedAt'],
  Skill: ['key', 'name', 'aliases', 'description', 'category', 'learningHours', 'source', 'nameLower', 'updatedAt'],
  Tool: ['key', 'name', 'aliases', 'description', 'kind', 'source', 'nameLower', 'updatedAt'],
};

/** The relationships the seed writes between curated nodes, by type: the kinds of their ends and their properties. */
const RELATIONSHIPS: Record<string, { from: string; to: string; properties: readonly string[] }> = {
  REQUIRES: { from: 'Role', to: 'Skill', properties: ['importance', 'level', 'source'] },
  USES: { from: 'Role', to: 'Tool', properties: ['source'] },
  SUPPORTS: { from: 'Tool', to: 'Skill', properties: ['source'] },
  PREREQUISITE_OF: { from: 'Skill', to: 'Skill', properties: ['source'] },
  RELATED_TO: { from: 'Skill', to: 'Skill', properties: ['source'] },
};

/**
 * Reads every curated Role, Skill and Tool, the relationships between them, the crosswalk and the seed
 * files as recorded, in one read transaction (one consistent graph). Throws a SeedError naming what the
 * seed files could not hold (a property or relationship the seed does not have), rather than drop it.
 */
export async function readCuratedGraph(database: Database): Promise<CuratedGraphWithFiles> {
  return database.read(readInTransaction, { tag: 'seed-export' });
}

async function readInTransaction(tx: QueryRunner): Promise<CuratedGraphWithFiles> {
  const nodes = await tx.run(
    `MATCH (n:Entity) WHERE ${CURATED('n')}
     RETURN n.key AS key, [label IN labels(n) WHERE label <> 'Entity'] AS labels, properties(n) AS properties
     ORDER BY key`,
  );
  const relationships = await tx.run(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE ${CURATED('a')} AND ${CURATED('b')}
     RETURN a.key AS from, type(r) AS type, b.key AS to, properties(r) AS properties
     ORDER BY from, type, to`,
  );
  const record = await readSeedRecord(tx);

  const unsupported: string[] = [];
  const kindOf = new Map<string, string>();
  const roles = new Map<string, RoleEntry>();
  const skills = new Map<string, SkillEntry>();
  const tools = new Map<string, ToolEntry>();
  for (const row of nodes.records) {
    const key: string = row.get('key');
    const labels: string[] = row.get('labels');
    const properties: Record<string, unknown> = row.get('properties');
    const [kind, ...more] = labels;
    const allowed = kind === undefined ? undefined : NODE_PROPERTIES[kind];
    if (!allowed || more.length > 0) {
      unsupported.push(`${key}: a node labelled ${labels.join(':')}; seed files hold roles, skills and tools`);
      continue;
    }
    kindOf.set(key, kind as string);
    const extra = Object.keys(properties).filter((name) => !allowed.includes(name));
    if (extra.length > 0) unsupported.push(`${kind} ${key}: properties the seed does not have: ${extra.join(', ')}`);
    const common = {
      key,
      name: properties.name as string,
      aliases: (properties.aliases as string[] | null) ?? [],
      description: properties.description as string,
    };
    if (kind === 'Role') roles.set(key, { ...common, skills: [], tools: [] });
    if (kind === 'Skill') {
      skills.set(key, {
        ...common,
        category: properties.category as string,
        learningHours: properties.learningHours as number,
        prerequisites: [],
        related: [],
      });
    }
    if (kind === 'Tool') tools.set(key, { ...common, kind: properties.kind as string, supports: [] });
  }

  const relatedPairs: [string, string][] = [];
  for (const row of relationships.records) {
    const from: string = row.get('from');
    const to: string = row.get('to');
    const type: string = row.get('type');
    const properties: Record<string, unknown> = row.get('properties');
    const expected = RELATIONSHIPS[type];
    if (!expected || kindOf.get(from) !== expected.from || kindOf.get(to) !== expected.to) {
      unsupported.push(`${from} -[:${type}]-> ${to}: a relationship the seed does not have`);
      continue;
    }
    const extra = Object.keys(properties).filter((name) => !expected.properties.includes(name));
    if (extra.length > 0) {
      unsupported.push(`${from} -[:${type}]-> ${to}: properties the seed does not have: ${extra.join(', ')}`);
    }
    if (type === 'REQUIRES') {
      roles.get(from)?.skills.push({
        skill: to,
        importance: properties.importance as Importance,
        level: properties.level as number,
      });
    } else if (type === 'USES') {
      roles.get(from)?.tools.push(to);
    } else if (type === 'SUPPORTS') {
      tools.get(from)?.supports.push(to);
    } else if (type === 'PREREQUISITE_OF') {
      skills.get(to)?.prerequisites.push(from);
    } else {
      relatedPairs.push([from, to].sort() as [string, string]);
    }
  }
  if (unsupported.length > 0) {
    throw new SeedError(
      `The graph has ${unsupported.length} thing${unsupported.length === 1 ? '' : 's'} seed files cannot hold; ` +
        `nothing was written:\n${unsupported.map((line) => `  ${line}`).join('\n')}`,
    );
  }
  for (const role of roles.values()) role.skills.sort((a, b) => compareKeys(a.skill, b.skill));
  // A pair stored in both directions is one relationship to the seed.
  const pairs = [...new Map(relatedPairs.map((pair) => [pair.join('|'), pair])).values()];
  return {
    graph: {
      roles: [...roles.values()],
      skills: [...skills.values()],
      tools: [...tools.values()],
      relatedPairs: pairs.sort((a, b) => compareKeys(a.join('|'), b.join('|'))),
      links: record.links.filter((link) => kindOf.has(link.key)),
    },
    files: record.files,
  };
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
