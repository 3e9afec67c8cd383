import type { ManagedTransaction } from 'neo4j-driver';
import type { Database } from '../database/database.js';

/**
 * The graph's version: a token every writer of roles, skills, tools or their relationships changes in
 * the same transaction (see `writeSeed`), so that results derived from the whole graph can be cached.
 */
export async function readGraphVersion(database: Database): Promise<string> {
  return database.read(async (tx) => {
    const result = await tx.run("OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.version AS version");
    return (result.records[0]?.get('version') as string | null) ?? 'none';
  });
}

export async function bumpGraphVersion(tx: ManagedTransaction): Promise<void> {
  await tx.run("MERGE (v:GraphVersion {id: 'graph'}) SET v.version = randomUUID(), v.changedAt = datetime()");
}

/** A value computed from the whole graph, recomputed only when the graph's version has changed. */
export class GraphDerivedCache<T> {
  private entry: { version: string; value: Promise<T> } | undefined;

  constructor(private readonly compute: (database: Database) => Promise<T>) {}

  /** `version` is the graph's current version, read once per request by the caller. */
  async get(database: Database, version: string): Promise<T> {
    if (this.entry?.version !== version) {
      const value = this.compute(database);
      this.entry = { version, value };
      value.catch(() => {
        if (this.entry?.value === value) this.entry = undefined;
      });
    }
    return this.entry.value;
  }
}
