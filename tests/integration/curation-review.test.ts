import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/domain/api-keys.js';
import { MAX_ECHOED_INPUT } from '../../src/errors.js';
import { exportSeed } from '../../src/seed/export-seed.js';
import { loadSeed, seedDirectory } from '../../src/seed/load-seed.js';
import { readSeedRecord } from '../../src/seed/seed-record.js';
import { writeSeed } from '../../src/seed/write-seed.js';
import { checkExportFolder, writeSeedFolder } from '../../src/seed/write-seed-folder.js';
import { newSkillInput, writeImportedDataScientist } from '../support/curation-fixtures.js';
import { graphSnapshot } from '../support/graph-snapshot.js';
import { projectRoot, TestHelper } from '../support/test-helper.js';

/**
 * Issue 16 under review: what a hostile or careless client, and a curator exporting the result, could do
 * to the graph, the audit trail and the seed files. Each test is a bug found in review, fixed.
 */

const RESULT = `__typename
  ... on GraphWrite { graphVersion changes { sequence operation key } }
  ... on ValidationError { message problems { path message cycle } }
  ... on ConflictError { message path expected actual }
  ... on NotFoundError { message path kind key }`;

const APPLY = `mutation ($changes: [GraphChangeInput!]!, $expected: String) {
  applyChanges(changes: $changes, expectedGraphVersion: $expected) { ${RESULT} }
}`;

describe('curation review', () => {
  const helper = TestHelper.forSuite();
  let writeKey: string;
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'curation-review-'));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  beforeEach(async () => {
    await helper.resetGraph();
    await writeImportedDataScientist(helper);
    await writeSeed(helper.database, await loadSeed(projectRoot, seedDirectory(projectRoot)), { reset: true });
    // After the reset, which deletes every node but the migrations' (keys too).
    writeKey = (await createApiKey(helper.database, { name: 'curator', scopes: ['read', 'write'] })).key;
  });

  async function apply(changes: unknown[], extra: Record<string, unknown> = {}) {
    const { body } = await helper.graphql(APPLY, {
      variables: { changes, ...extra },
      headers: { authorization: `Bearer ${writeKey}` },
    });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.applyChanges as Record<string, any>;
  }

  it('quotes at most MAX_ECHOED_INPUT characters of a client’s input in a typed failure', async () => {
    // The README: "The messages SkillGraph writes quote at most 100 characters of a client's input (a 10 MB
    // argument gives a short error)". Typed failures quoted keys, labels and versions whole.
    const long = 'x'.repeat(5000);
    const failures = [
      await apply([{ updateSkill: { key: long, name: 'X' } }]),
      await apply([{ requireSkill: { role: long, skill: 'statistics', importance: 'ESSENTIAL', level: 2 } }]),
      await apply([{ createSkill: newSkillInput('abc', { aliases: [long, long.toUpperCase()] }) }]),
      await apply([{ updateSkill: { key: 'statistics', name: 'Y' } }], { expected: long }),
      await apply([{ updateSkill: { key: 'statistics', name: 'Y', expectedUpdatedAt: long } }]),
      await apply([{ createSkill: newSkillInput(`esco-${long}`) }]),
    ];
    expect(failures.map((failure) => failure.__typename)).toEqual([
      'NotFoundError',
      'NotFoundError',
      'ValidationError',
      'ConflictError',
      'ValidationError',
      'ValidationError',
    ]);
    const bound = 2 * MAX_ECHOED_INPUT + 200;
    for (const failure of failures) {
      expect(failure.message.length).toBeLessThan(bound);
      for (const problem of failure.problems ?? []) expect(problem.message.length).toBeLessThan(bound);
    }
  });

  it('changes(since:) after year 9999 keeps no change, and before year 0 keeps every one', async () => {
    // Stored times are ISO text compared as text: "+275760-…" sorted before "2026-…" and kept everything.
    await apply([{ updateSkill: { key: 'statistics', learningHours: 61 } }]);
    const count = async (since: string) =>
      (await helper.data(`{ changes(since: "${since}", first: 5) { totalCount } }`)).changes.totalCount;
    const all = await count('2000-01-01T00:00:00Z');
    expect(all).toBeGreaterThan(0);
    expect(await count('+275760-09-13T00:00:00.000Z')).toBe(0);
    expect(await count('-000100-01-01T00:00:00.000Z')).toBe(all);
  });

  it('a role deleted and made again through the API is exported without the crosswalk link its deletion removed', async () => {
    // Deleting data-scientist removes its SAME_AS to ESCO (audited); the crosswalk record stayed, so the export
    // of a data-scientist made again gave it back the link, and seeding that export a SAME_AS it never had.
    const before = await helper.database.read(async (tx) =>
      (await tx.run("MATCH (:Role {key: 'data-scientist'})-[r:SAME_AS]->() RETURN count(r) AS n")).records[0]?.get('n'),
    );
    expect(before).toBe(1);
    const deleted = await apply([{ deleteRole: { key: 'data-scientist' } }]);
    expect(deleted.changes.map((c: { key: string }) => c.key)).toContain('data-scientist->esco-data-scientist');
    const made = await apply([
      {
        createRole: {
          key: 'data-scientist',
          name: 'Data Scientist',
          description: 'Made again, without its old links.',
        },
      },
    ]);
    expect(made.__typename).toBe('ChangesPayload');
    expect((await helper.database.read(readSeedRecord)).links.map((link) => link.key)).not.toContain('data-scientist');

    const curated = await graphSnapshot(helper.database);
    const out = join(work, 'recreated');
    await writeSeedFolder(out, (await exportSeed(helper.database)).files);
    await writeSeed(helper.database, await loadSeed(projectRoot, out), { reset: true });
    const seeded = await graphSnapshot(helper.database);
    expect(seeded.relationships).toEqual(curated.relationships);
  });

  it('seed:export --force refuses a folder holding the current directory (`--dir .`, `--dir ..`)', async () => {
    // "replaces it and everything in it": with `--dir .` from the project, the project itself.
    await expect(checkExportFolder(process.cwd(), true)).rejects.toThrow(/current folder/);
    await expect(checkExportFolder(dirname(process.cwd()), true)).rejects.toThrow(/current folder/);
    await expect(checkExportFolder(projectRoot, true)).rejects.toThrow(/current folder|project/);
    // A folder beside it is still replaced when asked.
    expect(await checkExportFolder(work, true)).toEqual(expect.any(Array));
  });

  it('the audit trail names writers only to clients with the write scope', async () => {
    await apply([{ updateSkill: { key: 'statistics', learningHours: 101 } }]);
    const readKey = (await createApiKey(helper.database, { name: 'reader', scopes: ['read'] })).key;
    const trail = '{ changes(entity: "statistics", last: 1) { edges { node { key actor actorKeyId } } } }';
    const entry = async (headers: Record<string, string>) =>
      (await helper.data(trail, { headers })).changes.edges[0].node;
    expect(await entry({})).toEqual({ key: 'statistics', actor: null, actorKeyId: null });
    expect(await entry({ authorization: `Bearer ${readKey}` })).toEqual({
      key: 'statistics',
      actor: null,
      actorKeyId: null,
    });
    expect(await entry({ authorization: `Bearer ${writeKey}` })).toMatchObject({
      key: 'statistics',
      actor: 'curator',
      actorKeyId: expect.any(String),
    });
  });

  it('a revoked write key cannot write at once, though the key cache still holds it', async () => {
    const { key, record } = await createApiKey(helper.database, { name: 'leaving-curator', scopes: ['read', 'write'] });
    const app = helper.app();
    const rename = (name: string) =>
      helper.graphql(`mutation { updateSkill(input: { key: "statistics", name: "${name}" }) { __typename } }`, {
        app,
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await rename('Statistics (curated)')).body.data.updateSkill.__typename).toBe('SkillPayload');
    await revokeApiKey(helper.database, record.id);
    // Reads go on for up to API_KEY_CACHE_MS, as documented; a write is refused at once.
    const read = await helper.graphql('{ skill(key: "statistics") { name } }', {
      app,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(read.body.data.skill.name).toBe('Statistics (curated)');
    const { status, body } = await rename('Statistics (revoked)');
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await helper.data('{ skill(key: "statistics") { name } }', { app })).skill.name).toBe(
      'Statistics (curated)',
    );
  });
});
