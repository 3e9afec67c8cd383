import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../support/test-helper.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('the service process (src/main.ts) against a given NEO4J_URI', () => {
  const neo4j = inject('neo4j');
  let child: ChildProcess;
  let output = '';
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        NEO4J_URI: neo4j.uri,
        NEO4J_USERNAME: neo4j.username,
        NEO4J_PASSWORD: neo4j.password,
        NEO4J_DATABASE: neo4j.database,
        SEED_ON_START: 'false',
      },
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 45_000;
    while (!output.includes('SkillGraph is serving GraphQL')) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`service did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves /ready and GraphQL over HTTP', async () => {
    expect((await fetch(`${baseUrl}/ready`)).status).toBe(200);
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('logs one JSON line per request with its request id', () => {
    const requestLines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request');
    expect(requestLines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/ready', status: 200, requestId: expect.any(String) }),
    );
  });

  it('drains and exits 0 on SIGTERM without touching a Neo4j it did not start', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    expect(output).not.toContain('Stopping the managed Neo4j');
  });
});

describe('the service process when it cannot start', () => {
  const neo4j = inject('neo4j');

  it('ends with one clear log line, no stack trace, and exit code 1 (wrong NEO4J_PASSWORD)', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(await freePort()),
        HOST: '127.0.0.1',
        NEO4J_URI: neo4j.uri,
        NEO4J_USERNAME: neo4j.username,
        NEO4J_PASSWORD: 'not-the-password',
        NEO4J_DATABASE: neo4j.database,
        SEED_ON_START: 'false',
        LOG_LEVEL: 'info',
        DEBUG: '',
      },
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    expect(output).not.toMatch(/^\s+at /m);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: 60, msg: expect.stringMatching(/^SkillGraph could not start: /) });
    expect(entry.msg).toContain('NEO4J_PASSWORD');
    expect(entry.msg).not.toContain('not-the-password');
  });
});
