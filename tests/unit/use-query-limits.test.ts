import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import { createYoga, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import {
  MAX_DUPLICATE_FIELDS,
  MAX_VALIDATION_ERRORS,
  type QueryLimits,
  useQueryLimits,
} from '../../src/server/use-query-limits.js';

/**
 * A tiny Pothos schema with the complexity plugin configured as the app's: `items(first:)` costs 1 plus
 * `first` times its selection, `node` nests as deep as asked, `count` takes list arguments. `resolved`
 * counts resolver calls, so a test can tell that a refused request ran none.
 */
function createTestSchema() {
  const counter = { resolved: 0 };
  const builder = new SchemaBuilder<{ DefaultFieldNullability: false }>({
    plugins: [ComplexityPlugin],
    defaultFieldNullability: false,
    complexity: { defaultComplexity: 1, defaultListMultiplier: 1 },
  });
  const Item = builder.objectRef<{ n: number }>('Item');
  Item.implement({
    fields: (t) => ({
      n: t.exposeInt('n'),
      children: t.field({
        type: [Item],
        args: { first: t.arg.int({ required: true }) },
        complexity: (args) => ({ field: 1, multiplier: args.first }),
        resolve: (item, { first }) => Array.from({ length: first }, (_, i) => ({ n: item.n * 10 + i })),
      }),
    }),
  });
  const Node = builder.objectRef<{ depth: number }>('Node');
  Node.implement({
    fields: (t) => ({
      depth: t.exposeInt('depth'),
      child: t.field({ type: Node, resolve: (node) => ({ depth: node.depth + 1 }) }),
    }),
  });
  const Filter = builder.inputType('Filter', { fields: (t) => ({ tags: t.stringList() }) });
  builder.queryType({
    fields: (t) => ({
      items: t.field({
        type: [Item],
        args: { first: t.arg.int({ required: true }) },
        complexity: (args) => ({ field: 1, multiplier: args.first }),
        resolve: (_, { first }) => {
          counter.resolved++;
          return Array.from({ length: first }, (_, i) => ({ n: i }));
        },
      }),
      node: t.field({
        type: Node,
        resolve: () => {
          counter.resolved++;
          return { depth: 1 };
        },
      }),
      count: t.int({
        args: { values: t.arg.stringList(), filter: t.arg({ type: Filter }) },
        resolve: (_, { values, filter }) => {
          counter.resolved++;
          return (values?.length ?? 0) + (filter?.tags?.length ?? 0);
        },
      }),
    }),
  });
  return { schema: builder.toSchema(), counter };
}

const LIMITS: QueryLimits = {
  maxDepth: 4,
  maxCost: 100,
  maxAliases: 3,
  maxTokens: 200,
  maxDirectives: 2,
  maxDocumentLength: 1_000,
  maxListSize: 3,
};

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A yoga app with only the query-limits plugins; `send` posts one request and counts what resolvers ran. */
function limitedApp(overrides: Partial<QueryLimits> = {}) {
  const { schema, counter } = createTestSchema();
  // Counts the validations of documents, which yoga caches by document text.
  const validations = { count: 0 };
  const countValidations: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(() => {
        validations.count++;
        return {};
      });
    },
  };
  const yoga = createYoga({
    schema,
    plugins: [...useQueryLimits({ ...LIMITS, ...overrides }), countValidations],
    logging: false,
  });
  const send = async (
    query: string,
    variables?: Record<string, unknown>,
    { accept = 'application/graphql-response+json', operationName }: { accept?: string; operationName?: string } = {},
  ) => {
    const before = counter.resolved;
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query, variables, operationName }),
    });
    return { status: response.status, body: (await response.json()) as Body, resolved: counter.resolved - before };
  };
  return { send, validations };
}

/** The response of a request refused before execution because of `limit`. */
const refusedFor = (limit: string, details: Record<string, unknown> = {}) => ({
  status: 400,
  body: { errors: [expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', limit, ...details } })] },
  resolved: 0,
});

describe('useQueryLimits', () => {
  it('runs a request within every limit', async () => {
    const { send } = limitedApp();
    expect(await send('{ items(first: 2) { n children(first: 2) { n } } }')).toEqual({
      status: 200,
      body: {
        data: {
          items: [
            { n: 0, children: [{ n: 0 }, { n: 1 }] },
            { n: 1, children: [{ n: 10 }, { n: 11 }] },
          ],
        },
      },
      resolved: 1,
    });
  });

  it('refuses nesting deeper than maxDepth', async () => {
    const { send } = limitedApp();
    expect(await send('{ node { child { child { depth } } } }')).toMatchObject({
      status: 200,
      body: { data: { node: { child: { child: { depth: 3 } } } } },
    });
    const refused = await send('{ node { child { child { child { depth } } } } }');
    expect(refused).toEqual(refusedFor('depth', { max: 4, actual: 5 }));
    expect(refused.body.errors?.[0]?.message).toMatch(/depth limit of 4.*MAX_DEPTH/);
  });

  it('counts __typename aliases against maxAliases', async () => {
    const { send } = limitedApp();
    expect((await send('{ a: __typename b: __typename c: __typename }')).body).toEqual({
      data: { a: 'Query', b: 'Query', c: 'Query' },
    });
    expect(await send('{ a: __typename b: __typename c: __typename d: __typename }')).toEqual(
      refusedFor('aliases', { max: 3, actual: 4 }),
    );
  });

  it('refuses more tokens than maxTokens while parsing', async () => {
    const { send } = limitedApp({ maxTokens: 12 });
    // `{`, `count`, `}` and one token for each `__typename`.
    expect((await send(`{ count ${'__typename '.repeat(9)}}`)).body).toEqual({
      data: { count: 0, __typename: 'Query' },
    });
    // The parser stops at the first token over the limit, so how many there are is not known.
    expect(await send(`{ count ${'__typename '.repeat(10)}}`)).toEqual(refusedFor('tokens', { max: 12 }));
  });

  it('refuses more directives than maxDirectives in one operation', async () => {
    const { send } = limitedApp();
    expect((await send('{ count @include(if: true) node @skip(if: false) { depth } }')).body).toEqual({
      data: { count: 0, node: { depth: 1 } },
    });
    expect(await send('{ count @include(if: true) @skip(if: false) node @skip(if: false) { depth } }')).toEqual(
      refusedFor('directives', { max: 2, actual: 3 }),
    );
  });

  it('refuses a document longer than maxDocumentLength before parsing it', async () => {
    const { send } = limitedApp({ maxDocumentLength: 100 });
    const padded = (length: number) => `{ count }${' '.repeat(length - 9)}`;
    expect((await send(padded(100))).body).toEqual({ data: { count: 0 } });
    expect(await send(padded(101))).toEqual(refusedFor('documentLength', { max: 100, actual: 101 }));
    // Not even parsed: what is too long is refused whatever it holds.
    expect(await send('{'.repeat(101))).toEqual(refusedFor('documentLength', { max: 100, actual: 101 }));
  });

  it('refuses list literals longer than maxListSize, at any depth of an input', async () => {
    const { send } = limitedApp();
    expect((await send('{ count(values: ["a", "b", "c"], filter: { tags: ["x"] }) }')).body).toEqual({
      data: { count: 4 },
    });
    expect(await send('{ count(values: ["a", "b", "c", "d"]) }')).toEqual(
      refusedFor('listSize', { max: 3, actual: 4 }),
    );
    expect(await send('{ count(filter: { tags: ["a", "b", "c", "d"] }) }')).toEqual(
      refusedFor('listSize', { max: 3, actual: 4 }),
    );
  });

  it('refuses list variables longer than maxListSize, naming the variable', async () => {
    const { send } = limitedApp();
    const query = 'query Count($values: [String!], $filter: Filter) { count(values: $values, filter: $filter) }';
    expect((await send(query, { values: ['a', 'b', 'c'], filter: { tags: ['x'] } })).body).toEqual({
      data: { count: 4 },
    });
    const flat = await send(query, { values: ['a', 'b', 'c', 'd'] });
    expect(flat).toEqual(refusedFor('listSize', { max: 3, actual: 4 }));
    expect(flat.body.errors?.[0]?.message).toMatch(/4 items in \$values/);
    const nested = await send(query, { filter: { tags: ['a', 'b', 'c', 'd'] } });
    expect(nested).toEqual(refusedFor('listSize', { max: 3, actual: 4 }));
    expect(nested.body.errors?.[0]?.message).toMatch(/4 items in \$filter\.tags/);
    // A single value where a list is expected coerces to a list of one.
    expect((await send(query, { values: 'a' })).body).toEqual({ data: { count: 1 } });
  });

  it('costs every request with its own variables: a cached document sent small, then big, then small', async () => {
    const { send, validations } = limitedApp();
    // 1 + n × (1 + n × 1): 7 for n = 2, 111 for n = 10, 91 for n = 9.
    const query = 'query Items($n: Int!) { items(first: $n) { children(first: $n) { n } } }';
    const small = await send(query, { n: 2 });
    expect(small.body).toEqual({
      data: { items: [{ children: [{ n: 0 }, { n: 1 }] }, { children: [{ n: 10 }, { n: 11 }] }] },
    });
    const big = await send(query, { n: 10 });
    expect(big).toEqual(refusedFor('cost', { max: 100, actual: 111 }));
    expect(big.body.errors?.[0]?.message).toMatch(/costs 111, over the cost limit of 100.*MAX_COST/);
    expect((await send(query, { n: 9 })).resolved).toBe(1);
    expect((await send(query, { n: 2 })).body).toEqual(small.body);
    // The document was validated once: the cost was checked outside yoga's validation cache.
    expect(validations.count).toBe(1);
    // The same with the cost in a literal: refused at the first request.
    expect(await send('{ items(first: 10) { children(first: 10) { n } } }')).toEqual(
      refusedFor('cost', { max: 100, actual: 111 }),
    );
  });

  it('keeps variables that do not coerce to the request that sent them', async () => {
    const { send, validations } = limitedApp();
    const query = 'query Items($n: Int!) { items(first: $n) { n } }';
    for (const n of ['two', 2 ** 40, null]) {
      const bad = await send(query, { n });
      expect(bad.status).toBe(400);
      expect(bad.resolved).toBe(0);
      expect(bad.body.data).toBeUndefined();
      expect(bad.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: '$n' });
      expect((await send(query, { n: 1 })).body).toEqual({ data: { items: [{ n: 0 }] } });
    }
    expect(validations.count).toBe(1);
  });

  it('answers refusals with 200 to clients that accept only application/json', async () => {
    const { send } = limitedApp();
    const refused = await send('{ a: __typename b: __typename c: __typename d: __typename }', undefined, {
      accept: 'application/json',
    });
    expect(refused).toEqual({ ...refusedFor('aliases', { max: 3, actual: 4 }), status: 200 });
  });

  it('refuses a field repeated more than MAX_DUPLICATE_FIELDS times in one selection set', async () => {
    const { send } = limitedApp({ maxTokens: 1_000 });
    expect(MAX_DUPLICATE_FIELDS).toBe(10);
    expect((await send(`{ ${'count '.repeat(10)}}`)).body).toEqual({ data: { count: 0 } });
    const refused = await send(`{ ${'count '.repeat(11)}}`);
    expect(refused.resolved).toBe(0);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        extensions: { code: 'LIMIT_EXCEEDED', limit: 'duplicateFields', max: 10, actual: 11 },
      }),
    ]);
  });

  it('reports at most MAX_VALIDATION_ERRORS validation errors', async () => {
    const { send } = limitedApp({ maxTokens: 1_000 });
    const refused = await send(`{ ${Array.from({ length: 8 }, (_, i) => `unknown${i}`).join(' ')} }`);
    expect(refused.resolved).toBe(0);
    expect(refused.body.errors?.slice(0, MAX_VALIDATION_ERRORS).map((e) => e.message)).toEqual(
      Array.from({ length: MAX_VALIDATION_ERRORS }, (_, i) => `Cannot query field "unknown${i}" on type "Query".`),
    );
    expect(refused.body.errors?.length).toBe(MAX_VALIDATION_ERRORS + 1);
    expect(refused.body.errors?.at(-1)?.message).toMatch(/Too many validation errors/);
  });

  it('refuses operation types the schema has no root for, naming them', async () => {
    const { send } = limitedApp();
    for (const operation of ['mutation', 'subscription']) {
      const refused = await send(`${operation} { __typename }`);
      expect(refused.resolved).toBe(0);
      expect(refused.body.errors?.map((e) => e.message)).toEqual([`SkillGraph's API has no ${operation} operations.`]);
    }
  });

  it('names the operation to run when a document has several', async () => {
    const { send } = limitedApp();
    const document = 'query A { count } query B { items(first: 1) { n } }';
    expect((await send(document, undefined, { operationName: 'B' })).body).toEqual({ data: { items: [{ n: 0 }] } });
    for (const operationName of [undefined, 'C']) {
      const refused = await send(document, undefined, operationName ? { operationName } : {});
      expect(refused.resolved).toBe(0);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    }
  });
});
