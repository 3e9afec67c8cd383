import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

describe('the yoga app, in-process', () => {
  const helper = TestHelper.forSuite();

  it('answers /health while the process is alive', async () => {
    const response = await helper.app().fetch('http://yoga/health');
    expect(response.status).toBe(200);
  });

  it('answers /ready with 200 while Neo4j answers', async () => {
    const response = await helper.app().fetch('http://yoga/ready');
    expect(response.status).toBe(200);
  });

  it('answers only the path /ready as the readiness check, not a query whose URL ends in /ready', async () => {
    const response = await helper.app().fetch('http://yoga/graphql?query=%7B__typename%7D%20%23/ready');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
    expect((await helper.app().fetch('http://yoga/ready?probe=1')).status).toBe(200);
  });

  it('answers { __typename }', async () => {
    const { status, body } = await helper.graphql('{ __typename }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __typename: 'Query' }, extensions: { graphVersion: expect.any(String) } });
  });

  it('reads the graph through the database', async () => {
    await helper.writeGraph(
      graphFixture({
        roles: { 'data-scientist': { skills: [['statistics', 'ESSENTIAL', 4]], tools: ['pandas'] } },
        skills: { statistics: {} },
        tools: { pandas: { supports: ['statistics'] } },
      }),
    );
    const { body } = await helper.graphql('{ stats { roles skills tools relationships } }');
    expect(body.data).toEqual({ stats: { roles: 1, skills: 1, tools: 1, relationships: 3 } });
  });

  it('gives every response a request id, keeping a sane one the caller sent', async () => {
    const app = helper.app();
    const generated = await app.fetch('http://yoga/health');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await app.fetch('http://yoga/health', { headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const replaced = await app.fetch('http://yoga/health', { headers: { 'x-request-id': 'bad id\twith junk' } });
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id\twith junk');
  });

  it('allows only the configured CORS origins', async () => {
    const app = helper.app({ corsOrigins: ['https://allowed.example'] });
    const preflight = (origin: string) =>
      app.fetch('http://yoga/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    expect((await preflight('https://allowed.example')).headers.get('access-control-allow-origin')).toBe(
      'https://allowed.example',
    );
    expect((await preflight('https://elsewhere.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://elsewhere.example',
    );
  });

  it('serves GraphiQL to browsers', async () => {
    const response = await helper.app().fetch('http://yoga/graphql', {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('SkillGraph');
  });
});

describe('the yoga app when Neo4j does not answer', () => {
  let unreachable: TestHelper;
  beforeAll(() => {
    unreachable = new TestHelper(
      Database.connect('bolt://127.0.0.1:1', {
        username: 'neo4j',
        password: 'whatever-1',
        database: 'neo4j',
      }),
    );
  });
  afterAll(() => unreachable.database.close());

  it('answers /ready with 503 and /health with 200', async () => {
    const app = unreachable.app();
    expect((await app.fetch('http://yoga/ready')).status).toBe(503);
    expect((await app.fetch('http://yoga/health')).status).toBe(200);
  });

  it('answers queries that need the database with DATABASE_UNAVAILABLE, without leaking details', async () => {
    const { body } = await unreachable.graphql('{ stats { roles } }');
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'The database is unavailable; try again shortly.',
      extensions: { code: 'DATABASE_UNAVAILABLE' },
    });
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it('still answers queries that need no database', async () => {
    const { body } = await unreachable.graphql('{ __typename }');
    expect(body).toEqual({ data: { __typename: 'Query' } });
  });
});
