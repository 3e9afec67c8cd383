import type { Database } from '../database/database.js';
import { ENTITY_LABELS, type EntityLabel } from '../domain/career-graph.js';
import { GraphSnapshot } from '../domain/graph-snapshot.js';
import { ENTITY_PROPERTIES, entityTuple, fromEntityTuple } from './entity-record.js';
import { graphVersionIn } from './graph-version.js';

/**
 * Every role, skill and tool, whole, and every relationship between them, read with the graph's version
 * in one transaction into a GraphSnapshot, streamed in as records arrive (none is held as a driver
 * record). No snapshot (null, and `unused` says why) for that version when the graph has more than
 * `maxElements` nodes and relationships together (counted first, from Neo4j's count store), when a write
 * committed while it was read (the version read before and after differ), or when the graph breaks a rule
 * the snapshot relies on (GraphSnapshot.unfit).
 */
export function loadGraphSnapshot(
  database: Database,
  maxElements: number,
): Promise<{ version: string; value: GraphSnapshot | null; unused?: string }> {
  return database.read(
    async (tx) => {
      const version = await graphVersionIn(tx);
      const counted = await tx.run('RETURN COUNT { MATCH (n:Entity) } + COUNT { MATCH ()-[r]->() } AS elements');
      const elements = counted.records[0]?.get('elements') as number;
      if (elements > maxElements) {
        return { version, value: null, unused: `${elements} nodes and relationships, over ${maxElements}` };
      }
      const snapshot = new GraphSnapshot();
      await tx.stream(
        `MATCH (n) WHERE n:Entity OR n:Role OR n:Skill OR n:Tool
         RETURN [l IN labels(n) WHERE l IN $labels] AS labels, n:Entity AS entity,
                ${entityTuple('n', ENTITY_PROPERTIES)} AS properties, n.nameLower AS nameLower, n.source AS source,
                toLower(n.name) AS lowerName, [alias IN coalesce(n.aliases, []) | toLower(alias)] AS lowerAliases`,
        { labels: ENTITY_LABELS },
        (record) => {
          const labels = record.get(0) as EntityLabel[];
          snapshot.addNode(fromEntityTuple(record.get(2) as unknown[], ENTITY_PROPERTIES, labels[0] as EntityLabel), {
            labels,
            entity: record.get(1) as boolean,
            nameLower: record.get(3) as string | null,
            source: record.get(4) as string | null,
            lower: { name: record.get(5) as string, aliases: record.get(6) as string[] },
          });
        },
      );
      await tx.stream(
        `MATCH (a)-[r]->(b)
         WHERE (a:Entity OR a:Role OR a:Skill OR a:Tool) AND (b:Entity OR b:Role OR b:Skill OR b:Tool)
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
      // Reads see what others commit meanwhile: a write during the read would leave a mix of two versions.
      if ((await graphVersionIn(tx)) !== version) {
        return { version, value: null, unused: 'the graph changed while it was read' };
      }
      const unfit = snapshot.finish().unfit;
      if (unfit) return { version, value: null, unused: unfit };
      return { version, value: snapshot };
    },
    { tag: 'graph-snapshot' },
  );
}
