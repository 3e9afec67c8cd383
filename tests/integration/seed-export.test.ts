import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportSeed } from '../../src/seed/export-seed.js';
import { loadSeed, seedDirectory } from '../../src/seed/load-seed.js';
import { readSeedRecord } from '../../src/seed/seed-record.js';
import { writeSeed } from '../../src/seed/write-seed.js';
import { writeSeedFolder } from '../../src/seed/write-seed-folder.js';
import { writeImportedDataScientist } from '../support/curation-fixtures.js';
import { graphSnapshot } from '../support/graph-snapshot.js';
import { cliCommand } from '../support/service-process.js';
import { graphFixture, projectRoot, TestHelper } from '../support/test-helper.js';

/** Every file of a folder, by its path inside it, with its text. */
async function filesOf(dir: string): Promise<Record<string, string>> {
  const names = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  return Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')])),
  );
}

/** The graph and what the seed writer records for the export, for comparing two seedings. */
async function fullSnapshot(helper: TestHelper) {
  return {
    graph: await graphSnapshot(helper.database),
    crosswalk: (await helper.database.read(readSeedRecord)).links,
  };
}

/** Seeds the folder as `npm run seed -- --reset --dir DIR` does. */
async function seedFrom(helper: TestHelper, dir: string) {
  return writeSeed(helper.database, await loadSeed(projectRoot, dir), { reset: true });
}

describe('npm run seed:export, in-process', () => {
  const helper = TestHelper.forSuite();
  let work: string;
  let seedFiles: Record<string, string>;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'seed-export-'));
    seedFiles = await filesOf(seedDirectory(projectRoot));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  beforeEach(async () => {
    await helper.resetGraph();
    // An imported node the crosswalk links to, so that SAME_AS is part of what must come back.
    await writeImportedDataScientist(helper);
    await seedFrom(helper, seedDirectory(projectRoot));
  });

  it('writes the repository’s seed folder back byte for byte, comments and line breaks included', async () => {
    const started = performance.now();
    const exported = await exportSeed(helper.database);
    const out = join(work, 'identical');
    await writeSeedFolder(out, exported.files);
    console.log(`seed:export of the seed: ${(performance.now() - started).toFixed(0)} ms`);

    expect(await filesOf(out)).toEqual(seedFiles);
    expect(exported.added).toEqual([]);
    expect(exported.removed).toEqual([]);
    expect(exported.counts).toEqual({ roles: 23, skills: 194, tools: 111, links: 65 });
  });

  it('round trip: seeding the exported folder gives the identical graph, SAME_AS and crosswalk included', async () => {
    const before = await fullSnapshot(helper);
    expect(before.graph.relationships.filter((r) => r.includes('"type":"SAME_AS"'))).toHaveLength(1);
    const out = join(work, 'round-trip');
    await writeSeedFolder(out, (await exportSeed(helper.database)).files);

    const report = await seedFrom(helper, out);
    expect(report.reset?.deletedNodes).toBe(328);
    expect(await fullSnapshot(helper)).toEqual(before);
  });

  it('after changes made with Cypher, writes only what changed, and seeding that gives the changed graph', async () => {
    // As the API's writes will: nameLower with the name, source 'seed' on nodes and relationships.
    await helper.writeCypher(
      `MATCH (statistics:Skill {key: 'statistics'}), (python:Skill {key: 'python-programming'})
       CREATE (new:Skill:Entity {key: 'hierarchical-modelling', name: 'Hierarchical Modelling',
                                 nameLower: 'hierarchical modelling', aliases: ['multilevel models'],
                                 category: 'mathematics', learningHours: 50, source: 'seed',
                                 description: $description})
       CREATE (statistics)-[:PREREQUISITE_OF {source: 'seed'}]->(new)
       CREATE (python)-[:PREREQUISITE_OF {source: 'seed'}]->(new)
       WITH 1 AS done
       MATCH (role:Role {key: 'data-scientist'})
       SET role.name = 'Data Scientist (Statistics)', role.nameLower = 'data scientist (statistics)'
       WITH 1 AS done
       MATCH (:Role {key: 'data-scientist'})-[requires:REQUIRES]->(:Skill {key: 'sql-querying'})
       DELETE requires`,
      {
        description:
          'Modelling data that comes in groups (pupils in schools, patients in hospitals) with effects that vary ' +
          'by group and are drawn from a common distribution, so small groups borrow strength from large ones.',
      },
    );
    const changed = await fullSnapshot(helper);
    const exported = await exportSeed(helper.database);
    expect(exported.added).toEqual([
      { section: 'skills', key: 'hierarchical-modelling', file: 'skills-foundations.yaml' },
    ]);
    expect(exported.removed).toEqual([]);

    const out = join(work, 'changed');
    await writeSeedFolder(out, exported.files);
    const files = await filesOf(out);
    // Every other file as it was; in these two, only the changed lines.
    expect(Object.keys(files)).toEqual(Object.keys(seedFiles));
    for (const name of ['crosswalk.yaml', 'skills-ml.yaml', 'skills-people.yaml', 'tools.yaml']) {
      expect(files[name]).toBe(seedFiles[name]);
    }
    expect(files['roles.yaml']).toBe(
      seedFiles['roles.yaml']
        ?.replace('    name: Data Scientist\n', '    name: Data Scientist (Statistics)\n')
        .replace('      - { skill: sql-querying, importance: ESSENTIAL, level: 3 }\n', ''),
    );
    // After the last mathematics skill, before the data skills' heading.
    const newEntry = [
      '  - key: hierarchical-modelling',
      '    name: Hierarchical Modelling',
      '    aliases: [multilevel models]',
      '    category: mathematics',
      '    learningHours: 50',
      '    description: >-',
      '      Modelling data that comes in groups (pupils in schools, patients in hospitals) with effects that',
      '      vary by group and are drawn from a common distribution, so small groups borrow strength from large',
      '      ones.',
      '    prerequisites: [python-programming, statistics]',
      '',
    ].join('\n');
    const dataHeading = '  # ---------------------------------------------------------------- data\n';
    expect(files['skills-foundations.yaml']).toBe(
      seedFiles['skills-foundations.yaml']?.replace(dataHeading, `${newEntry}${dataHeading}`),
    );

    await seedFrom(helper, out);
    expect(await fullSnapshot(helper)).toEqual(changed);
    // And the layout recorded by that seed gives the same files again.
    expect((await exportSeed(helper.database)).files.map((file) => file.text)).toEqual(
      exported.files.map((file) => file.text),
    );
  });

  it('refuses a graph the seed files cannot hold, and one never seeded from files', async () => {
    await helper.writeCypher(
      `MATCH (a:Role {key: 'data-scientist'}), (b:Role {key: 'data-analyst'})
       CREATE (a)-[:RELATED_TO {source: 'seed'}]->(b)`,
    );
    await expect(exportSeed(helper.database)).rejects.toThrow(
      'data-scientist -[:RELATED_TO]-> data-analyst: a relationship the seed does not have',
    );

    await helper.writeGraph(graphFixture({ skills: { statistics: {} } }));
    await helper.writeCypher(`MATCH (f:SeedFile) DETACH DELETE f`);
    await expect(exportSeed(helper.database)).rejects.toThrow('run `npm run seed` once, then export again');
  });
});

describe('npm run seed:export, the command', () => {
  const helper = TestHelper.forSuite();
  const seedExport = cliCommand('seed-export');
  let work: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'seed-export-cli-'));
    await seedFrom(helper, seedDirectory(projectRoot));
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  const failureOf = async (...args: string[]) => {
    const failure = await seedExport(...args).then(
      () => {
        throw new Error('expected seed:export to fail');
      },
      (error) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).not.toMatch(/^\s+at /m);
    return failure.stderr as string;
  };

  it('writes the seed files with progress, refuses a folder that is not empty, and replaces it with --force', async () => {
    const out = join(work, 'out');
    const first = await seedExport('--dir', out);
    expect(first.stdout).toMatch(
      /Wrote 6 seed files \(23 roles, 194 skills, 111 tools, 65 crosswalk links\) to .*out in \d+\.\d s\./,
    );
    // Not a terminal: progress comes as plain lines.
    expect(first.stderr).toMatch(/writing seed files .*100% \| 6\/6 files/);
    expect(await filesOf(out)).toEqual(await filesOf(seedDirectory(projectRoot)));

    await writeFile(join(out, 'notes.txt'), 'a curator’s notes');
    expect(await failureOf('--dir', out)).toContain(
      `${out} is not empty (it holds 7 files or folders); export into an empty or new folder, or add --force`,
    );
    expect(await readdir(out)).toContain('notes.txt');

    await seedExport('--dir', out, '--force');
    expect(await filesOf(out)).toEqual(await filesOf(seedDirectory(projectRoot)));
    // Nothing left next to it.
    expect((await readdir(work)).sort()).toEqual(['out']);
  });

  it('names a bad option, a missing --dir and a --dir that is a file, with exit code 1', async () => {
    expect(await failureOf('--dir', join(work, 'x'), '--format', 'yaml')).toContain(
      "Unknown option '--format'; see `npm run seed:export -- --help`.",
    );
    expect(await failureOf()).toContain('--dir names the folder to write the seed files into');
    expect(await failureOf('--dir')).toContain("Option '--dir <value>' argument missing");
    const file = join(work, 'a-file');
    await writeFile(file, '');
    expect(await failureOf('--dir', file)).toContain(`${file} is a file, not a folder`);
    expect((await seedExport('--help')).stdout).toContain('usage: npm run seed:export -- --dir DIR [--force]');
  });
});
