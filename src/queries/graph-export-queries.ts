import { cypherInteger, type QueryRunner } from '../database/database.js';
import type { DataSourceName, EntityLabel, RelationType } from '../domain/career-graph.js';

/** Which nodes an export holds; a relationship is exported when both its ends are. Null: all. */
export interface ExportSelection {
  sources: readonly DataSourceName[] | null;
  labels: readonly EntityLabel[] | null;
}

/** A node as exported: its key, its label and every other stored property but the lower-cased name. */
export interface ExportedNode {
  label: EntityLabel;
  key: string;
  properties: Record<string, unknown>;
}

export interface ExportedRelationship {
  type: RelationType;
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

const SELECTED = (variable: string) => `($sources IS NULL OR coalesce(${variable}.source, 'seed') IN $sources)
  AND ($labels IS NULL OR any(label IN labels(${variable}) WHERE label IN $labels))`;

const LABEL = (variable: string) => `[l IN labels(${variable}) WHERE l IN ['Role', 'Skill', 'Tool']][0]`;

function parameters(selection: ExportSelection, extra: Record<string, unknown> = {}) {
  return { sources: selection.sources, labels: selection.labels, ...extra };
}

/** How many nodes and relationships the export will hold; from the count store when nothing is left out. */
export async function countExport(
  tx: QueryRunner,
  selection: ExportSelection,
): Promise<{ nodes: number; relationships: number }> {
  const everything = selection.sources === null && selection.labels === null;
  const result = await tx.run(
    everything
      ? `RETURN COUNT { (:Entity) } AS nodes, COUNT { (:Entity)-[]->(:Entity) } AS relationships`
      : `MATCH (n:Entity) WHERE ${SELECTED('n')}
         WITH count(n) AS nodes
         OPTIONAL MATCH (a:Entity)-[r]->(b:Entity) WHERE ${SELECTED('a')} AND ${SELECTED('b')}
         RETURN nodes, count(r) AS relationships`,
    parameters(selection),
  );
  const record = result.records[0];
  return { nodes: record?.get('nodes') ?? 0, relationships: record?.get('relationships') ?? 0 };
}

/** The next `limit` selected nodes by key after `afterKey` (keyset paging on the key index). */
export async function readNodePage(
  tx: QueryRunner,
  selection: ExportSelection,
  afterKey: string,
  limit: number,
): Promise<ExportedNode[]> {
  const result = await tx.run(
    `MATCH (n:Entity) WHERE n.key > $afterKey AND ${SELECTED('n')}
     WITH n ORDER BY n.key LIMIT $limit
     RETURN ${LABEL('n')} AS label, n.key AS key, properties(n) AS properties`,
    parameters(selection, { afterKey, limit: cypherInteger(limit) }),
  );
  return result.records.map((record) => ({
    label: record.get('label'),
    key: record.get('key'),
    properties: withoutHidden(record.get('properties')),
  }));
}

/**
 * The next `limit` selected nodes by key after `afterKey`, each with the relationships leaving it for a
 * selected node (by type, then end key): start nodes without any are listed too, so paging moves past them.
 */
export async function readRelationshipPage(
  tx: QueryRunner,
  selection: ExportSelection,
  afterKey: string,
  limit: number,
): Promise<{ key: string; relationships: ExportedRelationship[] }[]> {
  const result = await tx.run(
    `MATCH (a:Entity) WHERE a.key > $afterKey AND ${SELECTED('a')}
     WITH a ORDER BY a.key LIMIT $limit
     CALL (a) {
       OPTIONAL MATCH (a)-[r]->(b:Entity) WHERE ${SELECTED('b')}
       WITH r, b ORDER BY type(r), b.key
       RETURN collect(CASE WHEN r IS NOT NULL
                THEN {type: type(r), from: a.key, to: b.key, properties: properties(r)} END) AS relationships
     }
     RETURN a.key AS key, relationships ORDER BY key`,
    parameters(selection, { afterKey, limit: cypherInteger(limit) }),
  );
  return result.records.map((record) => ({ key: record.get('key'), relationships: record.get('relationships') }));
}

/** A node's properties but its key (the node's id in every format) and the lower-cased name kept for look-ups. */
function withoutHidden({
  key: _id,
  nameLower: _lookUpOnly,
  ...properties
}: Record<string, unknown>): Record<string, unknown> {
  return properties;
}
