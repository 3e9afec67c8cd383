import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { GraphCommitNotices } from '../../src/domain/graph-commit-notices.js';
import { awaitCommit } from '../../src/queries/graph-commits.js';
import type { App } from '../../src/server/app.js';
import { connectTestDatabase, graphFixture, TestHelper } from '../support/test-helper.js';

const VERSION_READ = /\(v:GraphVersion/;
const NOTICE_CALL = /skillgraph\.awaitCommit/;

const ROLE = `query Role($key: String!) { role(key: $key) { key description skills(first: 5) { edges { node { key } } } } }`;

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
    const caching = { ...loadConfig({}).caching, graphSnapshotMaxElements: 0, responseCacheMaxBytes: 0 };
    app = helper.app({ caching }, database);
    await until(() => GraphCommitNotices.of(database).covering(), 'the notices to cover');
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
  const description = async () =>
    (await helper.data(ROLE, { app, variables: { key: 'data-scientist' } })).role.description as string;

  it('answers repeats without reading the graph version, while notices cover', async () => {
    await description();
    const statements = await statementsOf(async () => {
      for (let i = 0; i < 5; i++) await description();
    });
    expect(statements.filter((query) => VERSION_READ.test(query))).toHaveLength(0);
  });

  it('never answers from the old graph once another connection’s write has committed', async () => {
    // The writer is another driver, as a seed or another instance would be: the app hears of its commits
    // only from the plugin, and the write returns only once the app has acknowledged them.
    for (let round = 1; round <= 25; round++) {
      expect(await description()).toBe(`v${round - 1}`);
      await helper.writeCypher("MATCH (r:Role {key: 'data-scientist'}) SET r.description = $text", {
        text: `v${round}`,
      });
      expect(await description()).toBe(`v${round}`);
    }
  });

  it('reads the version again after a commit, then no more', async () => {
    await description();
    await helper.writeCypher("MATCH (r:Role {key: 'data-scientist'}) SET r.name = 'Data Scientist'");
    const afterWrite = await statementsOf(description);
    expect(afterWrite.filter((query) => VERSION_READ.test(query))).toHaveLength(1);
    const repeat = await statementsOf(description);
    expect(repeat.filter((query) => VERSION_READ.test(query))).toHaveLength(0);
  });

  it('holds a commit’s reply until every leaseholder has acknowledged it, or its lease ran out', async () => {
    const { uri, username, password, database: name } = inject('neo4j');
    const driver = neo4j.driver(uri, neo4j.auth.basic(username, password));
    const write = async () => {
      const started = performance.now();
      await driver.executeQuery("MERGE (p:CommitProbe {id: 'probe'}) SET p.at = timestamp()", {}, { database: name });
      return performance.now() - started;
    };
    try {
      await write();
      // A subscriber that takes a lease of 1.5 s and never acknowledges: the next commit waits it out.
      const first = await awaitCommit(helper.database, {
        subscriber: 'silent-test-subscriber',
        seen: { instance: '', commits: -1 },
        leaseMs: 1_500,
        waitMs: 0,
      });
      expect(first.instance).toMatch(/^[0-9a-f-]{36}$/);
      expect(await write()).toBeGreaterThan(1_000);
      // Its lease ran out, and nobody else is silent: commits return at once again.
      expect(await write()).toBeLessThan(1_000);

      // A subscriber that acknowledges: the commit returns as soon as it has.
      const seen = await awaitCommit(helper.database, {
        subscriber: 'prompt-test-subscriber',
        seen: { instance: '', commits: -1 },
        leaseMs: 5_000,
        waitMs: 0,
      });
      const notice = awaitCommit(helper.database, {
        subscriber: 'prompt-test-subscriber',
        seen,
        leaseMs: 5_000,
        waitMs: 5_000,
      });
      const writing = write();
      const heard = await notice;
      expect(heard.commits).toBe(seen.commits + 1);
      expect(heard.instance).toBe(seen.instance);
      // Acknowledged with a lease of 0: given back, as a stopping app does.
      await awaitCommit(helper.database, { subscriber: 'prompt-test-subscriber', seen: heard, leaseMs: 0, waitMs: 0 });
      expect(await writing).toBeLessThan(1_000);
    } finally {
      await driver.executeQuery('MATCH (p:CommitProbe) DELETE p', {}, { database: name });
      await driver.close();
    }
  });

  it('holds a commit for one lease at most, even for a subscriber that renews its lease and never acknowledges', async () => {
    // As a service would whose calls reach Neo4j but whose answers never come back (a call that fails after
    // the procedure ran, say, when Neo4j is out of transaction memory): it renews, and never hears.
    const renewing = (async () => {
      const until = performance.now() + 3_000;
      while (performance.now() < until) {
        await awaitCommit(helper.database, {
          subscriber: 'deaf-test-subscriber',
          seen: { instance: '', commits: -1 },
          leaseMs: 1_000,
          waitMs: 0,
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    await helper.writeCypher("MATCH (r:Role {key: 'data-scientist'}) SET r.name = 'Data Scientist'");
    const held = performance.now() - started;
    await renewing;
    expect(held).toBeGreaterThan(500);
    expect(held).toBeLessThan(2_000);
  });

  it('refuses a lease or a wait above 10 s, naming the argument', async () => {
    await expect(
      awaitCommit(helper.database, {
        subscriber: 'greedy',
        seen: { instance: '', commits: -1 },
        leaseMs: 60_000,
        waitMs: 0,
      }),
    ).rejects.toThrow(/leaseMs must be between 0 and 10000, not 60000/);
  });
});
