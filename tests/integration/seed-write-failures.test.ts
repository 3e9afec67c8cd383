import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import neo4j from 'neo4j-driver';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import type { SeedGraph } from '../../src/seed/seed-model.js';
import { SeedWriteError, writeSeed } from '../../src/seed/write-seed.js';
import { connectTestDatabase, projectRoot, TestHelper } from '../support/test-helper.js';

/** Bolt's COMMIT message as the driver sends it: a 2-byte chunk (struct of no fields, signature 0x12), then the end marker. */
const BOLT_COMMIT = Buffer.from([0x00, 0x02, 0xb0, 0x12, 0x00, 0x00]);

/**
 * A TCP proxy in front of Neo4j that lets the first COMMIT through, waits for Neo4j's answer (so the
 * transaction did commit) and then drops the client's connection instead of passing the answer on.
 * After that it refuses every connection, so the driver's retries fail too.
 */
async function startCommitDroppingProxy(target: URL): Promise<{ port: number; close(): Promise<void> }> {
  let committed = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (committed) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    let sentCommit = false;
    let tail = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      const seen = Buffer.concat([tail, chunk]);
      if (!committed && seen.includes(BOLT_COMMIT)) sentCommit = true;
      tail = seen.subarray(-BOLT_COMMIT.length);
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (sentCommit) {
        committed = true;
        client.destroy();
        upstream.destroy();
        return;
      }
      client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('seed write failures', () => {
  const helper = TestHelper.forSuite();
  const target = inject('neo4j');
  let small: SeedGraph;

  beforeEach(async () => {
    await helper.resetGraph();
    small = await loadSeed(projectRoot, join(projectRoot, 'tests', 'fixtures', 'seed-small'));
  });

  const entityCount = () =>
    helper.database.read(async (tx) => (await tx.run('MATCH (n:Entity) RETURN count(n) AS n')).records[0]?.get('n'));

  describe('when the connection drops during the commit', () => {
    let proxy: Awaited<ReturnType<typeof startCommitDroppingProxy>>;
    let viaProxy: Database;

    beforeEach(async () => {
      proxy = await startCommitDroppingProxy(new URL(target.uri.replace(/^bolt/, 'http')));
      viaProxy = connectTestDatabase({}, `bolt://127.0.0.1:${proxy.port}`);
    });
    afterEach(async () => {
      await viaProxy.close();
      await proxy.close();
    });

    it('says the outcome is unknown and how to check, not that it failed (it did commit)', async () => {
      const failure = await writeSeed(viaProxy, small).catch((error) => error);
      expect(failure).toBeInstanceOf(SeedWriteError);
      expect(failure.outcome).toBe('unknown');
      expect(failure.message).toMatch(
        /^The connection to Neo4j dropped while the seed was being committed \(.+\), so the outcome is unknown: it may or may not have been written\. Once Neo4j answers again, run `npm run seed` again: it is idempotent, and reports 0 created if the first run did commit\.$/,
      );
      expect(await entityCount()).toBe(5);
      // As the message says, running the seed again settles it.
      const again = await writeSeed(helper.database, small);
      expect(again.nodes.Skill).toEqual({ created: 0, updated: 0, unchanged: 3 });
    });
  });

  it('stops at its own time limit, names WRITE_TIMEOUT_MS and leaves the graph as it was', async () => {
    await writeSeed(helper.database, small);
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password));
    const session = driver.session({ database: target.database });
    const lockHolder = session.beginTransaction();
    try {
      // Another transaction holds the write lock of a seeded node, so the seed waits past its limit.
      await lockHolder.run("MATCH (n:Skill {key: 'statistics'}) SET n.name = 'Locked'");
      const edited = { ...small, skills: small.skills.map((skill) => ({ ...skill, description: 'Edited.' })) };
      const failure = await writeSeed(helper.database, edited, { timeoutMs: 1_000 }).catch((error) => error);
      expect(failure).toBeInstanceOf(SeedWriteError);
      expect(failure.message).toBe(
        'The seed write ran past its time limit of 1000 ms and was rolled back; nothing was written. ' +
          'WRITE_TIMEOUT_MS sets the limit.',
      );
    } finally {
      await lockHolder.rollback();
      await session.close();
      await driver.close();
    }
    const descriptions = await helper.database.read(async (tx) =>
      (await tx.run('MATCH (n:Skill) RETURN collect(DISTINCT n.description) AS d')).records[0]?.get('d'),
    );
    expect(descriptions).not.toContain('Edited.');
  });
});
