import { cypherInteger, type QueryRunner } from '../database/database.js';

/** A `(:Change)` as stored: one entity or relationship changed by one write through the API. */
export interface StoredChange {
  id: string;
  sequence: number;
  at: string;
  actor: string;
  actorKeyId: string | null;
  graphVersion: string;
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  kind: string;
  key: string;
  from: string | null;
  to: string | null;
  /** JSON text of the properties that changed, as they were and as they are; null for none. */
  before: string | null;
  after: string | null;
}

export interface ChangeFilter {
  /** ISO 8601 as the log writes it: only changes at or after it. */
  since: string | null;
  /** Only changes of this entity, or of relationships at it. */
  entity: string | null;
}

export interface ChangeWindow {
  /** Sequence numbers strictly between these. */
  after: number | null;
  before: number | null;
  limit: number;
  /** Newest first: a page from the end (`last`). */
  newestFirst: boolean;
}

// Each branch is an index seek (migration 0006); without an entity, the sequence index orders the log.
const MATCH_CHANGES = (byEntity: boolean) =>
  byEntity
    ? `CALL () {
         MATCH (c:Change {key: $entity}) RETURN c
         UNION
         MATCH (c:Change {from: $entity}) RETURN c
         UNION
         MATCH (c:Change {to: $entity}) RETURN c
       }
       WITH c WHERE ($since IS NULL OR c.at >= $since)`
    : 'MATCH (c:Change) WHERE ($since IS NULL OR c.at >= $since)';

/** One page of the log in sequence order (or its reverse), and how many changes the filter keeps in all. */
export async function selectChanges(
  tx: QueryRunner,
  filter: ChangeFilter,
  window: ChangeWindow,
): Promise<{ changes: StoredChange[]; totalCount: number }> {
  const parameters = {
    ...filter,
    after: window.after === null ? null : cypherInteger(window.after),
    before: window.before === null ? null : cypherInteger(window.before),
    limit: cypherInteger(window.limit),
  };
  const page = await tx.run(
    `${MATCH_CHANGES(filter.entity !== null)}
       AND ($after IS NULL OR c.sequence > $after) AND ($before IS NULL OR c.sequence < $before)
     RETURN c { .* } AS change
     ORDER BY c.sequence ${window.newestFirst ? 'DESC' : 'ASC'}
     LIMIT $limit`,
    parameters,
  );
  const count = await tx.run(`${MATCH_CHANGES(filter.entity !== null)} RETURN count(c) AS totalCount`, parameters);
  return {
    changes: page.records.map((record) => {
      const change = record.get('change') as StoredChange;
      return {
        ...change,
        actorKeyId: change.actorKeyId ?? null,
        from: change.from ?? null,
        to: change.to ?? null,
        before: change.before ?? null,
        after: change.after ?? null,
      };
    }),
    totalCount: count.records[0]?.get('totalCount') ?? 0,
  };
}
