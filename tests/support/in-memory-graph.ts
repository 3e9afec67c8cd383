import type { Database } from '../../src/database/database.js';
import { type MemoryGraph, memoryGraphOf } from './reference-algorithms.js';

/**
 * The whole career graph read back from Neo4j with plain Cypher, for checking the traversals against the
 * definitions in reference-algorithms.ts.
 */
export async function loadMemoryGraph(database: Database): Promise<MemoryGraph> {
  return database.read(async (tx) => {
    const nodes = await tx.run(
      "MATCH (n:Entity) RETURN n.key AS key, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.learningHours AS hours",
    );
    const relationships = await tx.run(
      'MATCH (a:Entity)-[r]->(b:Entity) RETURN elementId(r) AS id, type(r) AS type, a.key AS from, b.key AS to, r.importance AS importance, r.level AS level',
    );
    return memoryGraphOf(
      nodes.records.map((record) => ({
        key: record.get('key'),
        label: record.get('label'),
        hours: record.get('hours'),
      })),
      relationships.records.map((record) => ({
        id: record.get('id'),
        type: record.get('type'),
        from: record.get('from'),
        to: record.get('to'),
        importance: record.get('importance'),
        level: record.get('level'),
      })),
    );
  });
}
