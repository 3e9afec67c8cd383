import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProjectRoot } from '../../src/project-root.js';
import { TestHelper } from '../support/test-helper.js';

const run = promisify(execFile);
const root = findProjectRoot();
const script = join(root, 'examples/analyst/overlap.py');
const requirements = join(root, 'examples/analyst/requirements.txt');
/** Ignored by git; made once, reused while requirements.txt is unchanged. */
const venv = join(root, '.cache/analyst-venv');
const venvPython = join(venv, 'bin/python');
const installedStamp = join(venv, '.requirements-installed');

const importsAll = async (python: string) => {
  try {
    await run(python, ['-c', 'import pandas, networkx, matplotlib, numpy'], { timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
};

/**
 * A Python that has the example's requirements: python3 itself, else the cached venv, else a venv made
 * now with pip (PyPI must be reachable). Undefined, with the reason, when there is none.
 */
async function findPython(): Promise<{ python?: string; reason?: string }> {
  if (await importsAll('python3')) return { python: 'python3' };
  const wanted = await readFile(requirements, 'utf8');
  const stamp = existsSync(installedStamp) ? await readFile(installedStamp, 'utf8') : undefined;
  if (stamp === wanted && (await importsAll(venvPython))) return { python: venvPython };
  try {
    await run('python3', ['-m', 'venv', '--clear', venv], { timeout: 120_000 });
    await run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements], {
      timeout: 600_000,
    });
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    return { reason: `no python3 with pandas, networkx and matplotlib, and no venv: ${stderr?.trim() || message}` };
  }
  if (!(await importsAll(venvPython))) return { reason: `the venv in ${venv} cannot import its requirements` };
  await writeFile(installedStamp, wanted);
  return { python: venvPython };
}

const { python, reason } = await findPython();
if (!python) console.warn(`analyst-script.test.ts skipped: ${reason}`);

/** The lines of one section of the script's output: those after the heading that starts with `heading`. */
function section(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(heading));
  expect(start, `no section "${heading}" in:\n${stdout}`).toBeGreaterThanOrEqual(0);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith('  '));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the analyst example (examples/analyst/overlap.py) against the service', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  let server: Server;
  let base: string;
  let outDir: string;
  /** Refused once each, as the export gate would, to see the script wait for Retry-After and retry. */
  const refuseOnce = new Map([
    ['/export/skill-demand.csv', { status: 429, code: 'RATE_LIMITED' }],
    ['/export/gaps-to.csv?role=mlops-engineer', { status: 503, code: 'SERVICE_BUSY' }],
  ]);
  const requested: string[] = [];
  let inFlight = 0;
  let mostInFlight = 0;

  beforeAll(async () => {
    const app = helper.app();
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      response.on('close', () => {
        inFlight -= 1;
      });
      const refusal = refuseOnce.get(request.url ?? '');
      if (refusal) {
        refuseOnce.delete(request.url ?? '');
        response.writeHead(refusal.status, { 'content-type': 'application/json', 'retry-after': '1' });
        response.end(JSON.stringify({ errors: [{ message: 'try again', extensions: { code: refusal.code } }] }));
        return;
      }
      app(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    outDir = await mkdtemp(join(tmpdir(), 'skillgraph-analyst-'));
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it.skipIf(!python)(
    'answers the three questions as the API does, draws three charts and reads the GraphML',
    async () => {
      const env = { ...process.env, SKILLGRAPH_URL: 'http://127.0.0.1:9', MPLBACKEND: 'Agg' };
      // The URL argument wins over SKILLGRAPH_URL (which points at a closed port here).
      const { stdout, stderr } = await run(python as string, [script, base, '--out', outDir], {
        env,
        timeout: 120_000,
      });
      // One request at a time; a 429 and a 503 each waited for (Retry-After: 1) and retried once.
      expect(mostInFlight).toBe(1);
      expect(requested).toEqual([
        '/export/overlap.csv?roles=all',
        '/export/skill-demand.csv',
        '/export/skill-demand.csv',
        '/export/gaps-to.csv?role=mlops-engineer',
        '/export/gaps-to.csv?role=mlops-engineer',
        '/export/graph.graphml',
      ]);
      expect(stderr).toMatch(/skill-demand\.csv: 429 RATE_LIMITED, retrying in 1 s/);
      expect(stderr).toMatch(/gaps-to\.csv\?role=mlops-engineer: 503 SERVICE_BUSY, retrying in 1 s/);

      // 1. The top overlapping pair, computed here from the API's matrix: highest Jaccard, ties by keys.
      const { overlapMatrix } = await helper.data('{ overlapMatrix(allRoles: true) { roles { key } jaccard } }');
      const keys: string[] = overlapMatrix.roles.map((role: { key: string }) => role.key);
      const pairs = keys.flatMap((a, i) =>
        keys.map((b, j) => ({ a, b, value: overlapMatrix.jaccard[i][j] as number })).filter(({ a: x, b: y }) => x < y),
      );
      pairs.sort((p, q) => q.value - p.value || (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : 1));
      const top = pairs[0];
      const overlap = section(stdout, 'Which roles overlap most');
      expect(overlap[0]).toMatch(new RegExp(`^ {2}1\\. ${top?.a} & ${top?.b} \\(.*\\): ${top?.value.toFixed(4)}$`));

      // 2. The most required skill.
      const { skillDemand } = await helper.data('{ skillDemand(first: 1) { skill { key } } }');
      expect(section(stdout, 'Which skills are shared by most roles')[0]).toMatch(
        new RegExp(`^ {2}1\\. ${skillDemand[0].skill.key} \\(`),
      );

      // 3. Hours from every role to MLOps Engineer.
      const { gapsTo } = await helper.data(
        '{ gapsTo(role: "mlops-engineer", first: 100) { total gaps { role { key } hours } } }',
      );
      const printed = new Map(
        section(stdout, 'How many hours from each role to').map((line) => {
          const match = /^ {2}(\S+) \(.*\): (\d+) h, coverage/.exec(line);
          expect(match, line).not.toBeNull();
          return [match?.[1], Number(match?.[2])] as const;
        }),
      );
      expect(printed.size).toBe(gapsTo.total);
      for (const { role, hours } of gapsTo.gaps) expect(printed.get(role.key), role.key).toBe(hours);

      // 4. GraphML opened in networkx: as many roles as the graph holds.
      const { stats } = await helper.data('{ stats { roles } }');
      expect(stdout).toMatch(new RegExp(`^ {2}nodes: .*\\bRole ${stats.roles}\\b`, 'm'));

      for (const chart of ['overlap-heatmap.png', 'skill-demand.png', 'gaps-to.png']) {
        const file = join(outDir, chart);
        expect((await stat(file)).size, chart).toBeGreaterThan(1_000);
        expect((await readFile(file)).subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
      }
    },
    180_000,
  );

  it.skipIf(!python)('exits non-zero on an HTTP error', async () => {
    const failed = await run(python as string, [script, base, '--out', outDir, '--target', 'no-such-role'], {
      timeout: 60_000,
    }).catch((error: { code?: number; stderr?: string }) => error);
    expect((failed as { code?: number }).code).toBe(1);
    expect((failed as { stderr?: string }).stderr).toMatch(/gaps-to\.csv\?role=no-such-role: HTTP 404/);
  });
});
