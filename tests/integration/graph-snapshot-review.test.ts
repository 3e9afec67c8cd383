import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApiKey } from '../../src/domain/api-keys.js';
import type { App } from '../../src/server/app.js';
import { TestHelper } from '../support/test-helper.js';

/**
 * A hostile review of the graph snapshot (src/domain/graph-snapshot.ts): graphs and questions that the
 * side-by-side test (graph-snapshot.test.ts) does not hold, each asked of an app reading Neo4j only and of
 * one answering from its snapshot. Tests marked BUG failed on the code they were written against (each
 * a divergence from Neo4j's answers, fixed since); the others held behaviour that was right.
 */

interface Ask {
  query: string;
  variables?: Record<string, unknown>;
}

const PAGE_INFO = 'totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

/** Both apps of a suite, and what a review test needs to compare them. */
function sideBySide(helper: TestHelper) {
  const apps: { fromNeo4j?: App; fromSnapshot?: App } = {};

  const appWith = (graphSnapshotMaxElements: number) => helper.appForOneClient(graphSnapshotMaxElements);

  const fromNeo4j = () => {
    apps.fromNeo4j ??= appWith(0);
    return apps.fromNeo4j;
  };
  const fromSnapshot = () => {
    apps.fromSnapshot ??= appWith(loadConfig({}).caching.graphSnapshotMaxElements);
    return apps.fromSnapshot;
  };

  const untilSnapshotServes = (key?: string) => helper.untilSnapshotServes(fromSnapshot(), key);

  const answer = async (app: App, { query, variables }: Ask) => {
    const { body } = await helper.graphql(query, { app, variables });
    return { data: body.data, errors: body.errors };
  };

  /** Each ask answered alike by both apps, the snapshot's once it serves; every ask is checked (soft). */
  const expectSame = async (...asks: Ask[]) => {
    await untilSnapshotServes();
    for (const ask of asks) {
      const expected = await answer(fromNeo4j(), ask);
      expect(JSON.stringify(expected.errors ?? [])).not.toContain('RATE_LIMITED');
      const got = await answer(fromSnapshot(), ask);
      expect.soft(got, `${ask.query}\n${JSON.stringify(ask.variables)}`).toEqual(expected);
    }
  };

  return { appWith, fromNeo4j, fromSnapshot, untilSnapshotServes, answer, expectSame };
}

/** A skill's properties as the seed writer stores them (nameLower by Neo4j's `toLower`, as it does). */
const skillRow = (key: string, name: string, more: Record<string, unknown> = {}) => ({
  key,
  name,
  aliases: [],
  description: '',
  category: 'rv-misc',
  learningHours: 1,
  source: 'seed',
  ...more,
});

describe('graph snapshot review: odd graphs answered as Neo4j answers them', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  const { fromNeo4j, fromSnapshot, untilSnapshotServes, answer, expectSame } = sideBySide(helper);

  beforeAll(async () => {
    // Skills written with raw Cypher: the seed cannot express most of these graphs (that is the point).
    await helper.writeCypher(
      `UNWIND $skills AS row
       CREATE (s:Entity:Skill)
       SET s = row, s.nameLower = toLower(row.name)`,
      {
        skills: [
          // Unicode 14 capitals (U+2C2F Glagolitic, U+A7C0 Old Polish O): Node's ICU lower-cases them, the
          // Java 17 under Neo4j 5.26 does not. U+2C50 is a lower-case Glagolitic letter between them.
          skillRow('rv-glag-upper', '\u2C2F glagolitic', { category: 'rv-unicode', aliases: ['\uA7C0 alias'] }),
          skillRow('rv-glag-lower', '\u2C50 glagolitic', { category: 'rv-unicode' }),
          skillRow('rv-punct', 'RV Punct', { aliases: ['++', 'R&D Stuff', 'C#'] }),
          skillRow('rv-loop', 'A Loop', { category: 'rv-conn' }),
          skillRow('rv-conn-two', 'B Two', { category: 'rv-conn' }),
          skillRow('rv-preq-self', 'RV Prerequisite Of Itself'),
          skillRow('rv-cyc-a', 'RV Cycle A'),
          skillRow('rv-cyc-b', 'RV Cycle B'),
          skillRow('rv-d-top', 'RV Diamond Top'),
          skillRow('rv-d-left', 'RV Diamond Left'),
          skillRow('rv-d-right', 'RV Diamond Right'),
          skillRow('rv-d-base', 'RV Diamond Base'),
          skillRow('rv-d-root', 'rv diamond base'),
          skillRow('rv-dup', 'RV Duplicate'),
          skillRow('rv-noprops', 'RV No Props'),
          skillRow('rv-levelonly', 'RV Level Only'),
          skillRow('rv-essential', 'RV Essential'),
          skillRow('rv-rel-a', 'RV Related A', { source: 'esco' }),
          skillRow('rv-rel-b', 'RV Related B', { source: 'onet' }),
          skillRow('rv-twin-seed', 'RV Twin'),
          skillRow('rv-twin-esco', 'RV Twin', { source: 'esco' }),
          skillRow('rv-alias-1', 'RV Alias One', { aliases: ['RV Shared'] }),
          skillRow('rv-alias-2', 'RV Alias Two', { aliases: ['rv shared', 'RV SHARED'] }),
        ],
      },
    );
    await helper.writeCypher(
      `// A skill with nothing but a key, a name and a category: no aliases, description, nameLower or source.
       CREATE (:Entity:Skill {key: 'rv-nulls', name: 'RV Nulls', category: 'rv-misc'})
       CREATE (role:Entity:Role {key: 'rv-role', name: 'RV Role', nameLower: 'rv role', aliases: [], description: '',
                                 source: 'seed'})
       CREATE (other:Entity:Role {key: 'rv-role-2', name: 'RV Role Two', nameLower: 'rv role two', aliases: [],
                                  description: '', source: 'seed'})
       // The role the rule-breaking graphs below hang off (rv-role's pages stay clear of them).
       CREATE (odd:Entity:Role {key: 'rv-role-odd', name: 'RV Role Odd', nameLower: 'rv role odd', aliases: [],
                                description: '', source: 'seed'})
       WITH role, other, odd
       MATCH (ds:Role {key: 'data-scientist'}), (py:Tool {key: 'python'})
       MATCH (two:Skill {key: 'rv-conn-two'})
       MATCH (top:Skill {key: 'rv-d-top'}), (left:Skill {key: 'rv-d-left'}), (right:Skill {key: 'rv-d-right'}),
             (base:Skill {key: 'rv-d-base'}), (root:Skill {key: 'rv-d-root'})
       MATCH (dup:Skill {key: 'rv-dup'}), (noprops:Skill {key: 'rv-noprops'}), (levelonly:Skill {key: 'rv-levelonly'}),
             (essential:Skill {key: 'rv-essential'}), (nulls:Skill {key: 'rv-nulls'}), (punct:Skill {key: 'rv-punct'})
       MATCH (ra:Skill {key: 'rv-rel-a'}), (rb:Skill {key: 'rv-rel-b'})
       CREATE (two)-[:RELATED_TO]->(ra), (two)-[:RELATED_TO]->(rb)
       // A diamond of prerequisites with a short cut.
       CREATE (left)-[:PREREQUISITE_OF]->(top), (right)-[:PREREQUISITE_OF]->(top), (base)-[:PREREQUISITE_OF]->(left),
              (base)-[:PREREQUISITE_OF]->(right), (base)-[:PREREQUISITE_OF]->(top), (root)-[:PREREQUISITE_OF]->(base)
       // Requirements missing importance or level.
       CREATE (role)-[:REQUIRES {importance: 'OPTIONAL', level: 2}]->(dup)
       CREATE (role)-[:REQUIRES]->(noprops)
       CREATE (role)-[:REQUIRES {level: 4}]->(levelonly)
       CREATE (role)-[:REQUIRES {importance: 'ESSENTIAL'}]->(essential)
       CREATE (role)-[:REQUIRES {importance: 'ESSENTIAL', level: 3}]->(nulls)
       CREATE (role)-[:USES]->(py), (odd)-[:USES]->(py)
       // Related both ways, and related roles with and without an index.
       CREATE (ra)-[:RELATED_TO]->(rb), (rb)-[:RELATED_TO]->(ra)
       CREATE (role)-[:RELATED_TO {relatednessIndex: 2, relatednessTier: 'Primary'}]->(ds)
       CREATE (role)-[:RELATED_TO {relatednessIndex: 1}]->(other)
       // The crosswalk both ways.
       CREATE (nulls)-[:SAME_AS]->(punct), (ra)-[:SAME_AS]->(nulls), (rb)-[:SAME_AS]->(nulls)`,
    );
  }, 120_000);

  it('serves the fixture from memory', async () => {
    await untilSnapshotServes('rv-role');
  });

  // ---- Right behaviour (these pass) -------------------------------------------------------------------

  it('a node with no aliases, description, nameLower or source; relationships without importance or level', async () => {
    await expectSame(
      { query: '{ skill(key: "rv-nulls") { key name aliases description source sourceId sameAs { key source } } }' },
      { query: '{ skill(name: "RV Nulls") { key } }' },
      { query: '{ skills(filter: {text: "nulls"}) { totalCount edges { node { key aliases description } } } }' },
      // One page a query: a requirement without a level is an error (Role.skills' level is non-null), and
      // with several pages in one query which error comes first depends on which statement answers first.
      {
        query: `{ role(key: "rv-role") {
          skills(first: 20) { ${PAGE_INFO} edges { cursor importance levelEstimated node { key name } } } } }`,
      },
      { query: '{ role(key: "rv-role") { skills(first: 20) { edges { level node { key } } } } }' },
      {
        query:
          '{ role(key: "rv-role") { skills(first: 20, importance: ESSENTIAL) { totalCount edges { node { key } } } } }',
      },
      {
        query:
          '{ role(key: "rv-role") { skills(first: 20, importance: OPTIONAL, minLevel: 2) { totalCount edges { level node { key } } } } }',
      },
      {
        query:
          '{ role(key: "rv-role") { skills(first: 20, minLevel: 1) { totalCount edges { level node { key } } } } }',
      },
      {
        query: `{ role(key: "rv-role") { relatedRoles(first: 10) { ${PAGE_INFO} edges { relatednessTier node { key } } } } }`,
      },
      { query: '{ skill(key: "rv-noprops") { roles(first: 5) { totalCount edges { importance node { key } } } } }' },
    );
  });

  it('crosswalks both ways; related both ways', async () => {
    await expectSame(
      { query: '{ skill(key: "rv-nulls") { sameAs { key source } } }' },
      { query: '{ skill(key: "rv-punct") { sameAs { key source sameAs { key } } } }' },
      {
        query: '{ skill(key: "rv-rel-a") { sameAs { key } related(first: 10) { totalCount edges { node { key } } } } }',
      },
      { query: '{ skill(key: "rv-rel-b") { related(first: 10) { totalCount edges { node { key } } } } }' },
    );
  });

  it('transitive prerequisites through a diamond with a short cut', async () => {
    await expectSame({
      query: `{ skill(key: "rv-d-top") {
        prerequisites(first: 10) { totalCount edges { node { key } } }
        transitive: prerequisites(first: 10, transitive: true) { ${PAGE_INFO} edges { distance node { key name } } }
        tail: prerequisites(last: 2, transitive: true) { ${PAGE_INFO} edges { distance node { key } } } } }`,
    });
  });

  it('name tiers: curated beats imported, alias ties are ambiguous, keys in any case', async () => {
    const names = ['RV Twin', 'rv twin', 'RV SHARED', 'rv-punct', 'RV-PUNCT', ' rv nulls ', 'RV Alias One', 'C#'];
    await expectSame(
      ...names.map((name) => ({
        query: 'query ($name: String!) { skill(name: $name) { key } tool(name: $name) { key } }',
        variables: { name },
      })),
    );
  });

  it('odd list text filters: empty, blank, regex characters, quotes, long', async () => {
    const texts = ['', ' ', '.*', '[a-z]+', '\\', '"', "'", '%', 'rv ', ' rv', 'R&D', '+', 'x'.repeat(300)];
    await expectSame(
      ...texts.map((text) => ({
        query: `query ($text: String) {
          skills(filter: {text: $text, category: "rv-misc"}, first: 5) { ${PAGE_INFO} edges { node { key } } } }`,
        variables: { text },
      })),
    );
  });

  it('windows: offsets past the end, last, before, after, empty pages', async () => {
    const windows = [
      { first: 5, after: 'T2Zmc2V0Q29ubmVjdGlvbjo5OTk5' },
      { last: 3 },
      { last: 3, before: 'T2Zmc2V0Q29ubmVjdGlvbjoy' },
      { first: 0 },
      { first: 2, after: 'T2Zmc2V0Q29ubmVjdGlvbjox' },
    ];
    await expectSame(
      ...windows.flatMap((window) => [
        {
          query: `query ($first: Int, $last: Int, $after: String, $before: String) {
            role(key: "rv-role") { skills(first: $first, last: $last, after: $after, before: $before) { ${PAGE_INFO} edges { cursor node { key } } } }
            skills(filter: {category: "rv-misc"}, first: $first, last: $last, after: $after, before: $before, orderBy: {field: NAME, direction: DESC}) {
              ${PAGE_INFO} edges { cursor node { key } } } }`,
          variables: window,
        },
      ]),
    );
  });

  it('nested pages through fragments, aliases and directives', async () => {
    await expectSame({
      query: `query ($deep: Boolean!) {
        role(key: "rv-role") {
          skills(first: 10) { edges { node { ...S ... on Skill { t: tools(first: 1) { totalCount } } } } }
          again: skills(first: 3, importance: OPTIONAL) { edges { node { key name ... @include(if: $deep) { description } } } }
        }
        top: skill(key: "rv-d-top") { ...S }
      }
      fragment S on Skill {
        key name
        a: prerequisites(first: 2, transitive: true) { totalCount edges { distance node { key unlocks(first: 1) { totalCount edges { node { key name } } } } } }
        b: prerequisites(first: 2) { totalCount edges { node { key ...N } } }
        unlocks(first: 5) { totalCount edges { node { ...N roles(first: 2) { totalCount } } } }
      }
      fragment N on Entity { name aliases description source __typename id }`,
      variables: { deep: true },
    });
  });

  it('Relay node and nodes, of every kind, and of keys of another kind', async () => {
    const { data } = await answer(fromNeo4j(), {
      query: '{ role(key: "rv-role") { id } skill(key: "rv-nulls") { id } tool(key: "python") { id } }',
    });
    const ids = [data.role.id, data.skill.id, data.tool.id];
    await expectSame(
      {
        query: `query ($ids: [ID!]!) { nodes(ids: $ids) { id __typename ... on Entity { key name aliases sameAs { key } } } }`,
        variables: { ids },
      },
      {
        query: `query ($id: ID!) { node(id: $id) { id ... on Role { skills(first: 3) { totalCount edges { node { key } } } } } }`,
        variables: { id: ids[0] },
      },
    );
  });

  // ---- Divergences found in review (fixed: Neo4j's own lower-casing, the alias tier left to Neo4j) ----

  it('orders by name as Neo4j lower-cases it (Unicode case mappings newer than the JVM’s)', async () => {
    // Neo4j (Java 17, Unicode 13) leaves U+2C2F as it is; the snapshot's `name.toLowerCase()` (Node's ICU,
    // Unicode 15.1) makes it U+2C5F. Neo4j: rv-glag-upper (U+2C2F) before rv-glag-lower (U+2C50); snapshot:
    // the other way round. Cause: SnapshotNode.sortName = record.name.toLowerCase() in addNode.
    await expectSame({
      query: '{ skills(filter: {category: "rv-unicode"}) { edges { node { key } } } }',
    });
  });

  it('list text filter matches names as Neo4j lower-cases them', async () => {
    // The filter text is lower-cased in JS for both paths (U+2C2F → U+2C5F); Neo4j's toLower(n.name) keeps
    // U+2C2F, so Neo4j finds nothing while the snapshot (sortName/aliasesLower lower-cased in JS) finds it.
    await expectSame(
      { query: '{ skills(filter: {text: "\u2C2F"}) { totalCount edges { node { key } } } }' },
      { query: '{ skills(filter: {text: "\uA7C0"}) { totalCount edges { node { key } } } }' },
    );
  });

  it('look-up by name and alias lower-cases the text as Neo4j does', async () => {
    // nameLower is written by Neo4j's toLower (U+2C2F kept); findByName lower-cases the text in JS
    // (U+2C5F) and looks it up in byNameLower: NOT_FOUND where Neo4j finds rv-glag-upper. The alias tier
    // differs the other way: Neo4j compares toLower(alias) = toLower(text) and Lucene's lower-casing is
    // Java's too, so "\uA7C1 alias" (already lower) finds nothing in Neo4j but rv-glag-upper in memory.
    await expectSame(
      { query: '{ skill(name: "\u2C2F glagolitic") { key } }' },
      { query: '{ skill(name: "\uA7C1 alias") { key } }' },
    );
  });

  it('an alias the full-text analyzer makes no words of is found as Neo4j finds it', async () => {
    // Neo4j's alias tier starts from the full-text index (`aliases:"++"`), which holds no token for "++":
    // Neo4j answers NOT_FOUND. The snapshot compares aliases directly (byAliasLower) and finds rv-punct.
    await expectSame({ query: '{ skill(name: "++") { key } }' });
  });

  /**
   * Graphs only raw Cypher can make, breaking rules the seed, the importers and the API keep. The snapshot
   * would answer them otherwise than Neo4j (the review found each), so a graph with any of them is not
   * held in memory: both apps read Neo4j, and agree. Each is written, checked and undone in turn.
   */
  const RULE_BREAKERS: { name: string; make: string; undo: string; asks: Ask[] }[] = [
    {
      // Cypher matches every label of a :Skill:Tool node; the snapshot files a node under one.
      name: 'a node with two of the Role/Skill/Tool labels',
      make: `CREATE (h:Entity:Skill:Tool {key: 'rv-hybrid', name: 'RV Hybrid', nameLower: 'rv hybrid', aliases: [],
                                        description: '', category: 'rv-hybrid', kind: 'library', source: 'seed'})
             WITH h MATCH (odd:Role {key: 'rv-role-odd'}) CREATE (odd)-[:USES]->(h)`,
      undo: "MATCH (h {key: 'rv-hybrid'}) DETACH DELETE h",
      asks: [
        { query: '{ tools(filter: {text: "rv hybrid"}) { totalCount } }' },
        { query: '{ role(key: "rv-role-odd") { tools(first: 10) { totalCount } } }' },
        { query: '{ tool(name: "rv hybrid") { __typename } }' },
      ],
    },
    {
      // Lists and pages match (n:Skill) without :Entity.
      name: 'a skill without the Entity label',
      make: `CREATE (bare:Skill {key: 'rv-bare', name: 'RV Unlabelled', nameLower: 'rv unlabelled', aliases: [],
                                description: '', category: 'rv-bare', source: 'seed'})
             WITH bare MATCH (odd:Role {key: 'rv-role-odd'}) CREATE (odd)-[:REQUIRES {importance: 'OPTIONAL', level: 1}]->(bare)`,
      undo: "MATCH (bare {key: 'rv-bare'}) DETACH DELETE bare",
      asks: [
        { query: '{ skills(filter: {text: "rv unlabelled"}) { totalCount edges { node { key } } } }' },
        { query: '{ role(key: "rv-role-odd") { skills(first: 20) { totalCount edges { node { key } } } } }' },
      ],
    },
    {
      // Cypher sees a self-loop once, undirected; the snapshot's outgoing and incoming lists each hold it.
      name: 'a RELATED_TO self-loop',
      make: "MATCH (loop:Skill {key: 'rv-loop'}) CREATE (loop)-[:RELATED_TO]->(loop)",
      undo: "MATCH (loop:Skill {key: 'rv-loop'})-[r:RELATED_TO]->(loop) DELETE r",
      asks: [
        { query: '{ skill(key: "rv-loop") { related(first: 10) { totalCount edges { node { key } } } } }' },
        {
          query:
            '{ skills(filter: {category: "rv-conn"}, orderBy: {field: CONNECTIONS, direction: DESC}) { edges { node { key } } } }',
        },
      ],
    },
    {
      // shortestPath from a skill to itself makes Neo4j refuse the query; a search in memory would answer.
      name: 'a prerequisite cycle and a skill its own prerequisite',
      make: `MATCH (ca:Skill {key: 'rv-cyc-a'}), (cb:Skill {key: 'rv-cyc-b'}), (preq:Skill {key: 'rv-preq-self'})
             CREATE (ca)-[:PREREQUISITE_OF]->(cb), (cb)-[:PREREQUISITE_OF]->(ca), (preq)-[:PREREQUISITE_OF]->(preq)`,
      undo: "MATCH (s:Skill)-[r:PREREQUISITE_OF]->() WHERE s.key IN ['rv-cyc-a', 'rv-cyc-b', 'rv-preq-self'] DELETE r",
      asks: [
        { query: '{ skill(key: "rv-cyc-a") { prerequisites(first: 10, transitive: true) { totalCount } } }' },
        { query: '{ skill(key: "rv-preq-self") { prerequisites(first: 10, transitive: true) { totalCount } } }' },
      ],
    },
    {
      // Two requirements tied on every ordered property: their order is Neo4j's expansion order.
      name: 'two REQUIRES between the same role and skill',
      make: `MATCH (role:Role {key: 'rv-role'}), (dup:Skill {key: 'rv-dup'})
             CREATE (role)-[:REQUIRES {importance: 'OPTIONAL', level: 2, levelEstimated: true}]->(dup)`,
      undo: "MATCH (:Role {key: 'rv-role'})-[r:REQUIRES {levelEstimated: true}]->(:Skill {key: 'rv-dup'}) DELETE r",
      asks: [
        {
          query:
            '{ role(key: "rv-role") { skills(first: 20, minLevel: 2) { totalCount edges { importance level levelEstimated node { key } } } } }',
        },
      ],
    },
    {
      name: 'a crosswalk link from a skill to itself',
      make: "MATCH (nulls:Skill {key: 'rv-nulls'}) CREATE (nulls)-[:SAME_AS]->(nulls)",
      undo: "MATCH (nulls:Skill {key: 'rv-nulls'})-[r:SAME_AS]->(nulls) DELETE r",
      asks: [{ query: '{ skill(key: "rv-nulls") { sameAs { key source } } }' }],
    },
  ];

  it.each(RULE_BREAKERS)('$name: not held in memory, answered from Neo4j alike', async ({ make, undo, asks }) => {
    await untilSnapshotServes();
    await helper.writeCypher(make);
    // The first request of the new version starts a snapshot, which finds the graph unfit.
    await helper.data('{ role(key: "data-scientist") { key } }', { app: fromSnapshot() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const lookUp = () => helper.data('{ role(key: "data-scientist") { key } }', { app: fromSnapshot() });
    expect(await helper.countQueries(lookUp)).toBe(2);
    for (const ask of asks) {
      const expected = await answer(fromNeo4j(), ask);
      expect(await answer(fromSnapshot(), ask), ask.query).toEqual(expected);
    }
    await helper.writeCypher(undo);
    await untilSnapshotServes();
  });

  // ---- Freshness ---------------------------------------------------------------------------------------

  it('never answers an older version right after writes, however quick', async () => {
    await untilSnapshotServes();
    for (let round = 0; round < 6; round++) {
      await helper.writeCypher(
        `MATCH (role:Role {key: 'rv-role-2'})
         OPTIONAL MATCH (role)-[old:REQUIRES]->()
         DELETE old
         CREATE (s:Entity:Skill {key: $key, name: $name, nameLower: toLower($name), aliases: [$alias], description: '',
                                category: 'rv-fresh', source: 'seed'})
         CREATE (role)-[:REQUIRES {importance: 'ESSENTIAL', level: 5}]->(s)`,
        { key: `rv-fresh-${round}`, name: `RV Fresh ${round}`, alias: `rv-fresh-alias-${round}` },
      );
      const ask = {
        query: `query ($name: String!) {
          skills(filter: {category: "rv-fresh"}) { totalCount edges { node { key } } }
          role(key: "rv-role-2") { skills(first: 5) { totalCount edges { node { key } } } }
          skill(name: $name) { key roles(first: 5) { totalCount edges { node { key } } } }
        }`,
        variables: { name: `rv-fresh-alias-${round}` },
      };
      const got = await answer(fromSnapshot(), ask);
      expect(got.errors).toBeUndefined();
      expect(got.data.skills.totalCount).toBe(round + 1);
      expect(got.data.skill.key).toBe(`rv-fresh-${round}`);
      expect(got.data.role.skills.edges).toEqual([{ node: { key: `rv-fresh-${round}` } }]);
      expect(got).toEqual(await answer(fromNeo4j(), ask));
    }
    await helper.writeCypher(`MATCH (s:Skill {category: 'rv-fresh'}) DETACH DELETE s`);
  });

  it('writes through the API on the snapshot app are read back at once, in the request and after', async () => {
    const { key } = await createApiKey(helper.database, { name: 'rv-curator', scopes: ['read', 'write'] });
    await untilSnapshotServes();
    const { body } = await helper.graphql(
      `mutation { updateSkill(input: {key: "rv-dup", name: "RV Duplicate Renamed", aliases: ["rv dupe"]}) {
        __typename ... on SkillPayload { skill { key name aliases roles(first: 5) { totalCount } sameAs { key } } } } }`,
      { app: fromSnapshot(), headers: { authorization: `Bearer ${key}` } },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.updateSkill.skill).toMatchObject({ name: 'RV Duplicate Renamed', aliases: ['rv dupe'] });
    const read = { query: '{ skill(name: "RV DUPE") { key name } skills(filter: {text: "renamed"}) { totalCount } }' };
    const got = await answer(fromSnapshot(), read);
    expect(got.data).toEqual({ skill: { key: 'rv-dup', name: 'RV Duplicate Renamed' }, skills: { totalCount: 1 } });
    expect(got).toEqual(await answer(fromNeo4j(), read));
  });

  it('concurrent requests while the snapshot is rebuilt all answer the new version', async () => {
    await untilSnapshotServes();
    const ask = {
      query: `{ skill(key: "rv-d-top") { name prerequisites(first: 10, transitive: true) { totalCount edges { node { key } } } } }`,
    };
    for (let round = 0; round < 4; round++) {
      await helper.writeCypher(
        `MATCH (top:Skill {key: 'rv-d-top'}) SET top.name = $name
         WITH top MATCH (root:Skill {key: 'rv-d-root'})
         FOREACH (_ IN CASE WHEN $link THEN [1] ELSE [] END | CREATE (root)-[:PREREQUISITE_OF {rv: true}]->(top))
         WITH top OPTIONAL MATCH (:Skill {key: 'rv-d-root'})-[r:PREREQUISITE_OF {rv: true}]->(top)
         FOREACH (x IN CASE WHEN $link THEN [] ELSE [r] END | DELETE x)`,
        { name: `RV Diamond Top ${round}`, link: round % 2 === 0 },
      );
      const expected = await answer(fromNeo4j(), ask);
      expect(expected.data.skill.name).toBe(`RV Diamond Top ${round}`);
      const answers = await Promise.all(Array.from({ length: 25 }, () => answer(fromSnapshot(), ask)));
      for (const got of answers) expect(got).toEqual(expected);
    }
  });
});

describe('graph snapshot review: a graph the snapshot cannot hold', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });
  const { appWith } = sideBySide(helper);

  it('one role, skill or tool without a name does not make every request read the whole graph', async () => {
    // Found in review: addNode lower-cased the name, a nameless node threw, the load failed, and `ready()`
    // started a whole-graph load again on every request. Now such a graph is unfit (read from Neo4j),
    // remembered for its version as a too-large one is: 2 statements a look-up.
    await helper.writeCypher("CREATE (:Entity:Skill {key: 'rv-nameless', category: 'rv-misc', source: 'seed'})");
    const app = appWith(loadConfig({}).caching.graphSnapshotMaxElements);
    const lookUp = () => helper.data('{ role(key: "data-scientist") { key } }', { app });
    await lookUp();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const statements = await helper.countQueries(async () => {
      for (let i = 0; i < 10; i++) {
        await lookUp();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    expect(statements).toBe(20);
  });
});
