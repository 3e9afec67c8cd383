import { describe, expect, it } from 'vitest';
import { type GraphQLBody, TestHelper } from '../support/test-helper.js';

describe('one client cannot hurt the others', () => {
  const helper = TestHelper.forSuite({ seed: 'project' });

  describe('cost is computed for every request with its own variables', () => {
    const nested = `query Nested($n: Int) {
      roles(first: $n) { edges { node { skills(first: $n) { edges { node {
        roles(first: $n) { edges { node { skills(first: $n) { totalCount } } } } } } } } } }
    }`;

    it('refuses a cached document sent again with bigger pages, before any Cypher runs', async () => {
      const app = helper.app();
      const small = await helper.graphql(nested, { app, variables: { n: 1 } });
      expect(small.body.errors).toBeUndefined();
      const queries = await helper.countQueries(async () => {
        const big = await helper.graphql(nested, { app, variables: { n: 100 } });
        expect(big.status).toBe(400);
        expect(big.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost', max: 50_000 });
        expect(big.body.errors?.[0]?.extensions?.actual).toBeGreaterThan(1_000_000);
      });
      expect(queries).toBe(0);
    });

    it('still accepts the small version after the big one was refused', async () => {
      const app = helper.app();
      await helper.graphql(nested, { app, variables: { n: 100 } });
      const small = await helper.graphql(nested, { app, variables: { n: 2 } });
      expect(small.body.errors).toBeUndefined();
    });
  });

  it('keeps variable errors to the request that sent them (no validation-cache poisoning)', async () => {
    const app = helper.app();
    const query = 'query Overlap($a: [String!]!) { overlapMatrix(roles: $a) { jaccard } }';
    const bad = await helper.graphql(query, { app, variables: { a: [['x']] } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: '$a' });
    const good = await helper.graphql(query, { app, variables: { a: ['data-scientist'] } });
    expect(good.body.errors).toBeUndefined();
    expect(good.body.data).toEqual({ overlapMatrix: { jaccard: [[1]] } });
  });

  describe('CORS', () => {
    const preflight = (origin: string): RequestInit => ({
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

    it('never allows credentials with the wildcard', async () => {
      const response = await helper.app().fetch('http://yoga/graphql', preflight('http://evil.test'));
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
      const actual = await helper.app().fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://evil.test' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(actual.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('with a list, echoes only the listed origins', async () => {
      const app = helper.app({ corsOrigins: ['http://app.test'] });
      const listed = await app.fetch('http://yoga/graphql', preflight('http://app.test'));
      expect(listed.headers.get('access-control-allow-origin')).toBe('http://app.test');
      const other = await app.fetch('http://yoga/graphql', preflight('http://evil.test'));
      expect(other.headers.get('access-control-allow-origin')).not.toBe('http://evil.test');
      expect(other.headers.get('access-control-allow-credentials')).toBeNull();
    });
  });

  describe('with introspection off', () => {
    const app = () => helper.app({ introspection: false });

    it('suggests no field, type or enum value', async () => {
      for (const [query, variables] of [
        ['{ rolez { totalCount } }', undefined],
        ['query Q($d: OrderDirection) { roles(orderBy: { direction: $d }) { totalCount } }', { d: 'AS' }],
        ['{ roles(orderBy: { direction: AS }) { totalCount } }', undefined],
        ['{ role(key: "x") { nam } }', undefined],
      ] as const) {
        const { body } = await helper.graphql(query, { app: app(), variables });
        expect(body.errors?.length, query).toBeGreaterThan(0);
        for (const error of body.errors ?? []) expect(error.message, query).not.toMatch(/did you mean/i);
      }
    });

    it('still suggests when introspection is on', async () => {
      const { body } = await helper.graphql('{ rolez { totalCount } }');
      expect(body.errors?.[0]?.message).toMatch(/Did you mean "role"/);
    });
  });

  describe('size limits', () => {
    it('refuses a document over the character limit before parsing it', async () => {
      const query = `# ${'x'.repeat(25_000)}\n{ __typename }`;
      const { body } = await helper.graphql(query);
      expect(body.errors?.[0]?.extensions).toMatchObject({
        code: 'LIMIT_EXCEEDED',
        limit: 'documentLength',
        max: 20_000,
        actual: query.length,
      });
      expect(body.errors?.[0]?.message).toMatch(/MAX_DOCUMENT_LENGTH/);
    });

    it('refuses a request body over the byte limit with 413', async () => {
      const { status, body } = await helper.graphql('{ __typename }', { variables: { padding: 'x'.repeat(150_000) } });
      expect(status).toBe(413);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodySize', max: 100_000 });
    });

    it('refuses any list argument over the list limit, from variables or literals', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
      const fromVariables = await helper.graphql('query N($ids: [ID!]!) { nodes(ids: $ids) { id } }', {
        variables: { ids },
      });
      expect(fromVariables.status).toBe(400);
      expect(fromVariables.body.errors?.[0]?.extensions).toMatchObject({
        code: 'LIMIT_EXCEEDED',
        limit: 'listSize',
        max: 100,
        actual: 101,
      });
      expect(fromVariables.body.errors?.[0]?.message).toMatch(/\$ids/);
      const nested = await helper.graphql(
        'query G($p: ProfileInput!) { skillGap(from: $p, to: "mlops-engineer") { coverage } }',
        { variables: { p: { skills: ids } } },
      );
      expect(nested.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'listSize' });
      expect(nested.body.errors?.[0]?.message).toMatch(/\$p\.skills/);
      const literal = await helper.graphql(`{ nodes(ids: [${ids.map((id) => `"${id}"`).join(',')}]) { id } }`);
      expect(literal.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'listSize' });
    });

    it('quotes at most a short piece of a huge argument back', async () => {
      const huge = 'q'.repeat(200_00);
      const { body } = await helper.graphql(
        'query R($r: String!) { skillGap(from: { role: $r }, to: "mlops-engineer") { coverage } }',
        { variables: { r: huge } },
      );
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(body.errors?.[0]?.message.length).toBeLessThan(400);
      expect(body.errors?.[0]?.message).toMatch(/\(20000 characters\)/);
    });
  });

  it('answers a GET with variables that are not JSON with 400, not 500', async () => {
    const response = await helper.app().fetch('http://yoga/graphql?query=%7B__typename%7D&variables=%7Bbad', {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('gives every error a client can cause a documented code', async () => {
    const cases: [string, Record<string, unknown> | undefined, string][] = [
      ['{ node(id: "zzz") { id } }', undefined, 'BAD_USER_INPUT'],
      ['{ roles(orderBy: { direction: SIDEWAYS }) { totalCount } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
      [
        'query O($d: OrderDirection) { roles(orderBy: { direction: $d }) { totalCount } }',
        { d: 'SIDEWAYS' },
        'BAD_USER_INPUT',
      ],
      ['{ roles(first: 99999999999) { totalCount } }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
      ['query F($n: Int) { roles(first: $n) { totalCount } }', { n: 2 ** 40 }, 'BAD_USER_INPUT'],
      // Anonymous: writes need a key with the write scope.
      ['mutation { __typename }', undefined, 'UNAUTHENTICATED'],
      ['subscription { __typename }', undefined, 'GRAPHQL_VALIDATION_FAILED'],
      ['{ roles(', undefined, 'GRAPHQL_PARSE_FAILED'],
    ];
    for (const [query, variables, code] of cases) {
      const { body } = await helper.graphql(query, { variables });
      expect(body.errors?.length, query).toBeGreaterThan(0);
      for (const error of body.errors ?? []) expect(error.extensions?.code, query).toBe(code);
    }
    const unknownOperation = await helper.graphql('query A { __typename }', { operationName: 'B' });
    expect(unknownOperation.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('sends limit errors as the GraphQL-over-HTTP spec asks: 400 for graphql-response+json, 200 for json', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const modern = await helper.graphql(query);
    expect(modern.status).toBe(400);
    expect(modern.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'aliases', actual: 31 });
    const legacy = await helper.graphql(query, { accept: 'application/json' });
    expect(legacy.status).toBe(200);
    expect(legacy.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'aliases' });
    const cost = await helper.graphql(
      'query C($n: Int) { roles(first: $n) { edges { node { skills(first: $n) { edges { node { roles(first: $n) { edges { node { skills(first: $n) { totalCount } } } } } } } } } } }',
      { variables: { n: 100 }, accept: 'application/json' },
    );
    expect(cost.status).toBe(200);
    expect(cost.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
  });

  it('executes no form or multipart POST (no CSRF without a preflight)', async () => {
    const queries = await helper.countQueries(async () => {
      const form = await helper.app().fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=%7B%20roles%20%7B%20totalCount%20%7D%20%7D',
      });
      expect(form.status).toBe(415);
      const multipartBody = new FormData();
      multipartBody.set('operations', JSON.stringify({ query: '{ roles { totalCount } }' }));
      multipartBody.set('map', '{}');
      const multipart = await helper.app().fetch('http://yoga/graphql', {
        method: 'POST',
        body: multipartBody,
      });
      expect(multipart.status).toBe(415);
      const plain = await helper.app().fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ roles { totalCount } }' }),
      });
      expect(plain.status).toBe(415);
      expect(((await plain.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });
    expect(queries).toBe(0);
  });

  it('counts __typename aliases against the alias limit', async () => {
    const query = `{ ${Array.from({ length: 101 }, (_, i) => `alias${i}: __typename`).join(' ')} }`;
    const { body } = await helper.graphql(query);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'aliases', actual: 101 });
  });

  describe('found by a hostile review', () => {
    it('refuses form posts on every path yoga answers GraphQL on, not only /graphql', async () => {
      const queries = await helper.countQueries(async () => {
        for (const path of ['/graphql/', '//graphql', '/x/graphql', '/?x=/graphql']) {
          const response = await helper.app().fetch(`http://yoga${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: 'query=%7B%20roles%20%7B%20totalCount%20%7D%20%7D',
          });
          expect(response.status, path).toBe(415);
          expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions?.code, path).toBe('BAD_REQUEST');
        }
      });
      expect(queries).toBe(0);
    });

    it('answers a media type yoga would not parse with our 415 and a code, not an empty one', async () => {
      for (const type of ['Application/JSON', 'application/graphql-response+json']) {
        const response = await helper.request({ query: '{ __typename }' }, { headers: { 'content-type': type } });
        expect(response.status, type).toBe(415);
        expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions?.code, type).toBe('BAD_REQUEST');
      }
    });

    it('does not echo a body that is not JSON', async () => {
      const body = `{"query": "${'x'.repeat(90_000)}`;
      const response = await helper.request(body, { headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(400);
      expect((await response.text()).length).toBeLessThan(2_000);
    });

    it('gives a foreign type in a global id BAD_USER_INPUT', async () => {
      const id = Buffer.from('Foo:x').toString('base64');
      const { error } = await helper.errorOf(`{ node(id: "${id}") { id } }`);
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    });

    it('gives OPERATION_RESOLUTION_FAILURE the spec status: 200 for application/json', async () => {
      const response = await helper.graphql('query A { __typename } query B { __typename }', {
        accept: 'application/json',
      });
      expect(response.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
      expect(response.status).toBe(200);
    });

    it('with a CORS list, allows no unlisted origin, `null` included', async () => {
      const app = helper.app({ corsOrigins: ['https://a.example', 'https://b.example'] });
      for (const origin of ['null', 'https://evil.example']) {
        const response = await app.fetch('http://yoga/graphql', {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(response.headers.get('access-control-allow-origin'), origin).toBeNull();
      }
      const listed = await app.fetch('http://yoga/graphql', {
        method: 'OPTIONS',
        headers: { origin: 'https://b.example', 'access-control-request-method': 'POST' },
      });
      expect(listed.headers.get('access-control-allow-origin')).toBe('https://b.example');
      expect(listed.headers.get('vary')).toMatch(/origin/i);
    });

    it('runs at most a few suggestion searches per request, however many names are unknown', async () => {
      const unknown = Array.from({ length: 100 }, (_, i) => `nothing like this ${i} at all really`);
      const queries = await helper.countQueries(async () => {
        const { body } = await helper.graphql(
          'query A($a: [String!]) { shortestPath(from: "data-scientist", to: "mlops-engineer", avoid: $a) { length } }',
          { variables: { a: unknown } },
        );
        expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      });
      expect(queries).toBeLessThan(10);
    });

    it('counts what nodes(ids:) and overlapMatrix(roles:) fan out to in the cost', async () => {
      const nested = 'roles(first: 100) { edges { node { skills(first: 20) { edges { node { key } } } } } }';
      const ids = Array.from({ length: 100 }, () => Buffer.from('Skill:statistics').toString('base64'));
      const many = await helper.graphql(`query N($ids: [ID!]!) { nodes(ids: $ids) { ... on Skill { ${nested} } } }`, {
        variables: { ids },
      });
      expect(many.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
      const roles = Array.from({ length: 50 }, () => 'data-scientist');
      const matrix = await helper.graphql(
        `query M($r: [String!]!) { overlapMatrix(roles: $r) { roles { skills(first: 100) { edges { node { roles(first: 100) { edges { node { key } } } } } } } } }`,
        { variables: { r: roles } },
      );
      expect(matrix.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'cost' });
    });
  });
});
