import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCliFailure } from '../../src/cli/run-cli.js';
import { ConfigError } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { DatabaseUnavailableError, LimitExceededError } from '../../src/errors.js';
import { loadSeed, SeedValidationError, seedIfEmpty } from '../../src/seed/load-seed.js';
import { parseSeedText, type SeedEntries } from '../../src/seed/read-seed-files.js';
import { SeedError } from '../../src/seed/seed-errors.js';
import { formatProblem, type SeedGraph, type SeedProblem } from '../../src/seed/seed-model.js';
import { describeSeedWriteFailure, SeedWriteError, writeSeed } from '../../src/seed/write-seed.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

const validSkill =
  'skills:\n  - key: statistics\n    name: Statistics\n    category: data\n    learningHours: 10\n    description: d\n';

describe('reading seed files', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'skillgraph-seed-'));
    await mkdir(join(root, 'seed'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  const problemsOf = async (): Promise<string[]> => {
    const error = await loadSeed(root, join(root, 'seed')).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof SeedValidationError)) throw new Error(`expected a SeedValidationError, got ${error}`);
    return error.problems.map(formatProblem);
  };

  it('rejects invalid UTF-8 with the file, line and column of the first bad byte', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('skills:\n  - key: cafe\n    name: Caf'),
      Buffer.from([0xe9]), // é in Latin-1, not UTF-8
      Buffer.from(' au lait\n    category: data\n    learningHours: 10\n    description: d\n'),
    ]);
    await writeFile(join(root, 'seed', 'latin1.yaml'), latin1);
    await writeFile(join(root, 'seed', 'ok.yaml'), validSkill.replace('statistics', 'other'));
    expect(await problemsOf()).toEqual([
      'seed/latin1.yaml:3: (file): not valid UTF-8: byte 0xE9 at column 14; save the file as UTF-8',
    ]);
  });

  it('finds a bad byte after multi-byte characters and a truncated sequence at the end', async () => {
    await writeFile(
      join(root, 'seed', 'a.yaml'),
      Buffer.concat([Buffer.from('# ünïcode ✓ first\n# ✓✓ '), Buffer.from([0xe2, 0x9c]), Buffer.from(' x\n')]),
    );
    await writeFile(join(root, 'seed', 'b.yaml'), Buffer.concat([Buffer.from('# ok\n'), Buffer.from([0xf0, 0x9f])]));
    expect(await problemsOf()).toEqual([
      'seed/a.yaml:2: (file): not valid UTF-8: byte 0xE2 at column 6; save the file as UTF-8',
      'seed/b.yaml:2: (file): not valid UTF-8: byte 0xF0 at column 1; save the file as UTF-8',
    ]);
  });

  it('accepts a UTF-8 byte order mark and the replacement character written on purpose', async () => {
    await writeFile(
      join(root, 'seed', 'bom.yaml'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(validSkill.replace('name: Statistics', 'name: S�'))]),
    );
    const graph = await loadSeed(root, join(root, 'seed'));
    expect(graph.skills[0]?.name).toBe('S�');
  });

  it('refuses a YAML alias bomb with one problem, using the yaml package alias limit', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level <= 8; level++) {
      const previous = `*${String.fromCharCode(96 + level)}`;
      levels.push(
        `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(previous).join(', ')}]`,
      );
    }
    const entries: SeedEntries = { roles: [], skills: [], tools: [], links: [] };
    const problems: SeedProblem[] = [];
    const started = Date.now();
    parseSeedText(`# a billion laughs\n${levels.join('\n')}\n`, 'seed/bomb.yaml', entries, problems);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(problems.map(formatProblem)).toEqual([
      'seed/bomb.yaml:3: (file): YAML aliases expand past the limit of 100 copies (an alias bomb?); write the values out',
    ]);
  });

  it('still accepts a few aliases, and reports one that names no anchor', () => {
    const entries: SeedEntries = { roles: [], skills: [], tools: [], links: [] };
    const problems: SeedProblem[] = [];
    parseSeedText(
      'skills:\n  - key: statistics\n    name: Statistics\n    category: &data data\n    learningHours: 10\n    description: d\n' +
        '  - key: probability\n    name: Probability\n    category: *data\n    learningHours: 10\n    description: d\n',
      'seed/a.yaml',
      entries,
      problems,
    );
    expect(problems).toEqual([]);
    expect(entries.skills.map((s) => s.value.category)).toEqual(['data', 'data']);
    parseSeedText('skills:\n  - *nowhere\n', 'seed/b.yaml', entries, problems);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^seed\/b\.yaml:2: \(file\): not valid YAML: /),
    ]);
  });

  it('says clearly when the seed folder is missing, is a file or has no seed files', async () => {
    const missing = join(root, 'no-such-folder');
    await expect(loadSeed(root, missing)).rejects.toThrow(new SeedError(`The seed folder ${missing} does not exist.`));
    await writeFile(join(root, 'seed.yaml'), validSkill);
    await expect(loadSeed(root, join(root, 'seed.yaml'))).rejects.toThrow(
      new SeedError(`The seed folder ${join(root, 'seed.yaml')} is not a folder.`),
    );
    await writeFile(join(root, 'seed', 'notes.txt'), 'not a seed');
    await expect(loadSeed(root, join(root, 'seed'))).rejects.toThrow(
      new SeedError(`The seed folder ${join(root, 'seed')} has no *.yaml files; nothing was written.`),
    );
  });
});

describe('seed write failures', () => {
  const context = { phase: 'writing', reset: false, timeoutMs: 300_000 } as const;
  const dropped = () => new Neo4jError('Connection was closed by server', 'ServiceUnavailable', '08000', 'error');

  it('says the outcome is unknown when the connection drops while committing, and how to check', () => {
    const error = describeSeedWriteFailure(new DatabaseUnavailableError(dropped()), {
      ...context,
      phase: 'committing',
    });
    expect(error).toBeInstanceOf(SeedWriteError);
    expect(error?.outcome).toBe('unknown');
    expect(error?.message).toBe(
      'The connection to Neo4j dropped while the seed was being committed (Connection was closed by server), so the ' +
        'outcome is unknown: it may or may not have been written. Once Neo4j answers again, run `npm run seed` again: ' +
        'it is idempotent, and reports 0 created if the first run did commit.',
    );
    const raw = describeSeedWriteFailure(new Neo4jError('expired', 'SessionExpired', '08000', 'error'), {
      ...context,
      phase: 'committing',
      reset: true,
    });
    expect(raw?.message).toContain('run `npm run seed -- --reset` again: it is idempotent');
  });

  it('says nothing was written when the connection drops before the commit', () => {
    const error = describeSeedWriteFailure(new DatabaseUnavailableError(dropped()), context);
    expect(error?.outcome).toBe('not-written');
    expect(error?.message).toBe(
      'The connection to Neo4j dropped while the seed was being written (Connection was closed by server); the ' +
        'transaction was rolled back and nothing was written. Once Neo4j answers again, run `npm run seed` again.',
    );
  });

  it('names WRITE_TIMEOUT_MS when the write runs past its limit', () => {
    const timedOut = new LimitExceededError('executionTime', 'The query ran past the execution time limit', {
      max: 300_000,
    });
    expect(describeSeedWriteFailure(timedOut, context)?.message).toBe(
      'The seed write ran past its time limit of 300000 ms and was rolled back; nothing was written. ' +
        'WRITE_TIMEOUT_MS sets the limit.',
    );
    // Neo4j answered, so it rolled back; a limit the client enforces while committing leaves it open.
    const serverSide = new Neo4jError(
      'timed out',
      'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
      '25N05',
      'error',
    );
    expect(describeSeedWriteFailure(serverSide, { ...context, phase: 'committing' })?.outcome).toBe('not-written');
    const clientSide = describeSeedWriteFailure(timedOut, { ...context, phase: 'committing' });
    expect(clientSide?.outcome).toBe('unknown');
    expect(clientSide?.message).toMatch(
      /^The seed write reached its time limit of 300000 ms \(WRITE_TIMEOUT_MS\) while committing, so the outcome is unknown/,
    );
  });

  it('tells a transaction Neo4j stopped at the time limit from one stopped for another reason', () => {
    // What Neo4j answers when it stops a transaction that waits for a lock; Database maps it as unavailable.
    const stopped = new DatabaseUnavailableError(
      new Neo4jError(
        'The transaction has been terminated. Retry your operation in a new transaction.\nMore.',
        'Neo.ClientError.Transaction.LockClientStopped',
        '25N11',
        'error',
      ),
    );
    expect(describeSeedWriteFailure(stopped, { ...context, timeoutMs: 1_000, elapsedMs: 1_200 })?.message).toBe(
      'The seed write ran past its time limit of 1000 ms and was rolled back; nothing was written. ' +
        'WRITE_TIMEOUT_MS sets the limit.',
    );
    const early = describeSeedWriteFailure(stopped, { ...context, timeoutMs: 1_000, elapsedMs: 300 });
    expect(early?.outcome).toBe('not-written');
    expect(early?.message).toBe(
      'The seed write was stopped by Neo4j (The transaction has been terminated. Retry your operation in a new ' +
        'transaction.); it was rolled back and nothing was written. Run `npm run seed` again.',
    );
  });

  it('names the key a node outside the seed already holds', () => {
    const violation = new Neo4jError(
      'Merge did not find a matching node n and can not create a new node due to conflicts with existing unique nodes',
      'Neo.ClientError.Schema.ConstraintValidationFailed',
      '22G03',
      'error',
    );
    const error = describeSeedWriteFailure(violation, {
      ...context,
      conflict: { key: 'statistics', seededAs: 'Skill', labels: ['Tool', 'Entity'] },
    });
    expect(error?.outcome).toBe('not-written');
    expect(error?.message).toBe(
      'The seed was not written: it has the skill "statistics", but the graph already has a node :Tool:Entity with ' +
        'that key. Rename one of them, or run `npm run seed -- --reset` to replace every curated Role, Skill and Tool with the seed.',
    );
    expect(describeSeedWriteFailure(violation, context)?.message).toBe(
      'The seed was not written: Neo4j refused it (Neo.ClientError.Schema.ConstraintValidationFailed): Merge did not ' +
        'find a matching node n and can not create a new node due to conflicts with existing unique nodes',
    );
  });

  it('leaves errors that do not come from the database alone', () => {
    expect(describeSeedWriteFailure(new TypeError('x is not a function'), context)).toBeUndefined();
  });

  it('gives seed writes their own long time limit', async () => {
    const calls: unknown[] = [];
    const database = {
      write: async (_work: unknown, options: unknown) => {
        calls.push(options);
        throw new TypeError('stop here');
      },
    } as unknown as Database;
    const graph: SeedGraph = { roles: [], skills: [], tools: [], links: [] };
    await expect(writeSeed(database, graph)).rejects.toThrow('stop here');
    await expect(writeSeed(database, graph, { timeoutMs: 1_234 })).rejects.toThrow('stop here');
    expect(calls).toEqual([
      { tag: 'seed', timeoutMs: 300_000 },
      { tag: 'seed', timeoutMs: 1_234 },
    ]);
  });

  it('gives the start-up seed the same long limit, not the API execution time limit', async () => {
    const calls: unknown[] = [];
    const database = {
      read: async () => true,
      write: async (_work: unknown, options: unknown) => {
        calls.push(options);
        throw new TypeError('stop here');
      },
    } as unknown as Database;
    await expect(seedIfEmpty(database, projectRoot)).rejects.toThrow('stop here');
    await expect(seedIfEmpty(database, projectRoot, { timeoutMs: 60_000 })).rejects.toThrow('stop here');
    expect(calls).toEqual([
      { tag: 'seed', timeoutMs: 300_000 },
      { tag: 'seed', timeoutMs: 60_000 },
    ]);
  });
});

describe('command-line failures', () => {
  it('prints the message of an expected failure alone', () => {
    expect(describeCliFailure(new ConfigError(['PORT="x": bad']), {})).toBe(
      'Invalid configuration:\n  - PORT="x": bad',
    );
    expect(describeCliFailure(new SeedError('The seed folder /x does not exist.'), {})).toBe(
      'The seed folder /x does not exist.',
    );
    expect(describeCliFailure(new DatabaseUnavailableError(), {})).toBe(
      'The database is unavailable; try again shortly.',
    );
    const withCause = new SeedWriteError('The seed was not written.', 'not-written', { cause: new Error('driver') });
    expect(describeCliFailure(withCause, {})).toBe('The seed was not written.');
    expect(describeCliFailure(withCause, { DEBUG: '1' })).toMatch(
      /^The seed was not written\.\nCaused by: Error: driver\n {4}at /,
    );
  });

  it('prints one line for an unexpected failure, and its stack only when debugging', () => {
    const error = new TypeError('x is not a function\nmore detail');
    expect(describeCliFailure(error, {})).toBe('TypeError: x is not a function (set DEBUG=1 to print the stack trace)');
    expect(describeCliFailure(error, { DEBUG: '1' })).toContain(`TypeError: x is not a function\nmore detail\n    at `);
    expect(describeCliFailure(error, { LOG_LEVEL: 'trace' })).toContain('    at ');
    expect(describeCliFailure(error, { LOG_LEVEL: 'debug' })).toContain('    at ');
    expect(describeCliFailure(error, { LOG_LEVEL: 'info', DEBUG: '' })).not.toContain('    at ');
    expect(describeCliFailure('a thrown string', {})).toBe('a thrown string');
    const connect = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7687'), { code: 'ECONNREFUSED' });
    expect(describeCliFailure(connect, {})).toBe(
      'Error [ECONNREFUSED]: connect ECONNREFUSED 127.0.0.1:7687 (set DEBUG=1 to print the stack trace)',
    );
  });
});
