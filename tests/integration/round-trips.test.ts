import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLRequest, WORKLOADS } from '../../bench/workloads.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { GraphCommitNotices } from '../../src/domain/graph-commit-notices.js';
import type { App } from '../../src/server/app.js';
import { connectTestDatabase, TestHelper } from '../support/test-helper.js';

/**
 * Cypher round trips per request for each workload of `npm run bench:peers`, asked exactly as the bench
 * asks SkillGraph, on the seed graph, once the app is warm (the graph version, path graph, career index
 * and graph snapshot read by earlier requests): what every request of a steady load costs.
 *
 * These are today's counts, written down so that any change shows. Lower an expectation here when a
 * change lowers the count; a rise is a regression to explain.
 */
const WITH_SNAPSHOT: Record<string, number> = {
  // Every request reads the graph version (for extensions.graphVersion, ETags and the response cache);
  // then look-ups, lists, nested pages, name resolution and path nodes come from the graph snapshot of
  // that version (src/domain/graph-snapshot.ts), the paths from the in-memory path graph.
  nested: 1,
  lookup: 1,
  list: 1,
  headline: 1,
  // "k8s" is an alias: that tier is Neo4j's full-text index, one statement.
  kPaths: 2,
  // careerPath and learningPlan ask the career index thread, by message, not by Cypher.
  careerPath: 1,
  learningPlan: 1,
  overlapMatrix: 1,
};

/** The same with GRAPH_SNAPSHOT_MAX_ELEMENTS=0, or on a graph larger than that, or before the snapshot is built. */
const FROM_NEO4J: Record<string, number> = {
  // The graph version, then one statement: the roles page with each role's skills page and each skill's
  // tools page (look-ahead, src/graphql/page-plan.ts).
  nested: 2,
  // the role and the ten skills in one batch by key.
  lookup: 2,
  list: 2,
  // Traversals by name: the graph version, then both references resolved by every tier (key, source id,
  // name, alias) in one statement. The search runs on the in-memory graph of that version, which also
  // holds every node's key and name: a path whose query reads no more of its nodes needs no other read.
  headline: 2,
  kPaths: 2,
  // Then the answer's nodes by key.
  careerPath: 3,
  learningPlan: 3,
  // by keys: the graph version, the roles by key.
  overlapMatrix: 2,
};

/**
 * With the graph snapshot and commit notices (the default on the managed Neo4j): the version is read once
 * after each commit, not for each request, so a steady load of these reads sends no Cypher at all.
 */
const WITH_NOTICES: Record<string, number> = {
  nested: 0,
  lookup: 0,
  list: 0,
  headline: 0,
  // The full-text index for the alias.
  kPaths: 1,
  careerPath: 0,
  learningPlan: 0,
  overlapMatrix: 0,
};

describe.each([
  ['with the graph snapshot', WITH_SNAPSHOT, true, false],
  ['from Neo4j', FROM_NEO4J, false, false],
  ['with the graph snapshot and commit notices', WITH_NOTICES, true, true],
] as const)('Cypher round trips per request of the bench:peers workloads, %s', (_, counts, snapshot, notices) => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  const statements: string[] = [];
  let database: Database;
  let counting: TestHelper;
  let app: App;
  beforeAll(async () => {
    database = connectTestDatabase({ onQuery: (query) => statements.push(query) });
    counting = new TestHelper(database);
    // Every request comes from one address: the anonymous rate limit is lifted, as bench:peers lifts it;
    // and, as there, no response cache: these are the counts of computing each answer.
    // The plugin's longest lease: a loaded machine's event-loop delays do not break the cover.
    if (notices) GraphCommitNotices.of(database, { leaseMs: 2_000, waitMs: 250, retryMs: 500 });
    app = helper.appForOneClient(snapshot ? loadConfig({}).caching.graphSnapshotMaxElements : 0, database, notices);
    if (snapshot) await counting.untilSnapshotServes(app, 'data-scientist', notices ? 0 : 1);
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.close();
  });

  const ask = async (workload: string) => {
    const request = WORKLOADS.find((w) => w.id === workload)?.asks.skillgraph;
    if (!request) throw new Error(`bench:peers has no workload ${workload} for SkillGraph`);
    const { query, variables } = request.body as GraphQLRequest;
    const { body } = await counting.graphql(query, { variables, app });
    expect(body.errors, `${workload}: ${JSON.stringify(body.errors)}`).toBeUndefined();
    expect(body.data, workload).toBeTruthy();
  };

  it('covers every workload of the bench', () => {
    expect(Object.keys(counts).sort()).toEqual(WORKLOADS.map((w) => w.id).sort());
  });

  it.each(Object.entries(counts))('%s: %i statements per request', async (workload, expected) => {
    // Two requests warm what is read once per graph version; the third is what a steady load pays.
    await ask(workload);
    await ask(workload);
    const before = statements.length;
    await ask(workload);
    // The notices' own calls (one every half second, whatever the load) are no request's.
    const sent = statements
      .slice(before)
      .filter((query) => !query.includes('skillgraph.awaitCommit'))
      .map((query) => query.trim().split('\n')[0]);
    expect(sent.length, `${workload} sent:\n  ${sent.join('\n  ')}`).toBe(expected);
  });
});
