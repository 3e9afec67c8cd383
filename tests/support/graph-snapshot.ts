import type { Database } from '../../src/database/database.js';

/** Every Role, Skill and Tool and every relationship between them, with labels, types and properties, sorted. */
export async function graphSnapshot(database: Database): Promise<{ nodes: string[]; relationships: string[] }> {
  return database.read(async (tx) => {
    const nodes = await tx.run(
      `MATCH (n:Entity)
       RETURN n.key AS key, labels(n) AS labels, properties(n) AS properties,
              [k IN keys(n) | k + ':' + valueType(n[k])] AS types`,
    );
    const relationships = await tx.run(
      `MATCH (a:Entity)-[r]->(b:Entity)
       RETURN a.key AS from, type(r) AS type, b.key AS to, properties(r) AS properties,
              [k IN keys(r) | k + ':' + valueType(r[k])] AS types`,
    );
    const canonical = (value: Record<string, unknown>) =>
      JSON.stringify(value, (_key, inner) =>
        inner && typeof inner === 'object' && !Array.isArray(inner)
          ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
          : Array.isArray(inner) && inner.every((item) => typeof item === 'string') && _key !== 'aliases'
            ? [...inner].sort()
            : inner,
      );
    return {
      nodes: nodes.records.map((record) => canonical(record.toObject())).sort(),
      relationships: relationships.records.map((record) => canonical(record.toObject())).sort(),
    };
  });
}
