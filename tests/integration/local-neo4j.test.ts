import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LocalNeo4j } from '../../src/local-neo4j/local-neo4j.js';
import { isLoopback, listeningAddresses } from '../support/listening-addresses.js';
import { connectTestDatabase, projectRoot } from '../support/test-helper.js';

const settings = inject('neo4j');
const managed = settings.uri.startsWith('bolt://127.0.0.1:') && !process.env.NEO4J_URI;
const port = Number(new URL(settings.uri).port);

function testInstance(overrides: Partial<ConstructorParameters<typeof LocalNeo4j>[0]> = {}): LocalNeo4j {
  return new LocalNeo4j({
    projectRoot,
    instance: process.env.NEO4J_TEST_INSTANCE ?? 'test',
    port,
    password: settings.password,
    heapSize: '768m',
    pageCacheSize: '256m',
    ...overrides,
  });
}

describe.runIf(managed)('the project-managed Neo4j', () => {
  it('reports itself running with Bolt answering', async () => {
    const status = await testInstance().status();
    expect(status).toMatchObject({ running: true, uri: settings.uri, boltReady: true });
  });

  it('listens on loopback only', async () => {
    const addresses = await listeningAddresses(port);
    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !isLoopback(address))).toEqual([]);
  });

  it('treats start as a no-op when it already runs', async () => {
    const before = await testInstance().status();
    const { alreadyRunning } = await testInstance().start();
    const after = await testInstance().status();
    expect(alreadyRunning).toBe(true);
    expect(after.running && before.running && after.pid === before.pid).toBe(true);
  });

  it('says so when NEO4J_PASSWORD does not match the one the data was created with', async () => {
    await expect(testInstance({ password: 'not-the-password' }).start()).rejects.toThrow(
      /was set up with another password than NEO4J_PASSWORD/,
    );
  });

  describe('when the port is taken by another process', () => {
    let blocker: Server;
    let blockedPort: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      blockedPort = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('refuses to start and names the port and the setting', async () => {
      await expect(testInstance({ instance: 'port-taken', port: blockedPort }).start()).rejects.toThrow(
        new RegExp(`Port ${blockedPort} on 127\\.0\\.0\\.1 is already taken.*NEO4J_LOCAL_PORT`),
      );
    });
  });

  it('keeps its data across a restart and leaves no JVM behind when stopped', async () => {
    const instance = testInstance();
    let database = connectTestDatabase();
    await database.write((tx) => tx.run("MERGE (:RestartProbe {marker: 'kept'})"));
    await database.close();
    const before = await instance.status();

    expect(await instance.stop()).toEqual({ wasRunning: true });
    expect(before.running && processIsAlive(before.pid)).toBe(false);
    expect((await instance.status()).running).toBe(false);
    expect(await instance.stop()).toEqual({ wasRunning: false });

    expect(await instance.start()).toEqual({ alreadyRunning: false });
    database = connectTestDatabase();
    try {
      const markers = await database.read(async (tx) =>
        (await tx.run('MATCH (p:RestartProbe) RETURN p.marker AS marker')).records.map((r) => r.get('marker')),
      );
      expect(markers).toEqual(['kept']);
      await database.write((tx) => tx.run('MATCH (p:RestartProbe) DELETE p'));
    } finally {
      await database.close();
    }
  }, 120_000);
});

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
