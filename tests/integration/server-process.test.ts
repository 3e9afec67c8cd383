import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceProcess, spawnService, startService } from '../support/service-process.js';

describe('the service process (src/main.ts) against a given NEO4J_URI', () => {
  let service: ServiceProcess;

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(() => {
    if (service.child.exitCode === null) service.child.kill('SIGKILL');
  });

  it('serves /ready and GraphQL over HTTP', async () => {
    expect((await fetch(`${service.baseUrl}/ready`)).status).toBe(200);
    const response = await fetch(`${service.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({
      data: { __typename: 'Query' },
      extensions: { graphVersion: expect.any(String) },
    });
  });

  it('logs one JSON line per request with its request id', () => {
    const requestLines = service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === 'request');
    expect(requestLines).toContainEqual(
      expect.objectContaining({ method: 'GET', path: '/ready', status: 200, requestId: expect.any(String) }),
    );
  });

  it('drains and exits 0 on SIGTERM without touching a Neo4j it did not start', async () => {
    service.child.kill('SIGTERM');
    const [code] = await once(service.child, 'exit');
    expect(code).toBe(0);
    expect(service.output()).toContain('"msg":"stopped"');
    expect(service.output()).not.toContain('Stopping the managed Neo4j');
  });
});

describe('the service process when it cannot start', () => {
  it('ends with one clear log line, no stack trace, and exit code 1 (wrong NEO4J_PASSWORD)', async () => {
    const { child, output: outputSoFar } = await spawnService({
      NEO4J_PASSWORD: 'not-the-password',
      LOG_LEVEL: 'info',
      DEBUG: '',
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    const output = outputSoFar();
    const lines = output.split('\n').filter((line) => line.trim() !== '');
    expect(output).not.toMatch(/^\s+at /m);
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: 60, msg: expect.stringMatching(/^SkillGraph could not start: /) });
    expect(entry.msg).toContain('NEO4J_PASSWORD');
    expect(entry.msg).not.toContain('not-the-password');
  });
});
