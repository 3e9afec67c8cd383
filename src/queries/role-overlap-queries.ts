import { cypherInteger, type Database } from '../database/database.js';
import type { DataSourceName, EntityRecord } from '../domain/career-graph.js';
import { entityProjection, toEntityRecord } from './entity-record.js';

/**
 * How many roles come from `sources` (null: every role), and, when that is at most `max`, the roles by key;
 * more are not read, so asking for too many costs a count.
 */
export function listRolesOf(
  database: Database,
  sources: readonly DataSourceName[] | null,
  max: number,
): Promise<{ count: number; roles: EntityRecord[] }> {
  return database.read(async (tx) => {
    const counted = await tx.run(
      `MATCH (r:Role) WHERE $sources IS NULL OR coalesce(r.source, 'seed') IN $sources RETURN count(r) AS count`,
      { sources },
    );
    const count = Number(counted.records[0]?.get('count') ?? 0);
    if (count > max) return { count, roles: [] };
    const result = await tx.run(
      `MATCH (r:Role) WHERE $sources IS NULL OR coalesce(r.source, 'seed') IN $sources
       RETURN ${entityProjection('r')} AS entity ORDER BY r.key LIMIT $max`,
      { sources, max: cypherInteger(max) },
    );
    return { count, roles: result.records.map((record) => toEntityRecord(record.get('entity'))) };
  });
}
