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

/** The version and when it was set (ISO 8601; null for a version written before writers recorded the time). */
export interface GraphVersionStamp {
  version: string;
  changedAt: string | null;
}

export function readGraphVersionStamp(database: Database): Promise<GraphVersionStamp> {
  return database.read(async (tx) => {
    const result = await tx.run(
      "OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version, v.changedAt.epochMillis AS changedAt",
    );
    const record = result.records[0];
    const changedAt = record?.get('changedAt') as number | null | undefined;
    return {
      version: (record?.get('version') as string | null) ?? 'none',
      changedAt: typeof changedAt === 'number' ? new Date(changedAt).toISOString() : null,
    };
  });
}

/** Sets a new version in the transaction's write, and returns it. */
export async function bumpGraphVersion(tx: QueryRunner): Promise<string> {
  const result = await tx.run(
    "MERGE (v:GraphVersion {id: 'graph'}) SET v.version = randomUUID(), v.changedAt = datetime() RETURN v.version AS version",
  );
  return result.records[0]?.get('version') as string;
}
