import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/server/app.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

describe('GraphQL over HTTP', () => {
  const helper = TestHelper.forSuite();

  it('passes every MUST and SHOULD audit of the graphql-http suite', async () => {
    const app = helper.app();
    const audits = serverAudits({ url: 'http://yoga/graphql', fetchFn: app.fetch });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const failures = results
      .filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'))
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failures).toEqual([]);
    expect(results.filter((result) => result.status === 'ok').length).toBeGreaterThan(20);
  });

  it('answers application/graphql-response+json when asked', async () => {
    const response = await helper.request({ query: '{ __typename }' });
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(response.status).toBe(200);
  });

  it('answers 4xx to malformed requests', async () => {
    expect((await helper.request('{not json')).status).toBe(400);
    expect((await helper.request({ query: '{ nope ' })).status).toBe(400);
    expect((await helper.request({ query: '{ noSuchField }' })).status).toBe(400);
    expect((await helper.request({ variables: {} })).status).toBe(400);
  });

  it('serves queries over GET and never mutations', async () => {
    const app = helper.app();
    const get = (query: string) =>
      app.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
    const ok = await get('{ __typename }');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      data: { __typename: 'Query' },
      extensions: { graphVersion: expect.any(String) },
    });
    expect((await get('mutation { __typename }')).status).toBe(405);
  });
});

describe('GraphQL over real HTTP, on a loopback port', () => {
  const helper = TestHelper.forSuite({ seed: graphFixture({ roles: { 'data-scientist': { aliases: ['DS'] } } }) });
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(helper.app());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes the audits over the wire too', async () => {
    const results = await Promise.all(serverAudits({ url, fetchFn: fetch }).map((audit) => audit.fn()));
    expect(results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY')).map((r) => r.name)).toEqual([]);
  });

  it('answers a lookup from Neo4j, and refuses a query over a limit with 400 and its code', async () => {
    const found = await helper.graphql('{ role(name: "ds") { key } }', { url });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      data: { role: { key: 'data-scientist' } },
      extensions: { graphVersion: expect.any(String) },
    });
    const tooDeep = await helper.graphql(
      `{ ${'roles { edges { node { skills { edges { node { roles { edges { node { '.repeat(2)} key ${'} } } } } } } } } '.repeat(2)} }`,
      { url },
    );
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors?.[0]?.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'depth',
    });
  });
});

describe('playground switches', () => {
  const helper = TestHelper.forSuite();
  const introspect = (app: App) =>
    helper.graphql('{ __schema { queryType { name } } }', { app, accept: 'application/json' });
  const openGraphiQL = (app: App) => app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });

  it('has introspection and GraphiQL on by default', async () => {
    const app = helper.app();
    expect((await introspect(app)).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
      extensions: { graphVersion: expect.any(String) },
    });
    const page = await openGraphiQL(app);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('turns them off by configuration', async () => {
    const app = helper.app({ introspection: false, graphiql: false });
    const { body } = await introspect(app);
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await openGraphiQL(app)).headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });
});
