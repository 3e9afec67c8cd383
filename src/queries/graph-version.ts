import type { Database, QueryResult, QueryRunner, TransactionOptions } from '../database/database.js';

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

const TORN_READ_ATTEMPTS = 3;

/**
 * What `read` makes of the whole graph, with the version it is of. Statements of one transaction each see
 * what was committed when they ran, so the version is read before and after: if a write landed between,
 * the read is made again (up to 3 times). Labelled with the version read first, so the label is never
 * newer than the data.
 */
export async function readAtOneVersion<T>(
  database: Database,
  read: (tx: QueryRunner) => Promise<T>,
  options: TransactionOptions = {},
): Promise<{ version: string; value: T }> {
  for (let attempt = 1; ; attempt++) {
    const { before, value, after } = await database.read(async (tx) => {
      const before = await graphVersionIn(tx);
      const value = await read(tx);
      return { before, value, after: await graphVersionIn(tx) };
    }, options);
    if (before === after || attempt >= TORN_READ_ATTEMPTS) return { version: before, value };
  }
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
