import type { Database, QueryRunner } from '../database/database.js';

/**
 * The graph's version: a token every writer of roles, skills, tools or their relationships changes in
 * the same transaction (see `writeSeed`), so that results derived from the whole graph can be cached.
 */
export function readGraphVersion(database: Database): Promise<string> {
  return database.read(graphVersionIn);
}

/** The version as seen by this transaction: read it in the transaction that reads what is cached under it. */
export async function graphVersionIn(tx: QueryRunner): Promise<string> {
  const result = await tx.run("OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version");
  return (result.records[0]?.get('version') as string | null) ?? 'none';
}

/** Sets a new version in the transaction's write, and returns it. */
export async function bumpGraphVersion(tx: QueryRunner): Promise<string> {
  const result = await tx.run(
    "MERGE (v:GraphVersion {id: 'graph'}) SET v.version = randomUUID(), v.changedAt = datetime() RETURN v.version AS version",
  );
  return result.records[0]?.get('version') as string;
}
