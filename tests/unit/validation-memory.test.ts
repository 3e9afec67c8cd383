import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { TestHelper } from '../support/test-helper.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapUsedAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('documents refused by validation', () => {
  // Yoga caches validation results by document. An error created inside a validation rule kept V8's
  // unformatted stack, which holds the rule's closures and so the whole validation context: about 26 MB
  // per refused document here, until a few hundred small requests ran the service out of memory.
  it('leave no validation context behind in the cache', async () => {
    const helper = new TestHelper({} as Database);
    const app = helper.app();
    const send = (i: number) =>
      helper.graphql(`query Q${i} { ${'role { name } '.repeat(400)} }`, { app }).then(({ body }) => {
        expect(body.errors?.[0]?.extensions?.code).toBe('LIMIT_EXCEEDED');
      });
    await send(100);
    const before = heapUsedAfterGc();
    for (let i = 0; i < 20; i++) await send(i);
    const grownMb = (heapUsedAfterGc() - before) / 1e6;
    expect(grownMb).toBeLessThan(40);
  });

  it('refused by graphql-js itself leave no validation context behind either', async () => {
    const helper = new TestHelper({} as Database);
    const app = helper.app();
    const fragments = Array.from({ length: 300 }, (_, j) => `... on Query { a${j}: __typename }`).join(' ');
    const send = (i: number) =>
      helper.graphql(`query Q${i} { ${fragments} unknownField }`, { app }).then(({ body }) => {
        expect(body.errors?.length).toBeGreaterThan(0);
      });
    await send(100);
    const before = heapUsedAfterGc();
    for (let i = 0; i < 20; i++) await send(i);
    expect((heapUsedAfterGc() - before) / 1e6).toBeLessThan(40);
  });

  it('are cached within a bound on their total size, however many distinct ones arrive', async () => {
    const helper = new TestHelper({} as Database);
    const app = helper.app();
    const fragments = Array.from({ length: 300 }, (_, j) => `... on Query { a${j}: __typename }`).join(' ');
    const before = heapUsedAfterGc();
    for (let i = 0; i < 150; i++) await helper.graphql(`query Q${i} { ${fragments} unknownField }`, { app });
    expect((heapUsedAfterGc() - before) / 1e6).toBeLessThan(60);
  });
});
