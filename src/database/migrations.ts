import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_WRITE_TIMEOUT_MS } from '../config.js';
import type { Database } from './database.js';

export interface Migration {
  version: number;
  name: string;
  checksum: string;
  statements: string[];
}

export interface MigrationReport {
  applied: Migration[];
  alreadyApplied: Migration[];
}

const FILE_NAME = /^(\d{4})-([a-z0-9-]+)\.cypher$/;

/** Reads `NNNN-name.cypher` files in version order; statements end with `;`, `//` lines are comments. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cypher')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`${join(dir, file)}: migration files are named NNNN-name.cypher`);
    const text = await readFile(join(dir, file), 'utf8');
    const statements = text
      .split('\n')
      .filter((line) => !line.trim().startsWith('//'))
      .join('\n')
      .split(/;\s*(?:\n|$)/)
      .map((statement) => statement.trim())
      .filter(Boolean);
    const version = Number(match[1]);
    if (migrations.some((migration) => migration.version === version)) {
      throw new Error(`${join(dir, file)}: version ${match[1]} is used twice`);
    }
    migrations.push({
      version,
      name: match[2] ?? file,
      checksum: createHash('sha256').update(text).digest('hex'),
      statements,
    });
  }
  return migrations;
}

/**
 * Applies the migrations not yet recorded as `(:SchemaMigration {version})` nodes. Statements are
 * idempotent (IF NOT EXISTS), and schema changes cannot share a transaction with data writes, so each
 * runs on its own and the version is recorded after its last statement.
 */
export async function applyMigrations(database: Database, migrations: Migration[]): Promise<MigrationReport> {
  await database.write((tx) =>
    tx.run(
      'CREATE CONSTRAINT schema_migration_version IF NOT EXISTS FOR (m:SchemaMigration) REQUIRE m.version IS UNIQUE',
    ),
  );
  const recorded = await database.read(async (tx) => {
    const result = await tx.run('MATCH (m:SchemaMigration) RETURN m.version AS version, m.checksum AS checksum');
    return new Map(result.records.map((record) => [record.get('version') as number, record.get('checksum') as string]));
  });

  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const checksum = recorded.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(
          `Schema migration ${migration.version} (${migration.name}) was changed after it was applied; ` +
            'add a new migration file instead of editing an applied one.',
        );
      }
      report.alreadyApplied.push(migration);
      continue;
    }
    for (const statement of migration.statements) {
      // Bulk work with the seed's time limit, not the API's: an index on a large graph takes a while.
      await database.write((tx) => tx.run(statement), { tag: 'migrate', timeoutMs: DEFAULT_WRITE_TIMEOUT_MS });
    }
    await database.write((tx) =>
      tx.run(
        `MERGE (m:SchemaMigration {version: $version})
         SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
        { version: migration.version, name: migration.name, checksum: migration.checksum },
      ),
    );
    report.applied.push(migration);
  }
  return report;
}

/**
 * Sets `nameLower`, what the `entity_name_lower` index (migration 0003) answers look-ups by name from,
 * where it is missing or stale: on nodes written before that migration, or by a writer that left it out.
 * Migration files hold idempotent schema statements only, so this data step runs here, after them; on an
 * up-to-date graph it changes nothing.
 */
const FILL_IN_NAME_LOWER = `MATCH (n:Entity)
  WHERE n.name IS NOT NULL AND (n.nameLower IS NULL OR n.nameLower <> toLower(n.name))
  SET n.nameLower = toLower(n.name)`;

/** Nodes written before imports existed are the curated seed's (migration 0004 indexes `source`). */
const FILL_IN_SOURCE = `MATCH (n:Entity) WHERE n.source IS NULL SET n.source = 'seed'`;

/** Applies the project's own migrations, `schema/migrations/*.cypher`, and fills in what their indexes need. */
export async function migrateDatabase(database: Database, projectRoot: string): Promise<MigrationReport> {
  const report = await applyMigrations(database, await loadMigrations(join(projectRoot, 'schema', 'migrations')));
  // The seed's time limit, not the API's: on a large graph seen for the first time, every node is set.
  await database.write(
    async (tx) => {
      await tx.run(FILL_IN_NAME_LOWER);
      await tx.run(FILL_IN_SOURCE);
    },
    { tag: 'migrate', timeoutMs: DEFAULT_WRITE_TIMEOUT_MS },
  );
  return report;
}
