import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/database/migrations.js';
import { findProjectRoot } from '../../src/project-root.js';

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('loadMigrations', () => {
  it('orders files by version and splits statements, skipping comment lines', async () => {
    const dir = await folderWith({
      '0002-second.cypher': 'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.b);\n',
      '0001-first.cypher':
        '// why this exists; with a semicolon\nCREATE CONSTRAINT a IF NOT EXISTS\nFOR (n:A) REQUIRE n.key IS UNIQUE;\n\nCREATE INDEX c IF NOT EXISTS FOR (n:C) ON (n.c)',
    });
    const migrations = await loadMigrations(dir);
    expect(migrations.map((m) => [m.version, m.name, m.statements.length])).toEqual([
      [1, 'first', 2],
      [2, 'second', 1],
    ]);
    expect(migrations[0]?.statements[0]).toBe('CREATE CONSTRAINT a IF NOT EXISTS\nFOR (n:A) REQUIRE n.key IS UNIQUE');
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rejects badly named files and reused versions', async () => {
    await expect(loadMigrations(await folderWith({ 'constraints.cypher': 'RETURN 1;' }))).rejects.toThrow(
      /constraints\.cypher: migration files are named NNNN-name\.cypher/,
    );
    await expect(
      loadMigrations(await folderWith({ '0001-a.cypher': 'RETURN 1;', '0001-b.cypher': 'RETURN 2;' })),
    ).rejects.toThrow(/0001-b\.cypher: version 0001 is used twice/);
  });

  it('reads the project migrations', async () => {
    const dir = join(findProjectRoot(), 'schema', 'migrations');
    const migrations = await loadMigrations(dir);
    expect(migrations).toHaveLength((await readdir(dir)).length);
    expect(migrations.flatMap((m) => m.statements).every((s) => s.includes('IF NOT EXISTS'))).toBe(true);
  });
});
