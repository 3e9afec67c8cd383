import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WORKLOADS } from '../../bench/workloads.js';
import { loadConfig } from '../../src/config.js';
import { loadExampleQueries } from '../../src/graphql/examples.js';
import { readGraphVersion } from '../../src/queries/graph-version.js';
import type { App } from '../../src/server/app.js';
import { seededRandom } from '../support/seeded-random.js';
import { cliCommand } from '../support/service-process.js';
import { TestHelper } from '../support/test-helper.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', name);

interface Ask {
  query: string;
  variables?: Record<string, unknown>;
}

const NODE = 'id key name aliases description source sourceId updatedAt __typename';
const SKILL = `${NODE} ... on Skill { category learningHours learningHoursEstimated reuseLevel }`;
const TOOL = `${NODE} ... on Tool { kind hotTechnology inDemand }`;
const PAGE_INFO = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** Every relationship field of each kind of node, whole, with its edges' properties. */
const ROLE_FIELDS = `
  skills(first: 100) { ${PAGE_INFO} edges { cursor importance level levelEstimated node { ${SKILL} } } }
  essential: skills(first: 3, importance: ESSENTIAL, minLevel: 3) { ${PAGE_INFO} edges { importance level node { key } } }
  tools(first: 100) { ${PAGE_INFO} edges { cursor node { ${TOOL} } } }
  relatedRoles(first: 100) { ${PAGE_INFO} edges { cursor relatednessTier node { key name } } }
  sameAs { key source sourceId }`;
const SKILL_FIELDS = `
  roles(first: 100) { ${PAGE_INFO} edges { importance level node { key name } } }
  tools(first: 100) { ${PAGE_INFO} edges { node { ${TOOL} } } }
  prerequisites(first: 100) { ${PAGE_INFO} edges { node { key name } } }
  transitive: prerequisites(first: 100, transitive: true) { ${PAGE_INFO} edges { distance node { key name } } }
  unlocks(first: 100) { ${PAGE_INFO} edges { node { key name } } }
  related(first: 100) { ${PAGE_INFO} edges { node { key name } } }
  sameAs { key source }`;
const TOOL_FIELDS = `
  skills(first: 100) { ${PAGE_INFO} edges { node { key name } } }
  roles(first: 100) { ${PAGE_INFO} edges { node { key name } } }
  sameAs { key source }`;

/**
 * The in-memory snapshot of the graph (src/domain/graph-snapshot.ts) against Neo4j: two apps on the same
 * database, one reading from Neo4j only, one from its snapshot once built, asked the same things — every
 * example, every bench workload, every field of every node of a graph with imported taxonomies, lists
 * under every filter and order, look-ups by key, name, alias and source id — must answer the same.
 */
describe('the graph snapshot answers as Neo4j does', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  const importCli = cliCommand('import');
  let fromNeo4j: App;
  let fromSnapshot: App;
  let keys: { roles: string[]; skills: string[]; tools: string[] };

  const untilSnapshotServes = (app: App) => helper.untilSnapshotServes(app);
  const appWith = (graphSnapshotMaxElements: number) => helper.appForOneClient(graphSnapshotMaxElements);

  const answer = async (app: App, { query, variables }: Ask) => {
    const { body } = await helper.graphql(query, { app, variables });
    return { data: body.data, errors: body.errors };
  };

  /** Each ask answered alike by both apps; without errors unless `errorsExpected` (ties, misses). */
  const expectSame = async (asks: Ask[], errorsExpected = false) => {
    await untilSnapshotServes(fromSnapshot);
    for (const ask of asks) {
      const expected = await answer(fromNeo4j, ask);
      if (!errorsExpected) expect(expected.errors, ask.query).toBeUndefined();
      expect(JSON.stringify(expected.errors ?? [])).not.toContain('RATE_LIMITED');
      expect(await answer(fromSnapshot, ask), `${ask.query}\n${JSON.stringify(ask.variables)}`).toEqual(expected);
    }
  };

  beforeAll(async () => {
    await importCli('esco', fixture('esco'));
    await importCli('onet', fixture('onet'));
    // Names Neo4j and JavaScript might order or lower-case apart: astral characters, a code unit above the
    // surrogates, Turkish dotted capitals, German sharp s, Greek final sigma, and names equal ignoring case.
    await helper.writeCypher(
      `UNWIND $names AS entry
       CREATE (s:Entity:Skill {key: entry.key, name: entry.name, nameLower: toLower(entry.name), aliases: entry.aliases,
                               description: '', category: 'unicode', learningHours: 1, source: 'seed'})
       WITH s MATCH (r:Role {key: 'data-scientist'})
       CREATE (r)-[:REQUIRES {importance: 'OPTIONAL', level: 2}]->(s)`,
      {
        names: [
          { key: 'u-emoji', name: '\u{1F600} smile', aliases: ['Grin'] },
          { key: 'u-fullwidth', name: '\uFF01 bang', aliases: [] },
          { key: 'u-turkish', name: 'İstanbul Iİ', aliases: ['ISTANBUL'] },
          { key: 'u-sharp', name: 'Straße', aliases: ['STRASSE'] },
          { key: 'u-sigma', name: 'ΟΔΟΣ', aliases: [] },
          { key: 'u-case-a', name: 'Same Name', aliases: [] },
          { key: 'u-case-b', name: 'same name', aliases: [] },
        ],
      },
    );
    fromNeo4j = appWith(0);
    fromSnapshot = appWith(loadConfig({}).caching.graphSnapshotMaxElements);
    const all = await helper.database.readQuery(
      `MATCH (n:Entity) RETURN [l IN labels(n) WHERE l IN ['Role', 'Skill', 'Tool']][0] AS label, n.key AS key ORDER BY key`,
    );
    const of = (label: string) =>
      all.records.filter((record) => record.get('label') === label).map((record) => record.get('key') as string);
    keys = { roles: of('Role'), skills: of('Skill'), tools: of('Tool') };
  }, 120_000);

  it('serves from memory once built: a look-up is the version read alone', async () => {
    await untilSnapshotServes(fromSnapshot);
    expect(
      await helper.countQueries(() =>
        helper.data('{ skills(first: 5) { edges { node { key tools(first: 2) { totalCount } } } } }', {
          app: fromSnapshot,
        }),
      ),
    ).toBe(1);
  });

  it('every example and every bench workload', async () => {
    const asks: Ask[] = [
      ...loadExampleQueries().map(({ query }) => ({ query })),
      ...WORKLOADS.flatMap((workload) => {
        const ask = workload.asks.skillgraph;
        return ask ? [ask.body as Ask] : [];
      }),
    ];
    await expectSame(asks);
  }, 120_000);

  it('every field of every role, skill and tool, imported ones and odd names too', async () => {
    const asks: Ask[] = [
      ...keys.roles.map((key) => ({
        query: `query ($key: String!) { role(key: $key) { ${NODE} ${ROLE_FIELDS} } }`,
        variables: { key },
      })),
      ...keys.skills.map((key) => ({
        query: `query ($key: String!) { skill(key: $key) { ${SKILL} ${SKILL_FIELDS} } }`,
        variables: { key },
      })),
      ...keys.tools.map((key) => ({
        query: `query ($key: String!) { tool(key: $key) { ${TOOL} ${TOOL_FIELDS} } }`,
        variables: { key },
      })),
    ];
    expect(keys.roles.length + keys.skills.length + keys.tools.length).toBeGreaterThan(200);
    await expectSame(asks);
  }, 300_000);

  it('lists under every filter, order and window; pages from cursors', async () => {
    const random = seededRandom(14);
    const pick = <T>(items: readonly T[]) => random.pick(items);
    const orders = [
      null,
      ...['NAME', 'CONNECTIONS'].flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ field, direction }))),
    ];
    const asks: Ask[] = [];
    for (let i = 0; i < 60; i++) {
      const window = pick([
        { first: 7 },
        { first: 50 },
        { first: 20, last: 5 },
        { first: 3, after: 'T2Zmc2V0Q29ubmVjdGlvbjo0' },
      ]);
      asks.push(
        {
          query: `query ($filter: RoleFilter, $orderBy: EntityOrder, $first: Int, $last: Int, $after: String) {
            roles(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after) { ${PAGE_INFO} edges { cursor node { key name } } } }`,
          variables: {
            ...window,
            orderBy: pick(orders),
            filter: pick([
              null,
              { text: pick(['data', 'ENGINEER', 'ı', 'x']) },
              { requiresSkill: pick(keys.skills), importance: pick([null, 'ESSENTIAL', 'OPTIONAL']) },
              { usesTool: pick(keys.tools) },
            ]),
          },
        },
        {
          query: `query ($filter: SkillFilter, $orderBy: EntityOrder, $first: Int, $last: Int, $after: String) {
            skills(filter: $filter, orderBy: $orderBy, first: $first, last: $last, after: $after) { ${PAGE_INFO} edges { node { key name category } } } }`,
          variables: {
            ...window,
            orderBy: pick(orders),
            filter: pick([
              null,
              { text: pick(['learn', 'STRASSE', 'straße', 'i̇', 'ο']) },
              { category: pick(['unicode', 'machine-learning', 'data']) },
              { requiredBy: pick(keys.roles), importance: pick([null, 'ESSENTIAL']) },
              { supportedBy: pick(keys.tools) },
            ]),
          },
        },
        {
          query: `query ($filter: ToolFilter, $orderBy: EntityOrder, $first: Int) {
            tools(filter: $filter, orderBy: $orderBy, first: $first) { ${PAGE_INFO} edges { node { key name kind } } } }`,
          variables: {
            first: 20,
            orderBy: pick(orders),
            filter: pick([
              null,
              { text: 'py' },
              { kind: 'framework' },
              { usedBy: pick(keys.roles) },
              { supports: pick(keys.skills) },
            ]),
          },
        },
      );
    }
    await expectSame(asks);
  }, 300_000);

  it('looks up by key in any case, by name, alias and source id, and reports ties and misses alike', async () => {
    const lookups = [
      'data-scientist',
      'DATA-SCIENTIST',
      'Data Scientist',
      'data scientist',
      '  MLOps Engineer ',
      'k8s',
      'Python',
      'python',
      'ISTANBUL',
      'İstanbul Iİ',
      'strasse',
      'Same Name',
      'grin',
      'no such thing',
      '15-2051.00',
      'http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30',
    ];
    const asks = lookups.flatMap((name) => [
      {
        query: `query ($name: String!) { role(name: $name) { key } skill(name: $name) { key } tool(name: $name) { key } }`,
        variables: { name },
      },
      {
        query: `query ($name: String!) { shortestPath(from: $name, to: "mlops-engineer") { length nodes { key name } } }`,
        variables: { name },
      },
    ]);
    await expectSame(asks, true);
  }, 120_000);

  it('answers the version a write made, never an older one', async () => {
    await untilSnapshotServes(fromSnapshot);
    const read = '{ skill(key: "statistics") { name roles(first: 3) { totalCount } } }';
    const before = await helper.data(read, { app: fromSnapshot });
    await helper.writeCypher("MATCH (s:Skill {key: 'statistics'}) SET s.name = 'Statistics, renamed'");
    const after = await helper.data(read, { app: fromSnapshot });
    expect(after.skill.name).toBe('Statistics, renamed');
    expect(after.skill.roles).toEqual(before.skill.roles);
    await helper.writeCypher("MATCH (s:Skill {key: 'statistics'}) SET s.name = 'Statistics'");
    expect((await helper.data(read, { app: fromSnapshot })).skill.name).toBe('Statistics');
    await expectSame([{ query: read }]);
  });

  it('under many queries at once while another process writes, answers each from the graph its label names', async () => {
    await untilSnapshotServes(fromSnapshot);
    const read = '{ skill(key: "statistics") { name } }';
    try {
      for (let round = 0; round < 8; round++) {
        // Not through this app: the app learns of it only from its own version reads, so its next
        // queries run under a stale guess and must run again.
        await helper.writeCypher("MATCH (s:Skill {key: 'statistics'}) SET s.name = $name", {
          name: `Statistics ${round}`,
        });
        const version = await readGraphVersion(helper.database);
        const answers = await Promise.all(
          Array.from({ length: 12 }, () => helper.graphql(read, { app: fromSnapshot })),
        );
        for (const { body } of answers) {
          expect(body).toEqual({
            data: { skill: { name: `Statistics ${round}` } },
            extensions: { graphVersion: version },
          });
        }
      }
    } finally {
      await helper.writeCypher("MATCH (s:Skill {key: 'statistics'}) SET s.name = 'Statistics'");
    }
  });

  it('is not built for a graph larger than GRAPH_SNAPSHOT_MAX_ELEMENTS: everything is read from Neo4j', async () => {
    const small = appWith(100);
    const lookUp = () => helper.data('{ role(key: "data-scientist") { key } }', { app: small });
    // The first request of a version starts the snapshot, which finds the graph too large.
    await lookUp();
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = 0; i < 5; i++) {
      expect(await helper.countQueries(lookUp)).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
