import type { Database, QueryResult, QueryRunner } from '../database/database.js';

/**
 * The graph's version: a token every writer of roles, skills, tools or their relationships changes in
 * the same transaction (see `writeSeed`), so that results derived from the whole graph can be cached.
 */
export async function readGraphVersion(database: Database): Promise<string> {
  return versionOf(await database.readQuery(VERSION_QUERY));
}

/** The version as seen by this transaction: read it in the transaction that reads what is cached under it. */
export async function graphVersionIn(tx: QueryRunner): Promise<string> {
  return versionOf(await tx.run(VERSION_QUERY));
}

const VERSION_QUERY = "OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version";

function versionOf(result: QueryResult): string {
  return (result.records[0]?.get('version') as string | null) ?? 'none';
}

export async function bumpGraphVersion(tx: QueryRunner): Promise<void> {
  await tx.run("MERGE (v:GraphVersion {id: 'graph'}) SET v.version = randomUUID(), v.changedAt = datetime()");
}
