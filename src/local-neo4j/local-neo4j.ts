import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { basename, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Config } from '../config.js';
import { tryBoltLogin } from '../database/database.js';
import { ensureCommitNoticesPlugin } from './commit-notices-plugin.js';
import { checkJava, ensureDistribution, javaTool, NEO4J_VERSION } from './distribution.js';
import { LocalNeo4jError } from './local-neo4j-error.js';

const execFileAsync = promisify(execFile);

export interface LocalNeo4jOptions {
  projectRoot: string;
  /** Each instance has its own folder under .neo4j/ (data, logs, conf): `default` for the service, `test` for tests. */
  instance: string;
  port: number;
  password: string;
  heapSize: string;
  pageCacheSize: string;
  log?: (message: string) => void;
  startTimeoutMs?: number;
}

export type LocalNeo4jStatus =
  | { running: false; home: string }
  | { running: true; home: string; pid: number; uri: string; boltReady: boolean };

/**
 * A Neo4j Community server that the project provisions from Maven Central and runs with Neo4j's own
 * launcher (`org.neo4j.server.startup.Neo4jCommand`, what `bin/neo4j start|stop` runs), on loopback only.
 */
export class LocalNeo4j {
  readonly home: string;
  readonly uri: string;
  private readonly neo4jDir: string;
  private readonly log: (message: string) => void;

  constructor(private readonly options: LocalNeo4jOptions) {
    this.neo4jDir = join(options.projectRoot, '.neo4j');
    this.home = join(this.neo4jDir, options.instance);
    this.uri = `bolt://127.0.0.1:${options.port}`;
    this.log = options.log ?? (() => {});
  }

  /** Starts the server and resolves once Bolt accepts an authenticated connection; a no-op when it runs. */
  async start(): Promise<{ alreadyRunning: boolean }> {
    const pid = await this.runningPid();
    if (pid !== undefined) {
      await this.waitForBolt(pid, 60_000);
      return { alreadyRunning: true };
    }
    await checkJava();
    const dist = await ensureDistribution(this.options.projectRoot, this.neo4jDir, this.log);
    const plugin = await ensureCommitNoticesPlugin(this.options.projectRoot, this.neo4jDir, dist, this.log);
    await this.assertPortFree();
    await this.prepareHome(dist, plugin);
    if (!existsSync(join(this.home, 'data', 'dbms', 'auth.ini'))) {
      await this.launcher('Neo4jAdminCommand', ['dbms', 'set-initial-password', this.options.password]);
    }
    this.log(`Starting Neo4j ${NEO4J_VERSION} (${this.displayHome()}) on ${this.uri}…`);
    await this.launcher('Neo4jCommand', ['start']);
    const startedPid = await this.runningPid();
    if (startedPid === undefined) {
      throw new LocalNeo4jError(`Neo4j did not start.\n${await this.logTail()}`);
    }
    try {
      await this.waitForBolt(startedPid, this.options.startTimeoutMs ?? 120_000);
    } catch (error) {
      // A server we launched but cannot use is not left behind holding memory.
      await this.stop();
      throw error;
    }
    return { alreadyRunning: false };
  }

  /** Stops the server and waits until its JVM has exited; a no-op when it does not run. */
  async stop(): Promise<{ wasRunning: boolean }> {
    const pid = await this.runningPid();
    if (pid === undefined) return { wasRunning: false };
    // What `neo4j stop` does, without starting a JVM for it: SIGTERM runs Neo4j's orderly shutdown.
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 60_000))) {
      this.log(`Neo4j (pid ${pid}) did not stop within 60 s; killing it.`);
      process.kill(pid, 'SIGKILL');
      await waitForExit(pid, 10_000);
    }
    await rm(this.pidFile(), { force: true });
    return { wasRunning: true };
  }

  async status(): Promise<LocalNeo4jStatus> {
    const pid = await this.runningPid();
    if (pid === undefined) return { running: false, home: this.home };
    return { running: true, home: this.home, pid, uri: this.uri, boltReady: await this.boltAnswers() };
  }

  private pidFile(): string {
    return join(this.home, 'run', 'neo4j.pid');
  }

  private displayHome(): string {
    return relative(this.options.projectRoot, this.home) || this.home;
  }

  /** The pid in run/neo4j.pid, if that process is alive and is this instance's Neo4j (pids get reused). */
  private async runningPid(): Promise<number | undefined> {
    let pid: number;
    try {
      pid = Number((await readFile(this.pidFile(), 'utf8')).trim());
    } catch {
      return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return undefined;
    try {
      const commandLine = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (!commandLine.includes('org.neo4j') || !commandLine.includes(this.home)) {
        await rm(this.pidFile(), { force: true });
        return undefined;
      }
    } catch {
      // No /proc (not Linux): trust the pid file as Neo4j's own scripts do.
    }
    return pid;
  }

  private async assertPortFree(): Promise<void> {
    const { port } = this.options;
    const problem = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const probe = createServer();
      probe.once('error', (error: NodeJS.ErrnoException) => resolve(error));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(undefined)));
    });
    if (problem?.code === 'EADDRINUSE') {
      throw new LocalNeo4jError(
        `Port ${port} on 127.0.0.1 is already taken by another process, so the managed Neo4j cannot listen there. ` +
          'Stop that process, or choose a free port with NEO4J_LOCAL_PORT (or set NEO4J_URI to use that server).',
      );
    }
    if (problem) throw new LocalNeo4jError(`Cannot listen on 127.0.0.1:${port}: ${problem.message}`);
  }

  private async prepareHome(dist: string, plugin: string | undefined): Promise<void> {
    for (const dir of ['conf', 'data', 'logs', 'run']) {
      await mkdir(join(this.home, dir), { recursive: true });
    }
    // Neo4j's launcher builds its classpath from $NEO4J_HOME/lib and plugins: every instance shares one
    // download, linked, and plugins/ links APOC's jars and the commit-notices plugin built for them.
    const lib = join(this.home, 'lib');
    await rm(lib, { recursive: true, force: true });
    await symlink(join(dist, 'lib'), lib, 'dir');
    const plugins = join(this.home, 'plugins');
    await rm(plugins, { recursive: true, force: true });
    await mkdir(plugins);
    const jars = (await readdir(join(dist, 'plugins'))).map((name) => join(dist, 'plugins', name));
    for (const jar of plugin ? [...jars, plugin] : jars) await symlink(jar, join(plugins, basename(jar)));
    await writeFile(join(this.home, 'conf', 'neo4j.conf'), this.configuration());
  }

  private configuration(): string {
    const { port, heapSize, pageCacheSize } = this.options;
    return [
      '# Written by SkillGraph at every start: change the environment (NEO4J_LOCAL_*), not this file.',
      'server.default_listen_address=127.0.0.1',
      'server.default_advertised_address=127.0.0.1',
      `server.bolt.listen_address=127.0.0.1:${port}`,
      'server.http.enabled=false',
      'server.https.enabled=false',
      'dbms.security.auth_enabled=true',
      // Neo4j's defaults, spelled out: 3 failed logins in a row lock the user for 5 s, for every client
      // (the service too: it answers DATABASE_UNAVAILABLE and /ready 503 meanwhile, and recovers by itself).
      'dbms.security.auth_max_failed_attempts=3',
      'dbms.security.auth_lock_time=5s',
      `server.memory.heap.initial_size=${heapSize}`,
      `server.memory.heap.max_size=${heapSize}`,
      `server.memory.pagecache.size=${pageCacheSize}`,
      'dbms.security.procedures.unrestricted=apoc.*',
      'dbms.usage_report.enabled=false',
      // Bolt waits 5 s twice for clients to go away on shutdown; a local server has none worth waiting for.
      'internal.server.bolt.thread_pool_shutdown_wait_time=1s',
      'internal.server.bolt.connection_shutdown_wait_time=1s',
      'server.jvm.additional=-XX:+UseG1GC',
      'server.jvm.additional=-XX:+ExitOnOutOfMemoryError',
      '',
    ].join('\n');
  }

  private async launcher(command: 'Neo4jCommand' | 'Neo4jAdminCommand', args: string[]): Promise<string> {
    try {
      const { stdout, stderr } = await execFileAsync(
        javaTool('java'),
        ['-cp', `${join(this.home, 'lib')}/*`, `org.neo4j.server.startup.${command}`, ...args],
        {
          env: { ...process.env, NEO4J_HOME: this.home, NEO4J_CONF: join(this.home, 'conf') },
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return `${stdout}${stderr}`;
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      const shown = args.map((arg) => (arg === this.options.password ? '********' : arg)).join(' ');
      throw new LocalNeo4jError(`\`neo4j ${shown}\` failed:\n${`${stdout}${stderr}`.trim()}\n${await this.logTail()}`);
    }
  }

  private async waitForBolt(pid: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: Error | undefined;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) {
        throw new LocalNeo4jError(`Neo4j (pid ${pid}) exited while starting.\n${await this.logTail()}`);
      }
      const login = await tryBoltLogin(this.uri, { username: 'neo4j', password: this.options.password });
      if (login.ok) return;
      lastError = login.error;
      if (login.refused) {
        throw new LocalNeo4jError(
          `The managed Neo4j in ${this.displayHome()} was set up with another password than NEO4J_PASSWORD. ` +
            `Set NEO4J_PASSWORD to the one it was created with, or delete ${this.displayHome()}/data to start afresh.`,
        );
      }
      await sleep(500);
    }
    throw new LocalNeo4jError(
      `Neo4j did not accept Bolt connections on ${this.uri} within ${timeoutMs / 1000} s ` +
        `(last error: ${lastError?.message}).\n${await this.logTail()}`,
    );
  }

  private async boltAnswers(): Promise<boolean> {
    return (await tryBoltLogin(this.uri, { username: 'neo4j', password: this.options.password })).ok;
  }

  private async logTail(lines = 15): Promise<string> {
    const file = join(this.home, 'logs', 'neo4j.log');
    try {
      const text = (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
      return `Last lines of ${file}:\n${text}`;
    } catch {
      return `(no log at ${file})`;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

/** The service's own managed instance, as configured by NEO4J_LOCAL_* and NEO4J_PASSWORD. */
export function defaultLocalNeo4j(config: Config, projectRoot: string, log?: (message: string) => void): LocalNeo4j {
  return new LocalNeo4j({
    projectRoot,
    instance: 'default',
    port: config.localNeo4j.port,
    password: config.neo4j.password,
    heapSize: config.localNeo4j.heapSize,
    pageCacheSize: config.localNeo4j.pageCacheSize,
    log,
  });
}
