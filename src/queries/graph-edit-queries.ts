import { cypherInteger, type QueryRunner } from '../database/database.js';
import type { EntityLabel, RelationType } from '../domain/career-graph.js';
import type {
  ChangeRecord,
  EditFacts,
  FactsNeeded,
  GraphWrite,
  StoredEntity,
  StoredRelationship,
} from '../domain/graph-edit-plan.js';
import { entityProjection, toEntityRecord } from './entity-record.js';

/** Labels and relationship types are never parameters in Cypher: these are the only ones written here. */
const LABELS: Record<EntityLabel, string> = { Role: 'Role', Skill: 'Skill', Tool: 'Tool' };
const TYPES: Record<RelationType, string> = {
  REQUIRES: 'REQUIRES',
  USES: 'USES',
  SUPPORTS: 'SUPPORTS',
  PREREQUISITE_OF: 'PREREQUISITE_OF',
  RELATED_TO: 'RELATED_TO',
  SAME_AS: 'SAME_AS',
};

/**
 * Takes the write lock on the graph's version node, first thing in a write transaction: API writes then
 * run one at a time, each reading the graph as the previous one left it, and the audit trail's sequence
 * numbers follow commit order. Returns the version the write is based on and the last sequence number used.
 */
export async function lockGraphForWrite(tx: QueryRunner): Promise<{ version: string; lastSequence: number }> {
  // Setting a property, even to its own value, takes the node's exclusive lock until the transaction ends.
  const result = await tx.run(
    `MERGE (v:GraphVersion {id: 'graph'})
     SET v.version = coalesce(v.version, 'none')
     WITH v
     OPTIONAL MATCH (c:Change) WHERE c.sequence IS NOT NULL
     WITH v, c ORDER BY c.sequence DESC LIMIT 1
     RETURN v.version AS version, coalesce(c.sequence, 0) AS lastSequence`,
  );
  const record = result.records[0];
  return { version: record?.get('version') ?? 'none', lastSequence: record?.get('lastSequence') ?? 0 };
}

const STORED_ENTITY = `n {
  .key, .source,
  label: [l IN labels(n) WHERE l IN ['Role', 'Skill', 'Tool']][0],
  properties: n { .name, .aliases, .description, .category, .learningHours, .kind },
  updatedAt: n.updatedAt
}`;

/** What planGraphEdits needs to know of the graph, read in the write transaction after the lock. */
export async function readEditFacts(tx: QueryRunner, needs: FactsNeeded): Promise<EditFacts> {
  const entities = await tx.run(`MATCH (n:Entity) WHERE n.key IN $keys RETURN ${STORED_ENTITY} AS entity`, {
    keys: needs.keys,
  });
  const relationships = await tx.run(
    `CALL () {
       UNWIND $pairs AS pair
       MATCH (a:Entity {key: pair.from})-[r]-(b:Entity {key: pair.to})
       WHERE type(r) = pair.type AND (startNode(r) = a OR pair.type = 'RELATED_TO')
       RETURN r
       UNION
       MATCH (n:Entity)-[r]-(:Entity) WHERE n.key IN $deleted
       RETURN r
     }
     RETURN type(r) AS type, startNode(r).key AS from, endNode(r).key AS to, properties(r) AS properties`,
    { pairs: needs.pairs, deleted: needs.deleted },
  );
  const owners = await tx.run(
    `MATCH (n:Entity)
     WHERE n.source = 'seed'
       AND (n.nameLower IN $labels OR any(alias IN n.aliases WHERE toLower(alias) IN $labels))
     RETURN n { .key, .name, .aliases, label: [l IN labels(n) WHERE l IN ['Role', 'Skill', 'Tool']][0] } AS owner`,
    { labels: needs.labels },
  );
  const prerequisites = await tx.run(
    `MATCH (s:Skill) WHERE s.key IN $starts
     MATCH (s)-[:PREREQUISITE_OF*0..]->(x:Skill)
     WITH DISTINCT x
     MATCH (x)-[:PREREQUISITE_OF]->(y:Skill)
     RETURN x.key AS from, y.key AS to`,
    { starts: needs.prerequisiteStarts },
  );
  return {
    entities: entities.records.map((record) => {
      const entity = record.get('entity') as StoredEntity & { source: StoredEntity['source'] | null };
      return {
        ...entity,
        source: entity.source ?? 'seed',
        properties: { ...entity.properties, aliases: entity.properties.aliases ?? [] },
        updatedAt: entity.updatedAt ?? null,
      };
    }),
    relationships: relationships.records.map((record) => record.toObject() as StoredRelationship),
    labelOwners: owners.records.map((record) => {
      const owner = record.get('owner');
      return { ...owner, aliases: owner.aliases ?? [] };
    }),
    prerequisiteEdges: prerequisites.records.map((record) => ({ from: record.get('from'), to: record.get('to') })),
  };
}

/** Runs the planned writes in order; every node written is a curated one (source `seed`). */
export async function applyGraphWrites(tx: QueryRunner, writes: readonly GraphWrite[]): Promise<void> {
  for (const write of writes) {
    switch (write.write) {
      case 'createNode':
        await tx.run(
          `CREATE (n:${LABELS[write.label]}:Entity {key: $key})
           SET n += $properties, n.source = 'seed', n.nameLower = toLower(n.name)
           SET n.learningHours = toInteger(n.learningHours)`,
          { key: write.key, properties: write.properties },
        );
        break;
      case 'updateNode':
        await tx.run(
          `MATCH (n:Entity {key: $key})
           SET n += $properties, n.nameLower = toLower(n.name)
           SET n.learningHours = toInteger(n.learningHours)`,
          { key: write.key, properties: write.properties },
        );
        break;
      case 'deleteNode':
        // With its crosswalk link (see seed-record.ts): its SAME_AS goes with it, and seed:export must not give
        // the link back to an entity made later under the same key.
        await tx.run(
          `MATCH (n:Entity {key: $key}) DETACH DELETE n
           WITH count(*) AS deleted
           OPTIONAL MATCH (link:CrosswalkLink {key: $key})
           DELETE link`,
          { key: write.key },
        );
        break;
      case 'mergeRelationship':
        await tx.run(
          `MATCH (a:Entity {key: $from}), (b:Entity {key: $to})
           MERGE (a)-[r:${TYPES[write.type]}]->(b)
           SET r += $properties, r.source = 'seed', r.level = toInteger(r.level)`,
          { from: write.from, to: write.to, properties: write.properties },
        );
        break;
      case 'deleteRelationship':
        await tx.run(
          `MATCH (:Entity {key: $from})-[r:${TYPES[write.type]}]-${write.type === 'RELATED_TO' ? '' : '>'}(:Entity {key: $to})
           DELETE r`,
          { from: write.from, to: write.to },
        );
        break;
    }
  }
}

/** Sets `updatedAt` (ISO 8601 text, as every API client reads it) on the curated entities the write changed. */
export async function touchEntities(tx: QueryRunner, keys: readonly string[], at: string): Promise<void> {
  if (keys.length === 0) return;
  await tx.run(`MATCH (n:Entity) WHERE n.key IN $keys AND n.source = 'seed' SET n.updatedAt = $at`, { keys, at });
}

/** The entities with these keys as the transaction sees them, for the mutation's answer. */
export async function readEntitiesIn(tx: QueryRunner, keys: readonly string[]) {
  const result = await tx.run(`MATCH (n:Entity) WHERE n.key IN $keys RETURN ${entityProjection('n')} AS entity`, {
    keys,
  });
  return result.records.map((record) => toEntityRecord(record.get('entity')));
}

export interface ChangeMeta {
  at: string;
  actor: string;
  actorKeyId: string;
  graphVersion: string;
  firstSequence: number;
}

/**
 * Records the audit trail of one write: a `(:Change)` per entity or relationship changed, in order, with
 * what changed as JSON text. Change nodes carry no :Entity label, so no read, export or whole-graph
 * computation ever sees them. Sequence numbers go on from the last recorded (read under the write lock).
 */
export async function recordChanges(
  tx: QueryRunner,
  changes: readonly ChangeRecord[],
  meta: ChangeMeta,
): Promise<{ id: string; sequence: number }[]> {
  const result = await tx.run(
    `UNWIND range(0, size($changes) - 1) AS i
     WITH i, $changes[i] AS c
     CREATE (change:Change {
       id: randomUUID(), sequence: $firstSequence + i, at: $at, actor: $actor, actorKeyId: $actorKeyId,
       graphVersion: $graphVersion, operation: c.operation, kind: c.kind, key: c.key, from: c.from, to: c.to,
       before: c.before, after: c.after
     })
     RETURN collect({id: change.id, sequence: change.sequence}) AS recorded`,
    {
      ...meta,
      firstSequence: cypherInteger(meta.firstSequence),
      changes: changes.map((change) => ({
        ...change,
        before: change.before && JSON.stringify(change.before),
        after: change.after && JSON.stringify(change.after),
      })),
    },
  );
  return result.records[0]?.get('recorded') ?? [];
}
