import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { useTestDatabase } from '../support/test-database.js';

describe('GraphQL over HTTP', () => {
  const db = useTestDatabase();

  it('passes every MUST and SHOULD audit of the graphql-http suite', async () => {
    const app = createTestApp(db.database);
    const audits = serverAudits({ url: 'http://yoga/graphql', fetchFn: app.fetch });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const failures = results
      .filter((result) => result.status !== 'ok' && !result.name.startsWith('MAY'))
      .map((result) => `${result.name}: ${'reason' in result ? result.reason : ''}`);
    expect(failures).toEqual([]);
    expect(results.filter((result) => result.status === 'ok').length).toBeGreaterThan(20);
  });

  const post = (body: string, accept = 'application/graphql-response+json') =>
    createTestApp(db.database).fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body,
    });

  it('answers application/graphql-response+json when asked', async () => {
    const response = await post(JSON.stringify({ query: '{ __typename }' }));
    expect(response.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(response.status).toBe(200);
  });

  it('answers 4xx to malformed requests', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post(JSON.stringify({ query: '{ nope ' }))).status).toBe(400);
    expect((await post(JSON.stringify({ query: '{ noSuchField }' }))).status).toBe(400);
    expect((await post(JSON.stringify({ variables: {} }))).status).toBe(400);
  });

  it('serves queries over GET and never mutations', async () => {
    const app = createTestApp(db.database);
    const get = (query: string) =>
      app.fetch(`http://yoga/graphql?query=${encodeURIComponent(query)}`, {
        headers: { accept: 'application/graphql-response+json' },
      });
    const ok = await get('{ __typename }');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await get('mutation { __typename }')).status).toBe(405);
  });
});

describe('GraphQL over real HTTP, on a loopback port', () => {
  const db = useTestDatabase();
  let server: Server;
  let url: string;
  beforeAll(async () => {
    await db.database.write((tx) =>
      tx.run(
        "CREATE (:Role:Entity {key: 'data-scientist', name: 'Data Scientist', aliases: ['DS'], description: 'd'})",
      ),
    );
    server = createServer(createTestApp(db.database));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes the audits over the wire too', async () => {
    const results = await Promise.all(serverAudits({ url, fetchFn: fetch }).map((audit) => audit.fn()));
    expect(results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY')).map((r) => r.name)).toEqual([]);
  });

  it('answers a lookup from Neo4j, and refuses a query over a limit with 400 and its code', async () => {
    const post = (query: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
    const found = await post('{ role(name: "ds") { key } }');
    expect(found.status).toBe(200);
    expect(await found.json()).toEqual({ data: { role: { key: 'data-scientist' } } });
    const tooDeep = await post(
      `{ ${'roles { edges { node { skills { edges { node { roles { edges { node { '.repeat(2)} key ${'} } } } } } } } } '.repeat(2)} }`,
    );
    expect(tooDeep.status).toBe(400);
    expect(((await tooDeep.json()) as any).errors[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      limit: 'depth',
    });
  });
});

describe('playground switches', () => {
  const db = useTestDatabase();
  const introspect = (app: ReturnType<typeof createTestApp>) =>
    app.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    });
  const openGraphiQL = (app: ReturnType<typeof createTestApp>) =>
    app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });

  it('has introspection and GraphiQL on by default', async () => {
    const app = createTestApp(db.database);
    expect(await (await introspect(app)).json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const page = await openGraphiQL(app);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('turns them off by configuration', async () => {
    const app = createTestApp(db.database, { introspection: false, graphiql: false });
    const body = (await (await introspect(app)).json()) as { errors?: { message: string }[] };
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await openGraphiQL(app)).headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });
});
