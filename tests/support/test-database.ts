import { afterAll, beforeAll, inject } from 'vitest';
import { Database, type DatabaseOptions } from '../../src/database/database.js';
import { migrateDatabase } from '../../src/database/migrations.js';
import { findProjectRoot } from '../../src/project-root.js';

export const projectRoot = findProjectRoot();

export function connectTestDatabase(options: DatabaseOptions = {}): Database {
  const { uri, ...neo4jConfig } = inject('neo4j');
  return Database.connect(uri, neo4jConfig, options);
}

/** Deletes every node and relationship (the schema and its migration records stay). */
export async function clearGraph(database: Database): Promise<void> {
  await database.write((tx) => tx.run('MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n'));
}

export function migrate(database: Database) {
  return migrateDatabase(database, projectRoot);
}

/**
 * For a suite: a connection to the test database, migrated and emptied before the suite's first test,
 * so that suites never see each other's data.
 */
export function useTestDatabase(): { readonly database: Database } {
  const handle = { database: undefined as unknown as Database };
  beforeAll(async () => {
    handle.database = connectTestDatabase();
    await migrate(handle.database);
    await clearGraph(handle.database);
  });
  afterAll(async () => {
    await handle.database?.close();
  });
  return handle;
}
