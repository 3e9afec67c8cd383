import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { projectRoot } from './test-helper.js';

const execFileAsync = promisify(execFile);

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface ServiceProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Everything it has written to stdout and stderr so far. */
  output(): string;
}

/** Runs `src/main.ts` as a child process against the test Neo4j, on a free loopback port. */
export function spawnService(env: Record<string, string> = {}, port?: number): Promise<ServiceProcess> {
  return (async () => {
    const neo4j = inject('neo4j');
    const listenOn = port ?? (await freePort());
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: String(listenOn),
        HOST: '127.0.0.1',
        NEO4J_URI: neo4j.uri,
        NEO4J_USERNAME: neo4j.username,
        NEO4J_PASSWORD: neo4j.password,
        NEO4J_DATABASE: neo4j.database,
        SEED_ON_START: 'false',
        ...env,
      },
    });
    child.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    return { child, port: listenOn, baseUrl: `http://127.0.0.1:${listenOn}`, output: () => output };
  })();
}

/** Runs the service and resolves once it serves GraphQL. */
export async function startService(env: Record<string, string> = {}): Promise<ServiceProcess> {
  const service = await spawnService(env);
  const deadline = Date.now() + 45_000;
  while (!service.output().includes('SkillGraph is serving GraphQL')) {
    if (service.child.exitCode !== null || Date.now() > deadline) {
      service.child.kill('SIGKILL');
      throw new Error(`service did not start:\n${service.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return service;
}

/**
 * A command-line entry point of src/cli run as `npm run` would run it, against the test Neo4j: resolves
 * with its output, rejects (with `code`, `stdout`, `stderr`) when it exits non-zero.
 */
export function cliCommand(script: string) {
  const neo4j = inject('neo4j');
  const env = {
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: neo4j.username,
    NEO4J_PASSWORD: neo4j.password,
    NEO4J_DATABASE: neo4j.database,
  };
  return (...args: string[]) =>
    execFileAsync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
      cwd: projectRoot,
      env,
      maxBuffer: 50_000_000,
    });
}
