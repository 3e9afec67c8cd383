import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { LimitExceededError } from '../../src/errors.js';
import { connectTestDatabase, graphFixture, TestHelper } from '../support/test-helper.js';

describe('typed errors and limits', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: { 'data-analyst': { aliases: ['analyst'] }, 'security-analyst': {} },
      skills: { statistics: { category: 'mathematics', hours: 80 } },
      tools: { kubernetes: { aliases: ['k8s'], kind: 'platform' } },
    }),
  });

  beforeAll(async () => {
    // Two roles sharing an alias, which the seed validator refuses: the point of AMBIGUOUS_REFERENCE.
    await helper.writeCypher("MATCH (r:Role {key: 'security-analyst'}) SET r.aliases = ['analyst']");
  });

  it('AMBIGUOUS_REFERENCE lists the candidates', async () => {
    const { error } = await helper.errorOf('{ role(name: "Analyst") { key } }');
    expect(error.extensions.code).toBe('AMBIGUOUS_REFERENCE');
    expect(error.extensions.candidates).toEqual([
      { kind: 'Role', key: 'data-analyst', name: 'Data Analyst' },
      { kind: 'Role', key: 'security-analyst', name: 'Security Analyst' },
    ]);
    expect(error.message).toMatch(/"Analyst" \(argument name\) names 2 entities/);
  });

  it('NOT_FOUND names the argument and suggests close matches', async () => {
    const { error } = await helper.errorOf('{ tools(filter: { usedBy: "Data Analist" }) { totalCount } }');
    expect(error.extensions).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'filter.usedBy',
      suggestions: [{ kind: 'Role', key: 'data-analyst', name: 'Data Analyst' }],
    });
    expect(error.message).toBe(
      'No role is called "Data Analist" (argument filter.usedBy); did you mean "Data Analyst"?',
    );
  });

  it('BAD_USER_INPUT for contradictory arguments, bad cursors and negative pages', async () => {
    for (const query of [
      '{ role(key: "data-analyst", name: "Data Analyst") { key } }',
      '{ skill { key } }',
      '{ roles(after: "not-a-cursor") { totalCount } }',
      `{ roles(after: "${Buffer.from('OffsetConnection:-5').toString('base64')}") { totalCount } }`,
      `{ roles(after: "${Buffer.from('OffsetConnection:abc').toString('base64')}") { totalCount } }`,
      `{ role(key: "data-analyst") { skills(after: "${Buffer.from('OffsetConnection:-3').toString('base64')}") { totalCount } } }`,
      '{ roles(first: -1) { totalCount } }',
      '{ skills(filter: { requiredBy: " " }) { totalCount } }',
    ]) {
      const { error } = await helper.errorOf(query);
      expect(error.extensions.code, query).toBe('BAD_USER_INPUT');
    }
  });

  it('LIMIT_EXCEEDED for a page over 100, naming the limit', async () => {
    for (const query of ['{ roles(first: 101) { totalCount } }', '{ search(text: "a", first: 500) { score } }']) {
      const { error } = await helper.errorOf(query);
      expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'pageSize', max: 100 });
      expect(error.message).toMatch(/page size limit is 100/);
    }
  });

  it('LIMIT_EXCEEDED for depth, cost, aliases and tokens, before anything runs', async () => {
    const app = helper.app({
      limits: { ...loadConfig({}).limits, maxDepth: 6, maxCost: 5_000, maxAliases: 3, maxTokens: 200 },
    });
    const cases = {
      depth: '{ roles { edges { node { skills { edges { node { tools { edges { node { name } } } } } } } } } }',
      cost: '{ skills(first: 100) { edges { node { roles(first: 100) { edges { cursor } } } } } }',
      aliases: '{ a: stats { roles } b: stats { roles } c: stats { roles } d: stats { roles } }',
      tokens: `{ ${Array.from({ length: 120 }, (_, i) => `f${i}: __typename`).join(' ')} }`,
    };
    for (const [limit, query] of Object.entries(cases)) {
      const queries = await helper.countQueries(async () => {
        const { status, error } = await helper.errorOf(query, { app });
        expect(error.extensions, limit).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
        expect(error.message).toMatch(new RegExp(`${limit} limit`));
        expect(status).toBe(400);
      });
      expect(queries).toBe(0);
    }
  });

  it('cannot be fooled into a lower cost by negative arguments', async () => {
    const { error } = await helper.errorOf(`{
      roles(first: 100) { edges { node { skills(first: 100) { edges { node { tools(first: 100) { edges { node { key } } } } } } } } }
      shortestPath(from: "data-analyst", to: "statistics", maxHops: -2000000000) { length }
      shortestPaths(from: "data-analyst", to: "statistics", maxHops: -2000000000, k: -5) { length }
    }`);
    expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
  });

  it('survives search text far longer than any name', async () => {
    const { body } = await helper.graphql(
      `{ search(text: "${'kubernetes orchestration cluster '.repeat(200)}") { score } tool(name: "${'x'.repeat(5000)}") { key } }`,
    );
    expect(body.errors).toBeUndefined();
    const notFound = await helper.errorOf(
      `{ roles(filter: { usesTool: "${'kubernetes '.repeat(300)}" }) { totalCount } }`,
    );
    expect(notFound.error.extensions.code).toBe('NOT_FOUND');
  });

  it('accepts an ordinary nested query under the default limits', async () => {
    const { body } = await helper.graphql(
      '{ roles(first: 20) { edges { node { skills(first: 20) { edges { node { tools(first: 10) { edges { node { name } } } } } } } } } }',
    );
    expect(body.errors).toBeUndefined();
  });

  it("admits an analyst's natural query: every role with 20 skills and 5 tools each, keys and totals", async () => {
    const { body } = await helper.graphql(`{
      roles(first: 100) { totalCount edges { node { key name
        skills(first: 20) { totalCount edges { importance level node { key name
          tools(first: 5) { totalCount edges { node { key name } } } } } } } } }
    }`);
    expect(body.errors).toBeUndefined();
  });
});

describe('the execution time limit', () => {
  let database: Database | undefined;
  afterAll(async () => {
    await database?.close();
  });

  it('turns a Neo4j transaction timeout into LIMIT_EXCEEDED naming the limit', async () => {
    database = connectTestDatabase({ transactionTimeoutMs: 200 });
    const error = await database.read((tx) => tx.run('CALL apoc.util.sleep(5000)')).catch((e) => e);
    expect(error).toBeInstanceOf(LimitExceededError);
    expect(error.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'executionTime', max: 200 });
    expect(error.message).toMatch(/execution time limit of 200 ms/);
  });
});
