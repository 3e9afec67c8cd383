import { describe, expect, it } from 'vitest';
import { MAX_VALIDATION_ERRORS } from '../../src/server/use-query-limits.js';
import { type GraphQLBody, TestHelper } from '../support/test-helper.js';

/**
 * graphql-cop's checks (dolevf/graphql-cop, lib/tests), each sent as graphql-cop sends it, with the
 * condition under which graphql-cop reports a finding asserted false.
 */
describe("graphql-cop's checks", () => {
  const helper = TestHelper.forSuite();
  // what graphql-cop accepts
  const cop = { accept: 'application/json' };
  const limitOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.limit;

  it('alias overloading: 101 `__typename` aliases are refused', async () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `alias${i}:__typename \n`).join('');
    const { body } = await helper.graphql(`query cop { ${aliases} }`, cop);
    expect(body.data?.alias100).toBeUndefined();
    expect(limitOf(body)).toBe('aliases');
  });

  it('array-based batching: a batch of 10 is not executed', async () => {
    const response = await helper.request(
      Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' })),
      cop,
    );
    const body = await response.json().catch(() => ({}));
    expect(Array.isArray(body)).toBe(false);
    expect(response.status).toBeGreaterThanOrEqual(400);
  });

  it('field duplication: 500 repeated fields are refused', async () => {
    const { body } = await helper.graphql(`query cop { ${'__typename \n'.repeat(500)}} `, cop);
    expect(body.data?.__typename).toBeUndefined();
    expect(limitOf(body)).toBe('duplicateFields');
  });

  it('directive overloading: repeated directives do not each buy an error', async () => {
    const { body } = await helper.graphql('query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }', cop);
    expect(body.errors?.length).not.toBe(10);
    const many = await helper.graphql(`query cop { __typename ${'@skip(if: false)'.repeat(50)} }`, cop);
    expect(many.body.errors?.some((error) => error.extensions?.limit === 'directives')).toBe(true);
    expect(many.body.errors?.length).toBeLessThanOrEqual(MAX_VALIDATION_ERRORS + 1);
  });

  it('introspection-based circular query is refused', async () => {
    const { body } = await helper.graphql(
      'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
      cop,
    );
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('mutation over GET is refused', async () => {
    const response = await helper
      .app()
      .fetch(`http://yoga/graphql?query=${encodeURIComponent('mutation cop {__typename}')}`, {
        headers: { accept: 'application/json' },
      });
    expect(response.status).toBe(405);
    expect(((await response.json()) as GraphQLBody).data).toBeUndefined();
  });

  it('url-encoded POST (possible CSRF) is refused', async () => {
    const response = await helper.app().fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'query cop { __typename }' }).toString(),
    });
    expect(response.status).toBe(415);
    expect(((await response.json()) as GraphQLBody).data).toBeUndefined();
  });

  it('trace mode is off', async () => {
    const { text } = await helper.graphql('query cop { __typename }', cop);
    expect(text.toLowerCase()).not.toContain('tracing');
  });

  it('unhandled errors carry no exception or stack', async () => {
    const { text, body } = await helper.graphql('qwerty cop { abc }', cop);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(text).not.toMatch(/exception|stacktrace|at .*\.js:\d+/i);
  });

  it('field suggestions are off when introspection is off', async () => {
    const { body } = await helper.graphql('query cop { __schema { directive } }', {
      ...cop,
      app: helper.app({ introspection: false }),
    });
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(body)).not.toContain('Did you mean');
  });

  it('introspection is refused when turned off', async () => {
    const { body } = await helper.graphql('query cop { __schema { types { name fields { name } } } }', {
      ...cop,
      app: helper.app({ introspection: false }),
    });
    expect(body.data?.__schema).toBeUndefined();
  });

  it('GraphiQL is not served when turned off', async () => {
    const response = await helper
      .app({ graphiql: false })
      .fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toMatch(/graphiql/i);
  });

  it('character limit: a 5 MB comment is refused unread', async () => {
    const { status, body } = await helper.graphql(`# ${'x'.repeat(5_000_000)}\nquery cop { __typename }`, cop);
    expect(status).toBe(413);
    expect(limitOf(body)).toBe('bodySize');
  });
});
