import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/domain/api-keys.js';
import { type ServiceProcess, startService } from '../support/service-process.js';
import { graphFixture, projectRoot, TestHelper } from '../support/test-helper.js';

const execFileAsync = promisify(execFile);
const EXAMPLE = join(projectRoot, 'examples', 'learning-path-app');
const MANIFEST = join(EXAMPLE, 'src', 'gql', 'persisted-documents.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The example app's command line, as its README runs it, against `service`. */
async function learningPath(service: ServiceProcess, env: Record<string, string>, ...args: string[]): Promise<Run> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [join(EXAMPLE, 'dist', 'main.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', SKILLGRAPH_URL: `${service.baseUrl}/graphql`, ...env },
      timeout: 20_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

/** Points an anonymous client may spend per window on the open service: one page of the app's query. */
const ANONYMOUS_BUDGET = 400;

const PLAN_LINES = [
  '  1. Math — 30 h (30 h in all; prerequisite)',
  '  2. Python — 30 h (60 h in all; prerequisite)',
  '  3. Stats — 40 h (100 h in all; essential)',
  '  4. Ml — 60 h (160 h in all; essential)',
];

describe('the example app (examples/learning-path-app), built and run against the service', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: {
        analyst: { skills: [['sql']], tools: ['excel'] },
        scientist: { skills: [['stats'], ['ml']], tools: ['jupyter'] },
      },
      skills: {
        sql: { hours: 20 },
        math: { hours: 30 },
        stats: { hours: 40, prerequisites: ['math'] },
        python: { hours: 30 },
        ml: { hours: 60, prerequisites: ['stats', 'python'] },
      },
      tools: { excel: {}, jupyter: { name: 'Jupyter' } },
    }),
  });
  let locked: ServiceProcess;
  let open: ServiceProcess;
  let key: string;

  beforeAll(async () => {
    // codegen from schema/schema.graphql, then tsc: what the README tells an app team to run
    await execFileAsync('npm', ['run', 'build', '--silent', '-w', 'learning-path-app'], {
      cwd: projectRoot,
      timeout: 120_000,
    });
    const database = helper.database;
    key = (await createApiKey(database, { name: 'example-app' })).key;
    [locked, open] = await Promise.all([
      startService({
        PERSISTED_ONLY: 'true',
        PERSISTED_OPERATIONS_FILE: MANIFEST,
        ANONYMOUS_ACCESS: 'false',
        RATE_LIMIT_WINDOW_S: '2',
      }),
      // anonymous clients get about one of the app's requests per two-second window
      startService({ RATE_LIMIT_WINDOW_S: '2', RATE_LIMIT_ANONYMOUS_POINTS: String(ANONYMOUS_BUDGET) }),
    ]);
  }, 180_000);

  afterAll(() => {
    for (const service of [locked, open]) service?.child.kill('SIGTERM');
  });

  it('prints the whole plan through trusted documents with its API key, a page at a time', async () => {
    const run = await learningPath(
      locked,
      { SKILLGRAPH_API_KEY: key, SKILLGRAPH_PERSISTED: 'trusted' },
      '--role',
      'analyst',
      '--to',
      'scientist',
      '--page-size',
      '3',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('To scientist: 4 skills, 160 h.');
    expect(run.stdout).toContain(PLAN_LINES.join('\n'));
    expect(run.stdout).toContain('Tools to pick up: Jupyter.');
    expect(run.stdout).toMatch(/Graph version [0-9a-f-]{36}\./);
  });

  it('the locked-down service refuses the same app without a key, and any query not in the manifest', async () => {
    const run = await learningPath(locked, { SKILLGRAPH_PERSISTED: 'trusted' }, '--to', 'scientist');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\(UNAUTHENTICATED\)/);

    const adHoc = await fetch(`${locked.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: '{ roles(first: 1) { totalCount } }' }),
    });
    const body = (await adHoc.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('names an unknown role with the service’s suggestions, and exits 2', async () => {
    const run = await learningPath(
      locked,
      { SKILLGRAPH_API_KEY: key, SKILLGRAPH_PERSISTED: 'trusted' },
      '--to',
      'scientst',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/No role/);
    expect(run.stderr).toContain('Did you mean: Scientist?');
  });

  it('lowers a page size over the service’s limit to the limit it reports (LIMIT_EXCEEDED)', async () => {
    const run = await learningPath(
      locked,
      { SKILLGRAPH_API_KEY: key, SKILLGRAPH_PERSISTED: 'trusted' },
      '--to',
      'scientist',
      '--page-size',
      '5000',
    );
    expect(run.stderr).toBe('The service pages at most 100 steps at a time; asking for 100.\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('To scientist: 4 skills, 160 h.');
  });

  it('waits out a 429 (Retry-After) and finishes the plan', async () => {
    const run = await learningPath(open, {}, '--to', 'scientist', '--page-size', '1');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Rate limited; waiting \d+ s as the service asks\./);
    expect(run.stdout).toContain(PLAN_LINES.join('\n'));
  });

  it('uses automatic persisted queries against an open service, with no key', async () => {
    const first = await learningPath(open, {}, '--to', 'scientist');
    const second = await learningPath(open, {}, '--to', 'scientist');
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(first.stdout).toContain(PLAN_LINES.join('\n'));
  });
});
