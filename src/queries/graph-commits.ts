import { cypherInteger, type Database } from '../database/database.js';

/** A database's count of commits since it started, and which start (`instance`) it counts from. */
export interface CommitCount {
  instance: string;
  commits: number;
}

export interface AwaitCommitRequest {
  /** This process's name for itself, the same on every call. */
  subscriber: string;
  /** The count last heard of: it acknowledges those commits (-1 and '' for none). */
  seen: CommitCount;
  /** How long after this call arrives commits wait for this subscriber to acknowledge them. */
  leaseMs: number;
  /** How long the call waits for a commit not yet seen before it answers anyway. */
  waitMs: number;
}

/** The Neo4j code of a call to a procedure the server does not have (the plugin is not installed). */
export const PROCEDURE_NOT_FOUND = 'Neo.ClientError.Procedure.ProcedureNotFound';

/** One call to the commit-notices plugin's procedure (neo4j-plugin/): answers at a commit not yet seen, or after `waitMs`. */
export async function awaitCommit(
  database: Database,
  { subscriber, seen, leaseMs, waitMs }: AwaitCommitRequest,
): Promise<CommitCount> {
  const result = await database.readQuery(
    'CALL skillgraph.awaitCommit($subscriber, $instance, $seen, $leaseMs, $waitMs)',
    {
      subscriber,
      instance: seen.instance,
      seen: cypherInteger(seen.commits),
      leaseMs: cypherInteger(leaseMs),
      waitMs: cypherInteger(waitMs),
    },
    { timeoutMs: waitMs + 5_000, tag: 'commit-notices' },
  );
  const record = result.records[0];
  return { instance: record?.get('instance') as string, commits: Number(record?.get('commits')) };
}
