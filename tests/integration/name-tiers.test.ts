import { describe, expect, it } from 'vitest';
import { ENTITY_LABELS } from '../../src/domain/career-graph.js';
import { createGraphCaches } from '../../src/domain/graph-caches.js';
import { GraphChangeFeed } from '../../src/domain/graph-change-feed.js';
import { createLoaders } from '../../src/domain/loaders.js';
import { resolveReference } from '../../src/domain/references.js';
import { findEntitiesByNameStatement } from '../../src/queries/entity-queries.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

describe('names resolve by tiers: key, then name, then alias', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: {
        'data-scientist': { skills: [['statistics']] },
        'ml-scientist': { name: 'ML Scientist', skills: [['machine-learning']] },
        'data-analyst': { skills: [['reporting']] },
        // A key equal to another role's name.
        analyst: { name: 'Lead Analyst', skills: [['reporting']] },
        'business-analyst': { name: 'Analyst', skills: [['modelling']] },
      },
      skills: { statistics: {}, 'machine-learning': {}, reporting: {}, modelling: {} },
      tools: { 'quant-lib': { name: 'Quant', supports: ['statistics'] } },
    }),
  });

  it('sets up aliases the seed validator refuses', async () => {
    // An alias equal to another role's name, and an alias two roles share: the seed validator refuses both.
    await helper.writeCypher(
      `MATCH (m:Role {key: 'ml-scientist'}) SET m.aliases = ['Data Scientist', 'quant']
       WITH m MATCH (a:Role {key: 'data-analyst'}) SET a.aliases = ['Quant']`,
    );
  });

  it('an exact name beats an alias equal to it', async () => {
    const data = await helper.data(`{
      role(name: "data SCIENTIST") { key }
      skills(filter: { requiredBy: "Data Scientist" }) { edges { node { key } } }
      other: role(name: "ML Scientist") { key }
    }`);
    expect(data.role).toEqual({ key: 'data-scientist' });
    expect(data.skills.edges).toEqual([{ node: { key: 'statistics' } }]);
    expect(data.other).toEqual({ key: 'ml-scientist' });
  });

  it('an exact key beats a name equal to it; role(name:) looks at names only', async () => {
    const data = await helper.data(`{
      skills(filter: { requiredBy: "ANALYST" }) { edges { node { key } } }
      role(name: "analyst") { key }
    }`);
    expect(data.skills.edges).toEqual([{ node: { key: 'reporting' } }]);
    expect(data.role).toEqual({ key: 'business-analyst' });
  });

  it('ties only among equals in the best tier, of the kinds asked for', async () => {
    // Any kind: the tool named Quant beats the two roles whose alias it is.
    const data = await helper.data('{ shortestPath(from: "quant", to: "statistics") { nodes { key } } }');
    expect(data.shortestPath.nodes).toEqual([{ key: 'quant-lib' }, { key: 'statistics' }]);
    // Roles only: no role is named Quant, two have it as an alias.
    const { error } = await helper.errorOf('{ role(name: "QUANT") { key } }');
    expect(error.extensions).toMatchObject({
      code: 'AMBIGUOUS_REFERENCE',
      argument: 'name',
      candidates: [
        { kind: 'Role', key: 'data-analyst', name: 'Data Analyst' },
        { kind: 'Role', key: 'ml-scientist', name: 'ML Scientist' },
      ],
    });
    const path = await helper.errorOf('{ skills(filter: { requiredBy: "quant" }) { totalCount } }');
    expect(path.error.extensions).toMatchObject({ code: 'AMBIGUOUS_REFERENCE', argument: 'filter.requiredBy' });
  });

  it('finds keys and names through their indexes and aliases through the full-text index, not a label scan', async () => {
    const { cypher, parameters } = findEntitiesByNameStatement([
      { labels: ['Role'], name: 'Data Scientist', byKey: true },
      { labels: ['Role', 'Skill', 'Tool'], name: 'quant' },
    ]);
    const plan = await helper.database.read(async (tx) => (await tx.run(`EXPLAIN ${cypher}`, parameters)).summary.plan);
    const operators: { type: string; details: string }[] = [];
    const walk = (operator: typeof plan) => {
      if (!operator) return;
      operators.push({ type: operator.operatorType.replace(/@.*/, ''), details: String(operator.arguments.Details) });
      for (const child of operator.children) walk(child);
    };
    walk(plan);
    const types = operators.map((op) => op.type);
    expect(operators).toContainEqual({
      type: 'NodeIndexSeek',
      details: expect.stringContaining('INDEX n:Entity(nameLower)'),
    });
    expect(operators).toContainEqual({
      type: 'ProcedureCall',
      details: expect.stringContaining('db.index.fulltext.queryNodes'),
    });
    // the key tier of a reference, in the same statement: a seek on the key constraint's index
    expect(operators).toContainEqual({
      type: expect.stringMatching(/^NodeUnique(Index)?Seek$|^NodeIndexSeek$/),
      details: expect.stringContaining('n:Entity(key)'),
    });
    expect(types.filter((type) => /LabelScan|AllNodesScan|IndexScan/.test(type))).toEqual([]);
  });

  it('migrating fills in nameLower where a writer left it out', async () => {
    // A node as written before migration 0003, or by a writer that does not set nameLower.
    await helper.writeCypher("MATCH (n:Role {key: 'data-scientist'}) REMOVE n.nameLower");
    // Without it the name tier misses Data Scientist, and the alias tier answers.
    expect(await helper.data('{ role(name: "data scientist") { key } }')).toEqual({ role: { key: 'ml-scientist' } });
    await helper.migrate();
    expect(await helper.data('{ role(name: "data scientist") { key } }')).toEqual({ role: { key: 'data-scientist' } });
  });
});

describe('on the project seed', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });

  it('every name and every alias names its own entity, symbols and all (W&B, A/B testing, TCP/IP)', async () => {
    const scope = {
      database: helper.database,
      loaders: createLoaders(helper.database),
      caches: createGraphCaches(),
      changeFeed: new GraphChangeFeed(),
      maxPageSize: 100,
      waitForComputedMs: 10_000,
    };
    const entries = [...helper.seed.roles, ...helper.seed.skills, ...helper.seed.tools];
    const texts = entries.flatMap((entry) => [entry.name, ...entry.aliases].map((text) => ({ text, key: entry.key })));
    expect(texts.length).toBeGreaterThan(900);
    const resolved = await Promise.all(
      texts.map(({ text }) =>
        resolveReference(scope, { text, labels: ENTITY_LABELS, argument: 'x' }).then(
          (entity) => entity.key,
          (error: Error) => error.message,
        ),
      ),
    );
    expect(resolved).toEqual(texts.map(({ key }) => key));
  });
});
