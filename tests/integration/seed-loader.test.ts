import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSeed, seedIfEmpty } from '../../src/seed/load-seed.js';
import type { SeedGraph } from '../../src/seed/seed-model.js';
import { SeedWriteError, writeSeed } from '../../src/seed/write-seed.js';
import { graphSnapshot } from '../support/graph-snapshot.js';
import { cliCommand } from '../support/service-process.js';
import { graphFixture, projectRoot, TestHelper } from '../support/test-helper.js';

const fixture = (name: string) => join(projectRoot, 'tests', 'fixtures', name);

describe('writing the seed', () => {
  const helper = TestHelper.forSuite();
  let small: SeedGraph;

  beforeEach(async () => {
    await helper.resetGraph();
    small = await loadSeed(projectRoot, fixture('seed-small'));
  });

  it('creates every node and relationship, with integer hours and levels', async () => {
    const report = await writeSeed(helper.database, small);
    expect(report.nodes).toEqual({
      Role: { created: 1, updated: 0, unchanged: 0 },
      Skill: { created: 3, updated: 0, unchanged: 0 },
      Tool: { created: 1, updated: 0, unchanged: 0 },
    });
    expect(report.relationships).toEqual({
      REQUIRES: { created: 3, updated: 0, removed: 0 },
      USES: { created: 1, updated: 0, removed: 0 },
      SUPPORTS: { created: 1, updated: 0, removed: 0 },
      PREREQUISITE_OF: { created: 2, updated: 0, removed: 0 },
      RELATED_TO: { created: 1, updated: 0, removed: 0 },
      SAME_AS: { created: 0, updated: 0, removed: 0 },
    });
    const snapshot = await graphSnapshot(helper.database);
    expect(snapshot.nodes.find((n) => n.includes('"key":"statistics"'))).toContain('learningHours:INTEGER NOT NULL');
    expect(snapshot.relationships.filter((r) => r.includes('"type":"REQUIRES"'))).toHaveLength(3);
    expect(snapshot.relationships.find((r) => r.includes('"type":"REQUIRES"'))).toContain('level:INTEGER NOT NULL');
    expect(snapshot.relationships).toContainEqual(expect.stringContaining('"from":"python-programming"'));
  });

  it('is idempotent: a second run creates and changes nothing', async () => {
    await writeSeed(helper.database, small);
    const before = await graphSnapshot(helper.database);
    const report = await writeSeed(helper.database, small);
    expect(Object.values(report.nodes).every((c) => c.created === 0 && c.updated === 0)).toBe(true);
    expect(Object.values(report.relationships).every((c) => c.created + c.updated + c.removed === 0)).toBe(true);
    expect(await graphSnapshot(helper.database)).toEqual(before);
  });

  it('reports updates and removes relationships the seed no longer has', async () => {
    await writeSeed(helper.database, small);
    const role = small.roles[0];
    if (!role) throw new Error('fixture has a role');
    const edited: SeedGraph = {
      ...small,
      roles: [
        {
          ...role,
          description: 'Edited.',
          skills: role.skills
            .filter((s) => s.skill !== 'python-programming')
            .map((s) => (s.skill === 'statistics' ? { ...s, level: 5 } : s)),
        },
      ],
    };
    const report = await writeSeed(helper.database, edited);
    expect(report.nodes.Role).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(report.relationships.REQUIRES).toEqual({ created: 0, updated: 1, removed: 1 });
  });

  it('with reset, replaces every role, skill and tool with the seed', async () => {
    await helper.writeGraph(graphFixture({ skills: { stray: {} } }));
    const report = await writeSeed(helper.database, small, { reset: true });
    expect(report.reset).toEqual({ deletedNodes: 1 });
    const keys = await helper.database.read(async (tx) =>
      (await tx.run('MATCH (n:Entity) RETURN n.key AS key ORDER BY key')).records.map((r) => r.get('key')),
    );
    expect(keys).toEqual(['data-scientist', 'machine-learning', 'pandas', 'python-programming', 'statistics']);
  });

  it('writes all or nothing: a conflict half-way leaves the graph as it was', async () => {
    await helper.writeGraph(graphFixture({ tools: { statistics: { name: 'A tool squatting a skill key' } } }));
    const before = await graphSnapshot(helper.database);
    const failure = await writeSeed(helper.database, small).catch((error) => error);
    expect(failure).toBeInstanceOf(SeedWriteError);
    expect(failure.outcome).toBe('not-written');
    expect(failure.message).toBe(
      'The seed was not written: it has the skill "statistics", but the graph already has a node :Tool:Entity ' +
        'with that key. Rename one of them, or run `npm run seed -- --reset` to replace every curated Role, Skill and Tool ' +
        'with the seed.',
    );
    expect(failure.cause).toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    expect(await graphSnapshot(helper.database)).toEqual(before);
  });

  it('seeds at start-up only when the graph is empty', async () => {
    const first = await seedIfEmpty(helper.database, projectRoot);
    expect(first?.nodes.Role.created).toBeGreaterThanOrEqual(18);
    expect(await seedIfEmpty(helper.database, projectRoot)).toBeNull();
  });

  it('is idempotent on the real seed too', async () => {
    const seed = await loadSeed(projectRoot);
    await writeSeed(helper.database, seed);
    const before = await graphSnapshot(helper.database);
    await writeSeed(helper.database, seed);
    expect(await graphSnapshot(helper.database)).toEqual(before);
    expect(before.nodes).toHaveLength(seed.roles.length + seed.skills.length + seed.tools.length);
  });
});

describe('npm run seed', () => {
  const helper = TestHelper.forSuite();
  const seedCli = cliCommand('seed');

  it('validates first, reports every problem with file and line, exits non-zero and writes nothing', async () => {
    await writeSeed(helper.database, await loadSeed(projectRoot, fixture('seed-small')));
    const before = await graphSnapshot(helper.database);
    const failure = await seedCli('--dir', fixture('seed-invalid')).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('The seed has 3 problems; nothing was written.');
    expect(failure.stderr).toMatch(
      /graph\.yaml:\d+: skills\[1\] \(probability\): prerequisite cycle: probability → statistics → probability/,
    );
    expect(failure.stderr).toMatch(/graph\.yaml:\d+: roles\[0\] \(analyst\): skills\[0\]\.level: must be 1 to 5/);
    expect(failure.stderr).toMatch(/roles\[1\] \(reporting-analyst\): skills\[0\]: unknown skill "spreadsheets"/);
    expect(await graphSnapshot(helper.database)).toEqual(before);
  });

  /** The lines of a failed run's stderr, which must hold no stack trace. */
  const failureLines = async (...args: string[]): Promise<string[]> => {
    const failure = await seedCli(...args).then(
      () => {
        throw new Error('expected the seed command to fail');
      },
      (error) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).not.toMatch(/^\s+at /m);
    return failure.stderr.split('\n').filter((line: string) => line.trim() !== '');
  };

  it('says in one line that --dir lacks its value, or names a folder that does not exist', async () => {
    expect(await failureLines('--check', '--dir')).toEqual([
      "Option '--dir <value>' argument missing; see `npm run seed -- --help`.",
    ]);
    expect(await failureLines('--check', '--dir', 'no-such-seed-folder')).toEqual([
      `The seed folder ${join(projectRoot, 'no-such-seed-folder')} does not exist.`,
    ]);
  });

  it('reports invalid UTF-8 and a YAML alias bomb with file and line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'skillgraph-seed-'));
    try {
      await writeFile(
        join(dir, 'latin1.yaml'),
        Buffer.concat([Buffer.from('# fields\nskills:\n  - key: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
      );
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
      for (const [name, previous] of [
        ['b', 'a'],
        ['c', 'b'],
        ['d', 'c'],
        ['e', 'd'],
        ['f', 'e'],
        ['g', 'f'],
      ]) {
        bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
      }
      await writeFile(join(dir, 'laughs.yaml'), `${bomb.join('\n')}\n`);
      const lines = await failureLines('--check', '--dir', dir);
      expect(lines).toEqual([
        'The seed has 2 problems; nothing was written.',
        `  ${join(dir, 'latin1.yaml')}:3: (file): not valid UTF-8: byte 0xE9 at column 13; save the file as UTF-8`,
        `  ${join(dir, 'laughs.yaml')}:2: (file): YAML aliases expand past the limit of 100 copies (an alias bomb?); write the values out`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the key in one line when a node outside the seed already holds it', async () => {
    await helper.writeGraph(graphFixture({ tools: { statistics: { name: 'A tool squatting a skill key' } } }));
    const lines = await failureLines('--dir', fixture('seed-small'));
    expect(lines).toEqual([
      'The seed was not written: it has the skill "statistics", but the graph already has a node :Tool:Entity ' +
        'with that key. Rename one of them, or run `npm run seed -- --reset` to replace every curated Role, Skill and Tool ' +
        'with the seed.',
    ]);
  });

  it('prints what it created and updated, and --reset replaces the graph', async () => {
    const { stdout } = await seedCli('--reset');
    expect(stdout).toMatch(/^reset: deleted \d+ nodes$/m);
    expect(stdout).toMatch(/^Role: \d+ created, 0 updated, 0 unchanged$/m);
    expect(stdout).toMatch(/^REQUIRES: \d+ created, 0 updated, 0 removed$/m);
    const again = await seedCli();
    expect(again.stdout).toMatch(/^Skill: 0 created, 0 updated, \d+ unchanged$/m);
  });
});
