import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shortestPathQuery } from '../../src/queries/shortest-path-queries.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

const PATH = 'length nodes { key } steps { from { key } relation to { key } importance level }';

/**
 * analyst and scientist share two skills (two equally short paths); the scientist reaches `modeling`
 * through a tool or through a skill; `hermit` is connected to nothing. `pythonPrerequisites` can make
 * stats both RELATED_TO and PREREQUISITE_OF python-skill.
 */
function tiesGraph(pythonPrerequisites: string[] = []) {
  return graphFixture({
    roles: {
      analyst: { skills: [['sql-skill'], ['stats', 'OPTIONAL', 2]], aliases: ['number cruncher'] },
      scientist: { skills: [['sql-skill'], ['stats'], ['python-skill']], tools: ['notebook'] },
      hermit: {},
    },
    skills: {
      'sql-skill': {},
      stats: { related: ['python-skill'] },
      'python-skill': { prerequisites: pythonPrerequisites },
      modeling: { prerequisites: ['python-skill'] },
      deep: { prerequisites: ['modeling'] },
    },
    tools: { notebook: { supports: ['modeling'] } },
  });
}

describe('path queries on hand-made graphs', () => {
  const helper = TestHelper.forSuite();

  describe('a graph with ties, kinds and an island', () => {
    beforeAll(async () => {
      await helper.writeGraph(tiesGraph());
    });

    it('returns null, and no paths, when none exists', async () => {
      expect(
        await helper.data(
          `{ shortestPath(from: "analyst", to: "hermit") { length } shortestPaths(from: "analyst", to: "hermit") { length } }`,
        ),
      ).toEqual({
        shortestPath: null,
        shortestPaths: [],
      });
    });

    it('breaks ties between equally short paths by node keys, and carries relationship properties', async () => {
      const { shortestPath } = await helper.data(`{ shortestPath(from: "Analyst", to: "Scientist") { ${PATH} } }`);
      expect(shortestPath).toEqual({
        length: 2,
        nodes: [{ key: 'analyst' }, { key: 'sql-skill' }, { key: 'scientist' }],
        steps: [
          {
            from: { key: 'analyst' },
            relation: 'REQUIRES',
            to: { key: 'sql-skill' },
            importance: 'ESSENTIAL',
            level: 3,
          },
          {
            from: { key: 'sql-skill' },
            relation: 'REQUIRES',
            to: { key: 'scientist' },
            importance: 'ESSENTIAL',
            level: 3,
          },
        ],
      });
    });

    it('lists the k shortest simple paths, shortest first, all distinct, fewer when fewer exist', async () => {
      const { shortestPaths } = await helper.data(
        '{ shortestPaths(from: "analyst", to: "scientist", k: 10) { length nodes { key } } }',
      );
      expect(shortestPaths.map((p: any) => p.nodes.map((n: any) => n.key).join(' > '))).toEqual([
        'analyst > sql-skill > scientist',
        'analyst > stats > scientist',
        'analyst > stats > python-skill > scientist',
        'analyst > stats > python-skill > modeling > notebook > scientist',
      ]);
      const within4 = await helper.data(
        '{ shortestPaths(from: "analyst", to: "scientist", k: 10, maxHops: 4) { length } }',
      );
      expect(within4.shortestPaths.map((p: any) => p.length)).toEqual([2, 2, 3]);
      const two = await helper.data('{ shortestPaths(from: "analyst", to: "scientist", k: 2) { length } }');
      expect(two.shortestPaths.map((p: any) => p.length)).toEqual([2, 2]);
    });

    it('tells apart paths through the same nodes over different relationships', async () => {
      await helper.writeGraph(tiesGraph(['stats']));
      const { shortestPaths } = await helper.data(
        '{ shortestPaths(from: "stats", to: "python-skill", k: 3, maxHops: 1) { length steps { relation } } }',
      );
      expect(shortestPaths).toEqual([
        { length: 1, steps: [{ relation: 'PREREQUISITE_OF' }] },
        { length: 1, steps: [{ relation: 'RELATED_TO' }] },
      ]);
      await helper.writeGraph(tiesGraph());
    });

    it('avoids the nodes it is told to avoid', async () => {
      const { shortestPath } = await helper.data(
        `{ shortestPath(from: "analyst", to: "scientist", avoid: ["sql-skill"]) { nodes { key } } }`,
      );
      expect(shortestPath.nodes.map((n: any) => n.key)).toEqual(['analyst', 'stats', 'scientist']);
    });

    it('passes only through the kinds in via, and walks only the relations given', async () => {
      const paths = await helper.data(`{
        any: shortestPath(from: "scientist", to: "modeling") { nodes { key } }
        viaTool: shortestPath(from: "scientist", to: "modeling", via: [TOOL]) { nodes { key } steps { relation } }
        toolRelations: shortestPath(from: "scientist", to: "modeling", relations: [USES, SUPPORTS]) { nodes { key } }
        requiresOnly: shortestPath(from: "scientist", to: "modeling", relations: [REQUIRES]) { length }
      }`);
      expect(paths.any.nodes.map((n: any) => n.key)).toEqual(['scientist', 'notebook', 'modeling']);
      expect(paths.viaTool).toEqual({
        nodes: [{ key: 'scientist' }, { key: 'notebook' }, { key: 'modeling' }],
        steps: [{ relation: 'USES' }, { relation: 'SUPPORTS' }],
      });
      expect(paths.toolRelations.nodes.map((n: any) => n.key)).toEqual(['scientist', 'notebook', 'modeling']);
      expect(paths.requiresOnly).toBeNull();
      const viaSkill = await helper.data(
        '{ shortestPath(from: "scientist", to: "modeling", via: [SKILL]) { nodes { key } } }',
      );
      expect(viaSkill.shortestPath.nodes.map((n: any) => n.key)).toEqual(['scientist', 'python-skill', 'modeling']);
    });

    it('walks relationships against their direction and respects maxHops', async () => {
      const paths = await helper.data(`{
        far: shortestPath(from: "deep", to: "analyst") { length nodes { key } }
        short: shortestPath(from: "deep", to: "analyst", maxHops: 3) { length }
      }`);
      // deep ← modeling ← python-skill — stats (related) ← analyst: every step against or across directions
      expect(paths.far).toEqual({
        length: 4,
        nodes: [{ key: 'deep' }, { key: 'modeling' }, { key: 'python-skill' }, { key: 'stats' }, { key: 'analyst' }],
      });
      expect(paths.short).toBeNull();
    });

    it('answers a path from a node to itself with no steps', async () => {
      expect(
        (await helper.data('{ shortestPath(from: "stats", to: "Stats") { length nodes { key } } }')).shortestPath,
      ).toEqual({
        length: 0,
        nodes: [{ key: 'stats' }],
      });
    });

    it('says NOT_FOUND with suggestions, and AMBIGUOUS_REFERENCE with candidates', async () => {
      const { error: unknown } = await helper.errorOf('{ shortestPath(from: "analist", to: "scientist") { length } }');
      expect(unknown.extensions).toMatchObject({
        code: 'NOT_FOUND',
        argument: 'from',
        suggestions: [{ key: 'analyst' }],
      });
      // A skill sharing the role analyst's alias, which the seed validator refuses: the point of AMBIGUOUS_REFERENCE.
      await helper.writeCypher("MATCH (s:Skill {key: 'stats'}) SET s.aliases = ['number cruncher']");
      const { error: ambiguous } = await helper.errorOf(
        '{ shortestPaths(from: "Number Cruncher", to: "scientist") { length } }',
      );
      expect(ambiguous.extensions).toMatchObject({
        code: 'AMBIGUOUS_REFERENCE',
        argument: 'from',
        candidates: [
          { kind: 'Role', key: 'analyst' },
          { kind: 'Skill', key: 'stats' },
        ],
      });
      const { error: avoidUnknown } = await helper.errorOf(
        '{ shortestPath(from: "analyst", to: "scientist", avoid: ["nowhere"]) { length } }',
      );
      expect(avoidUnknown.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'avoid[0]' });
    });

    it("runs as Neo4j's shortest-path search with both ends found through the key index", async () => {
      const plan = await helper.database.read(
        async (tx) =>
          (
            await tx.run(`EXPLAIN ${shortestPathQuery(8)}`, {
              requests: [{ from: 'analyst', excludedNodes: [], excludedRelationships: [], maxHops: 8 }],
              target: 'scientist',
              relations: ['REQUIRES'],
              via: ['Skill'],
              avoid: ['stats'],
            })
          ).summary.plan,
      );
      const operators: string[] = [];
      const walk = (operator: typeof plan) => {
        if (!operator) return;
        operators.push(operator.operatorType.replace(/@.*/, ''));
        for (const child of operator.children) walk(child);
      };
      walk(plan);
      const shortestPath = operators.indexOf('ShortestPath');
      expect(shortestPath).toBeGreaterThan(-1);
      expect(operators.slice(shortestPath).filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(2);
      // no exhaustive fallback (it would show as a variable-length expand)
      expect(operators.filter((op) => /VarLengthExpand/.test(op))).toEqual([]);
    });

    it('refuses too many hops or paths, naming the limit', async () => {
      const { error: hops } = await helper.errorOf(
        '{ shortestPath(from: "analyst", to: "scientist", maxHops: 50) { length } }',
      );
      expect(hops.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'hops', max: 12 });
      const { error: paths } = await helper.errorOf(
        '{ shortestPaths(from: "analyst", to: "scientist", k: 500) { length } }',
      );
      expect(paths.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'paths', max: 20 });
      const { error: zero } = await helper.errorOf(
        '{ shortestPaths(from: "analyst", to: "scientist", k: 0) { length } }',
      );
      expect(zero.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'k' });
    });
  });

  describe('careerPath', () => {
    beforeEach(async () => {
      // junior → mid costs 100, mid → senior 100; junior → senior directly 200 (tie on hours, fewer moves
      // wins); junior → alt (100) → senior (100) ties with junior → mid → senior (role keys decide).
      await helper.writeGraph(
        graphFixture({
          roles: {
            junior: { skills: [['basics']] },
            mid: { skills: [['basics'], ['middle']] },
            alt: { skills: [['basics'], ['sideways']] },
            senior: { skills: [['basics'], ['top']] },
            island: { skills: [['far-away']] },
          },
          skills: {
            basics: { hours: 50 },
            middle: { hours: 100 },
            sideways: { hours: 100 },
            top: { hours: 100, prerequisites: ['middle'] },
            'far-away': { hours: 1000 },
          },
        }),
      );
    });
    const career = (from: string, to: string, max: number) =>
      helper.data(
        `{ careerPath(from: "${from}", to: "${to}", maxStepHours: ${max}) { totalHours steps { from { key } to { key } hours learn { key } } } }`,
      );

    it('takes the cheapest chain, each step learning exactly the gap, prerequisites first', async () => {
      expect((await career('junior', 'senior', 300)).careerPath).toEqual({
        totalHours: 200,
        steps: [
          { from: { key: 'junior' }, to: { key: 'senior' }, hours: 200, learn: [{ key: 'middle' }, { key: 'top' }] },
        ],
      });
    });

    it('splits into feasible steps when one move is too big, ties going to role keys', async () => {
      const { careerPath } = await career('junior', 'senior', 150);
      expect(careerPath).toEqual({
        totalHours: 200,
        steps: [
          { from: { key: 'junior' }, to: { key: 'mid' }, hours: 100, learn: [{ key: 'middle' }] },
          { from: { key: 'mid' }, to: { key: 'senior' }, hours: 100, learn: [{ key: 'top' }] },
        ],
      });
    });

    it('is null when no chain of feasible moves exists, and empty from a role to itself', async () => {
      expect((await career('junior', 'island', 300)).careerPath).toBeNull();
      expect((await career('junior', 'senior', 99)).careerPath).toBeNull();
      expect((await career('mid', 'Mid', 0)).careerPath).toEqual({ totalHours: 0, steps: [] });
    });

    it('reuses its index while the graph is unchanged and rebuilds it after a seed write', async () => {
      const app = helper.app();
      const ask = async () => {
        let hours: number | undefined;
        const roundTrips = await helper.countQueries(async () => {
          const { body } = await helper.graphql(
            '{ careerPath(from: "junior", to: "mid", maxStepHours: 500) { totalHours } }',
            { app },
          );
          hours = body.data.careerPath.totalHours;
        });
        return { hours, roundTrips };
      };
      const first = await ask();
      const second = await ask();
      expect(first.hours).toBe(100);
      expect(second.hours).toBe(100);
      // the second request skips loading the roles and skills (at least two queries)
      expect(first.roundTrips - second.roundTrips).toBeGreaterThanOrEqual(2);
      const graph = graphFixture({
        roles: { junior: { skills: [['basics']] }, mid: { skills: [['basics'], ['middle']] } },
        skills: { basics: { hours: 50 }, middle: { hours: 250 } },
      });
      await helper.writeGraph(graph);
      expect((await ask()).hours).toBe(250);
    });

    it('takes roles only', async () => {
      const { error } = await helper.errorOf('{ careerPath(from: "basics", to: "senior") { totalHours } }');
      expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'from' });
    });
  });

  describe('a graph that changes during a request', () => {
    beforeAll(async () => {
      await helper.writeGraph(tiesGraph());
    });

    it('gives a path’s keys and names from the in-memory graph of the version: Neo4j’s, and new after a write', async () => {
      const app = helper.app();
      const named =
        '{ shortestPath(from: "analyst", to: "scientist") { nodes { __typename id key name } steps { from { key name } to { name } } } }';
      const whole = named.replace('nodes { __typename id key name }', 'nodes { __typename id key name description }');
      const [fromMemory, fromNeo4j] = [await helper.data(named, { app }), await helper.data(whole, { app })];
      expect(fromMemory.shortestPath.nodes).toEqual(
        fromNeo4j.shortestPath.nodes.map(({ description: _, ...node }: Record<string, unknown>) => node),
      );
      expect(fromMemory.shortestPath.steps).toEqual(fromNeo4j.shortestPath.steps);
      await helper.writeCypher("MATCH (n:Entity {key: 'sql-skill'}) SET n.name = 'Structured Query Language'");
      const renamed = await helper.data(named, { app });
      expect(renamed.shortestPath.nodes[1]).toMatchObject({ key: 'sql-skill', name: 'Structured Query Language' });
    });

    it('says GRAPH_CHANGED, retryable, when a node of a path found was deleted before it was loaded', async () => {
      const app = helper.app();
      // With more than keys and names, the path's nodes are read from Neo4j (keys and names come from the
      // in-memory graph of the version, read in one transaction with it).
      const query = '{ shortestPath(from: "analyst", to: "scientist") { nodes { key description } } }';
      expect((await helper.data(query, { app })).shortestPath.nodes[1]).toMatchObject({ key: 'sql-skill' });
      // Deleted without a new graph version: the path graph the app holds still has the node, as when
      // the deletion comes between the request's reading of the path graph and its loading of the nodes.
      await helper.database.write((tx) => tx.run(`MATCH (n:Entity {key: 'sql-skill'}) DETACH DELETE n`));
      // Another document: the response cache, keyed by the unchanged version, would answer this one again.
      const { status, error } = await helper.errorOf(query.replace('nodes {', 'length nodes {'), { app });
      expect(status).toBe(503);
      expect(error.message).toBe('The graph changed during the request (entity sql-skill vanished); try again.');
      expect(error.extensions).toMatchObject({ code: 'GRAPH_CHANGED', retryAfterSeconds: 1 });
      // Asked again once the version says the graph changed, the request reads the new graph.
      await helper.writeCypher('RETURN 1');
      expect((await helper.data(query, { app })).shortestPath.nodes[1]).toMatchObject({ key: 'stats' });
    });
  });
});
