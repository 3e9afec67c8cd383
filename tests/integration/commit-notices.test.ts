import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { GraphCommitNotices } from '../../src/domain/graph-commit-notices.js';
import { awaitCommit } from '../../src/queries/graph-commits.js';
import { readGraphVersion } from '../../src/queries/graph-version.js';
import type { App } from '../../src/server/app.js';
import { connectTestDatabase, graphFixture, TestHelper } from '../support/test-helper.js';

const VERSION_READ = /\(v:GraphVersion/;
const NOTICE_CALL = /skillgraph\.awaitCommit/;

const ROLE = `query Role($key: String!) { role(key: $key) { key description skills(first: 5) { edges { node { key } } } } }`;

/** The plugin's longest lease: a loaded machine's event-loop delays do not break the cover. */
const TEST_TIMING = { leaseMs: 2_000, waitMs: 250, retryMs: 500 };

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('commit notices (the skillgraph.awaitCommit plugin of the managed Neo4j)', () => {
  const helper = TestHelper.forSuite();
  /** The app's own connection, so that its statements can be told from the writer's. */
  let database: Database;
  let app: App;
  const sent: string[] = [];
  beforeAll(async () => {
    await helper.writeGraph(
      graphFixture({
        roles: { 'data-scientist': { description: 'v0', skills: [['statistics'], ['python']] } },
        skills: { statistics: {}, python: {} },
      }),
    );
    database = connectTestDatabase({ onQuery: (query) => sent.push(query) });
    const notices = GraphCommitNotices.of(database, TEST_TIMING);
    // The response cache on, as by default: an answer from the wrong version would be an old answer.
    const caching = { ...loadConfig({}).caching, graphSnapshotMaxElements: 0 };
    app = helper.app({ caching }, database);
    await until(() => notices.covering(), 'the notices to cover');
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.close();
  });

  const statementsOf = async (work: () => Promise<unknown>) => {
    const before = sent.length;
    await work();
    return sent.slice(before).filter((query) => !NOTICE_CALL.test(query));
  };
  const ask = async () => {
    const { body } = await helper.graphql(ROLE, { app, variables: { key: 'data-scientist' } });
    expect(body.errors).toBeUndefined();
    return {
      description: body.data.role.description as string,
      version: (body as { extensions?: { graphVersion?: string } }).extensions?.graphVersion,
    };
  };
  const writeDescription = (text: string) =>
    helper.writeCypher("MATCH (r:Role {key: 'data-scientist'}) SET r.description = $text", { text });

  it('answers repeats without reading the graph version, while notices cover', async () => {
    await ask();
    const statements = await statementsOf(async () => {
      for (let i = 0; i < 5; i++) await ask();
    });
    expect(statements.filter((query) => VERSION_READ.test(query))).toHaveLength(0);
  });

  it('never answers from the old graph once another connection’s write has committed', async () => {
    // The writer is another driver, as a seed or another instance would be: the app hears of its commits
    // only from the plugin. Each answer would come from the response cache if the app kept the old version.
    for (let round = 1; round <= 25; round++) {
      expect((await ask()).description).toBe(`v${round - 1}`);
      await writeDescription(`v${round}`);
      const answer = await ask();
      expect(answer.description).toBe(`v${round}`);
      expect(answer.version).toBe(await readGraphVersion(helper.database));
    }
  });

  it('reads the version again after a commit, then no more', async () => {
    await ask();
    await helper.writeCypher("MATCH (r:Role {key: 'data-scientist'}) SET r.name = 'Data Scientist'");
    await until(() => GraphCommitNotices.of(database).covering(), 'the notices to cover again');
    const afterWrite = await statementsOf(ask);
    expect(afterWrite.filter((query) => VERSION_READ.test(query))).toHaveLength(1);
    const repeat = await statementsOf(ask);
    expect(repeat.filter((query) => VERSION_READ.test(query))).toHaveLength(0);
  });

  describe('the plugin, called directly', () => {
    const { uri, username, password, database: name } = inject('neo4j');
    const driver = neo4j.driver(uri, neo4j.auth.basic(username, password));
    const write = async (text: string) => {
      const started = performance.now();
      await driver.executeQuery("MERGE (p:CommitProbe {id: 'probe'}) SET p.text = $text", { text }, { database: name });
      return performance.now() - started;
    };
    const readProbe = async () =>
      (
        await driver.executeQuery("MATCH (p:CommitProbe {id: 'probe'}) RETURN p.text AS text", {}, { database: name })
      ).records[0]?.get('text');
    afterAll(async () => {
      await driver.executeQuery('MATCH (p:CommitProbe) DELETE p', {}, { database: name });
      await driver.close();
    });
    const lease = (subscriber: string, leaseMs: number) =>
      awaitCommit(helper.database, { subscriber, seen: { instance: '', events: -1 }, leaseMs, waitMs: 0 });

    it('holds a write back, invisible, until every leaseholder has acknowledged it, or its lease ran out', async () => {
      await write('before');
      // A subscriber that takes a lease of 1.5 s and never acknowledges.
      const first = await lease('silent-test-subscriber', 1_500);
      expect(first.instance).toMatch(/^[0-9a-f-]{36}$/);
      const writing = write('held');
      await new Promise((resolve) => setTimeout(resolve, 400));
      // Not committed yet: nobody, the silent subscriber included, can read it while it is held.
      expect(await readProbe()).toBe('before');
      expect(await writing).toBeGreaterThan(1_000);
      expect(await readProbe()).toBe('held');
      // Its lease ran out, and nobody else is silent: writes commit at once again.
      expect(await write('free')).toBeLessThan(1_000);
    });

    it('lets a held write go as soon as the leaseholder acknowledges it', async () => {
      const seen = await lease('prompt-test-subscriber', 2_000);
      const notice = awaitCommit(helper.database, {
        subscriber: 'prompt-test-subscriber',
        seen,
        leaseMs: 2_000,
        waitMs: 2_000,
      });
      const writing = write('acknowledged');
      const heard = await notice;
      expect(heard).toMatchObject({ instance: seen.instance, events: seen.events + 1, pending: 1 });
      // Acknowledged with a lease of 0: given back, as a stopping app does.
      await awaitCommit(helper.database, { subscriber: 'prompt-test-subscriber', seen: heard, leaseMs: 0, waitMs: 0 });
      expect(await writing).toBeLessThan(1_000);
      const after = await awaitCommit(helper.database, {
        subscriber: 'prompt-test-subscriber',
        seen: heard,
        leaseMs: 0,
        waitMs: 2_000,
      });
      expect(after).toMatchObject({ events: seen.events + 2, pending: 0 });
    });

    it('holds a write for one lease at most, even for a subscriber that renews its lease and never acknowledges', async () => {
      // As a service would whose calls reach Neo4j but whose answers never come back (a call that fails
      // after the procedure ran, say, when Neo4j is out of transaction memory): it renews, and never hears.
      const renewing = (async () => {
        const end = performance.now() + 3_000;
        while (performance.now() < end) {
          await lease('deaf-test-subscriber', 1_000);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const held = await write('deaf');
      await renewing;
      expect(held).toBeGreaterThan(400);
      expect(held).toBeLessThan(2_000);
    });

    it('refuses a lease above 2 s, naming the argument', async () => {
      await expect(lease('greedy-test-subscriber', 60_000)).rejects.toThrow(
        /leaseMs must be between 0 and 2000, not 60000/,
      );
    });
  });
});
