import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/database/migrations.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

describe('database schema migrations', () => {
  const helper = TestHelper.forSuite();

  it('are recorded in the database and not applied twice', async () => {
    const report = await helper.migrate();
    expect(report.applied).toEqual([]);
    const recorded = await helper.database.read(async (tx) =>
      (await tx.run('MATCH (m:SchemaMigration) RETURN m.version AS v ORDER BY v')).records.map((r) => r.get('v')),
    );
    expect(recorded).toEqual(report.alreadyApplied.map((m) => m.version));
    expect(recorded.length).toBeGreaterThanOrEqual(2);
  });

  it('create the key constraints and the full-text index', async () => {
    const names = await helper.database.read(async (tx) => {
      const constraints = await tx.run('SHOW CONSTRAINTS YIELD name RETURN name');
      const indexes = await tx.run("SHOW INDEXES YIELD name, type WHERE type = 'FULLTEXT' RETURN name");
      return [...constraints.records, ...indexes.records].map((record) => record.get('name') as string);
    });
    expect(names).toEqual(expect.arrayContaining(['entity_key', 'role_key', 'skill_key', 'tool_key', 'entity_search']));
  });

  it('keep keys unique across roles, skills and tools', async () => {
    await helper.writeGraph(graphFixture({ roles: { python: {} } }));
    // Raw Cypher on purpose: the constraint must stop any writer, not only the seed's.
    await expect(helper.writeCypher("CREATE (:Tool:Entity {key: 'python', name: 'Python'})")).rejects.toMatchObject({
      code: 'Neo.ClientError.Schema.ConstraintValidationFailed',
    });
  });

  it('refuse a migration whose file changed after it was applied', async () => {
    await expect(
      applyMigrations(helper.database, [{ version: 1, name: 'entity-keys', checksum: 'edited', statements: [] }]),
    ).rejects.toThrow(/Schema migration 1 \(entity-keys\) was changed after it was applied/);
  });
});
