import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadExampleQueries } from '../../src/graphql/examples.js';
import { printServedSchema } from '../../src/graphql/print-schema.js';
import { schema } from '../../src/graphql/schema.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

describe('schema/schema.graphql', () => {
  it('is exactly the served schema (run `npm run schema` after changing types)', async () => {
    const committed = await readFile(join(projectRoot, 'schema', 'schema.graphql'), 'utf8');
    expect(committed).toBe(printServedSchema());
  });
});

describe('the GraphiQL example tabs', () => {
  it('are valid operations against the served schema, one named operation per file', () => {
    const examples = loadExampleQueries();
    expect(examples.length).toBeGreaterThanOrEqual(4);
    for (const { file, query } of examples) {
      const document = parse(query);
      expect(validate(schema, document), file).toEqual([]);
      expect(
        document.definitions.filter((d) => d.kind === 'OperationDefinition'),
        file,
      ).toHaveLength(1);
    }
  });
});
