import { cypherInteger, type Database } from '../database/database.js';

/**
 * What the commit-notices plugin (neo4j-plugin/) has seen of a database since it started (`instance`):
 * two events per write transaction, one before it commits and one after (or after its rollback), and how
 * many transactions are between the two (`pending`).
 */
export interface CommitCount {
  instance: string;
  events: number;
  pending: number;
}

export interface AwaitCommitRequest {
  /** The calling loop's name for itself, the same on each of its calls. */
  subscriber: string;
  /** The count last heard of: it acknowledges those events (-1 and '' for none). */
  seen: Pick<CommitCount, 'instance' | 'events'>;
  /** How long after this call arrives commits wait for this subscriber to acknowledge them; 0 gives the lease back. */
  leaseMs: number;
  /** How long the call waits for an event not yet seen before it answers anyway. */
  waitMs: number;
}

/** The Neo4j code of a call to a procedure the server does not have (the plugin is not installed). */
export const PROCEDURE_NOT_FOUND = 'Neo.ClientError.Procedure.ProcedureNotFound';

/** How the plugin says it does not run here (a cluster, an edition other than Community). */
export const NOTICES_UNAVAILABLE = 'skillgraph.awaitCommit is unavailable';

/** One call to the plugin's procedure: answers at an event not yet seen, or after `waitMs`. */
export async function awaitCommit(
  database: Database,
  { subscriber, seen, leaseMs, waitMs }: AwaitCommitRequest,
): Promise<CommitCount> {
  const result = await database.readQuery(
    'CALL skillgraph.awaitCommit($subscriber, $instance, $seen, $leaseMs, $waitMs)',
    {
      subscriber,
      instance: seen.instance,
      seen: cypherInteger(seen.events),
      leaseMs: cypherInteger(leaseMs),
      waitMs: cypherInteger(waitMs),
    },
    { timeoutMs: waitMs + 5_000, tag: 'commit-notices' },
  );
  const record = result.records[0];
  return {
    instance: record?.get('instance') as string,
    events: Number(record?.get('events')),
    pending: Number(record?.get('pending')),
  };
}
