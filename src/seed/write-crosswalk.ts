import type { QueryRunner } from '../database/database.js';
import type { CrosswalkEntry } from './seed-model.js';

export interface CrosswalkCounts {
  created: number;
  updated: number;
  removed: number;
}

/**
 * Makes the SAME_AS relationships exactly the crosswalk's links whose both ends are in the graph: from
 * our node to the imported node with that source and source id. Links to a taxonomy not imported yet
 * wait until it is; the importers and the seed writer both call this, in their own transaction.
 */
export async function syncCrosswalk(tx: QueryRunner, links: readonly CrosswalkEntry[]): Promise<CrosswalkCounts> {
  const rows = links.flatMap(({ key, esco, onet }) => [
    ...(esco ? [{ key, source: 'esco', sourceId: esco }] : []),
    ...(onet ? [{ key, source: 'onet', sourceId: onet }] : []),
  ]);
  const merged = await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {key: row.key})
     MATCH (b:Entity {sourceId: row.sourceId}) WHERE b.source = row.source
     OPTIONAL MATCH (a)-[existing:SAME_AS]->(b)
     WITH a, b, existing
     MERGE (a)-[r:SAME_AS]->(b)
     SET r.source = 'crosswalk'
     RETURN count(CASE WHEN existing IS NULL THEN 1 END) AS created`,
    { rows },
  );
  const removed = await tx.run(
    `MATCH (a:Entity)-[r:SAME_AS]->(b:Entity)
     WHERE NOT (a.key + '|' + b.source + '|' + b.sourceId) IN $links
     DELETE r
     RETURN count(*) AS removed`,
    { links: rows.map((row) => `${row.key}|${row.source}|${row.sourceId}`) },
  );
  return {
    created: merged.records[0]?.get('created') ?? 0,
    updated: 0,
    removed: removed.records[0]?.get('removed') ?? 0,
  };
}
