import type { Database } from '../database/database.js';
import { ENTITY_LABELS, type EntityLabel } from '../domain/career-graph.js';
import { GraphSnapshot } from '../domain/graph-snapshot.js';
import { ENTITY_PROPERTIES, entityTuple, fromEntityTuple } from './entity-record.js';
import { graphVersionIn } from './graph-version.js';

/**
 * Every role, skill and tool, whole, and every relationship between them, read with the graph's version
 * in one transaction into a GraphSnapshot; null (for that version) when the graph has more than
 * `maxElements` nodes and relationships together, counted first from Neo4j's count store. Records are
 * streamed into the snapshot as they arrive: none is held as a driver record. The version is read first:
 * a write committed during the read can only make the snapshot newer than its version, never older.
 */
export function loadGraphSnapshot(
  database: Database,
  maxElements: number,
): Promise<{ version: string; value: GraphSnapshot | null }> {
  return database.read(
    async (tx) => {
      const version = await graphVersionIn(tx);
      const counted = await tx.run('RETURN COUNT { MATCH (n:Entity) } + COUNT { MATCH ()-[r]->() } AS elements');
      if ((counted.records[0]?.get('elements') as number) > maxElements) return { version, value: null };
      const snapshot = new GraphSnapshot();
      await tx.stream(
        `MATCH (n:Entity)
         RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, ${entityTuple('n', ENTITY_PROPERTIES)} AS properties,
                n.nameLower AS nameLower, n.source AS source`,
        { labels: ENTITY_LABELS },
        (record) => {
          const label = record.get(0) as EntityLabel;
          snapshot.addNode(
            fromEntityTuple(record.get(1) as unknown[], ENTITY_PROPERTIES, label),
            record.get(2) as string | null,
            record.get(3) as string | null,
          );
        },
      );
      await tx.stream(
        `MATCH (a:Entity)-[r]->(b:Entity)
         RETURN a.key, b.key, type(r), r.importance, r.level, r.levelEstimated, r.relatednessTier, r.relatednessIndex`,
        {},
        (record) => {
          snapshot.addRelationship(record.get(0) as string, record.get(1) as string, {
            type: record.get(2) as string,
            importance: record.get(3) as string | null,
            level: record.get(4) as number | null,
            levelEstimated: record.get(5) === true,
            relatednessTier: record.get(6) as string | null,
            relatednessIndex: record.get(7) as number | null,
          });
        },
      );
      return { version, value: snapshot };
    },
    { tag: 'graph-snapshot' },
  );
}
