import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../database/database.js';
import { bumpGraphVersion } from '../graph/graph-version.js';
import type { SeedGraph } from './seed-model.js';

export interface NodeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface RelationshipCounts {
  created: number;
  updated: number;
  removed: number;
}

export type RelationshipType = 'REQUIRES' | 'USES' | 'SUPPORTS' | 'PREREQUISITE_OF' | 'RELATED_TO';

export interface SeedReport {
  reset: { deletedNodes: number } | null;
  nodes: Record<'Role' | 'Skill' | 'Tool', NodeCounts>;
  relationships: Record<RelationshipType, RelationshipCounts>;
}

interface NodeRow {
  key: string;
  properties: Record<string, unknown>;
}

interface RelationshipRow {
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/**
 * Writes the seed in one write transaction, so a failure leaves the database as it was. Nodes and
 * relationships are MERGEd on their keys, so a second run changes nothing. Between seeded nodes, the
 * relationships of the seeded types are made exactly those of the seed; nodes the seed does not name
 * (imports, say) are left alone unless `reset` first deletes every Role, Skill and Tool.
 */
export function writeSeed(database: Database, graph: SeedGraph, { reset = false } = {}): Promise<SeedReport> {
  const keys = [...graph.roles, ...graph.skills, ...graph.tools].map((entry) => entry.key);
  return database.write(
    async (tx) => {
      const report: SeedReport = {
        reset: reset ? { deletedNodes: await deleteAllEntities(tx) } : null,
        nodes: {
          Role: await mergeNodes(
            tx,
            'Role',
            graph.roles.map(({ key, name, aliases, description }) => ({
              key,
              properties: { key, name, aliases, description },
            })),
          ),
          Skill: await mergeNodes(
            tx,
            'Skill',
            graph.skills.map(({ key, name, aliases, description, category, learningHours }) => ({
              key,
              properties: { key, name, aliases, description, category, learningHours },
            })),
          ),
          Tool: await mergeNodes(
            tx,
            'Tool',
            graph.tools.map(({ key, name, aliases, description, kind }) => ({
              key,
              properties: { key, name, aliases, description, kind },
            })),
          ),
        },
        relationships: {
          REQUIRES: await syncRelationships(
            tx,
            'REQUIRES',
            keys,
            graph.roles.flatMap((role) =>
              role.skills.map(({ skill, importance, level }) => ({
                from: role.key,
                to: skill,
                properties: { importance, level },
              })),
            ),
          ),
          USES: await syncRelationships(
            tx,
            'USES',
            keys,
            graph.roles.flatMap((role) => role.tools.map((tool) => ({ from: role.key, to: tool, properties: {} }))),
          ),
          SUPPORTS: await syncRelationships(
            tx,
            'SUPPORTS',
            keys,
            graph.tools.flatMap((tool) =>
              tool.supports.map((skill) => ({ from: tool.key, to: skill, properties: {} })),
            ),
          ),
          PREREQUISITE_OF: await syncRelationships(
            tx,
            'PREREQUISITE_OF',
            keys,
            graph.skills.flatMap((skill) =>
              skill.prerequisites.map((prerequisite) => ({ from: prerequisite, to: skill.key, properties: {} })),
            ),
          ),
          RELATED_TO: await syncRelationships(tx, 'RELATED_TO', keys, relatedPairs(graph)),
        },
      };
      if (changedAnything(report)) await bumpGraphVersion(tx);
      return report;
    },
    { tag: 'seed' },
  );
}

function changedAnything(report: SeedReport): boolean {
  return (
    (report.reset?.deletedNodes ?? 0) > 0 ||
    Object.values(report.nodes).some((counts) => counts.created + counts.updated > 0) ||
    Object.values(report.relationships).some((counts) => counts.created + counts.updated + counts.removed > 0)
  );
}

/** RELATED_TO is symmetric in meaning: one relationship per pair, from the smaller key to the larger. */
function relatedPairs(graph: SeedGraph): RelationshipRow[] {
  const pairs = new Map<string, RelationshipRow>();
  for (const skill of graph.skills) {
    for (const other of skill.related) {
      const [from, to] = [skill.key, other].sort() as [string, string];
      pairs.set(`${from}|${to}`, { from, to, properties: {} });
    }
  }
  return [...pairs.values()];
}

async function deleteAllEntities(tx: ManagedTransaction): Promise<number> {
  const result = await tx.run('MATCH (n:Entity) DETACH DELETE n RETURN count(*) AS deleted');
  return result.records[0]?.get('deleted') ?? 0;
}

async function mergeNodes(
  tx: ManagedTransaction,
  label: 'Role' | 'Skill' | 'Tool',
  rows: NodeRow[],
): Promise<NodeCounts> {
  // Integers from JavaScript arrive as floats unless converted; learningHours must stay an integer.
  const result = await tx.run(
    `UNWIND $rows AS row
     OPTIONAL MATCH (existing:${label} {key: row.key})
     WITH row, properties(existing) AS before
     MERGE (n:${label}:Entity {key: row.key})
     SET n = row.properties
     SET n.learningHours = CASE WHEN row.properties.learningHours IS NULL THEN null
                                ELSE toInteger(row.properties.learningHours) END
     WITH before, properties(n) AS after
     RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created,
            count(CASE WHEN before IS NOT NULL AND before <> after THEN 1 END) AS updated,
            count(CASE WHEN before = after THEN 1 END) AS unchanged`,
    { rows },
  );
  const record = result.records[0];
  return {
    created: record?.get('created') ?? 0,
    updated: record?.get('updated') ?? 0,
    unchanged: record?.get('unchanged') ?? 0,
  };
}

async function syncRelationships(
  tx: ManagedTransaction,
  type: RelationshipType,
  seededKeys: string[],
  rows: RelationshipRow[],
): Promise<RelationshipCounts> {
  const symmetric = type === 'RELATED_TO';
  const merged = await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
     OPTIONAL MATCH (a)-[existing:${type}]-${symmetric ? '' : '>'}(b)
     WITH a, b, row, properties(existing) AS before
     MERGE (a)-[r:${type}]-${symmetric ? '' : '>'}(b)
     SET r = row.properties
     SET r.level = CASE WHEN row.properties.level IS NULL THEN null ELSE toInteger(row.properties.level) END
     WITH before, properties(r) AS after
     RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created,
            count(CASE WHEN before IS NOT NULL AND before <> after THEN 1 END) AS updated`,
    { rows },
  );
  const removed = await tx.run(
    `MATCH (a:Entity)-[r:${type}]->(b:Entity)
     WHERE a.key IN $keys AND b.key IN $keys
       AND NOT (a.key + '|' + b.key) IN $pairs
       ${symmetric ? "AND NOT (b.key + '|' + a.key) IN $pairs" : ''}
     DELETE r
     RETURN count(*) AS removed`,
    { keys: seededKeys, pairs: rows.map((row) => `${row.from}|${row.to}`) },
  );
  const record = merged.records[0];
  return {
    created: record?.get('created') ?? 0,
    updated: record?.get('updated') ?? 0,
    removed: removed.records[0]?.get('removed') ?? 0,
  };
}
