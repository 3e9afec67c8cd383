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
    // GraphiQL opens one tab per file, in this order: a new example is added here too
    expect(examples.map(({ file }) => file)).toEqual([
      '01-shortest-skill-path.graphql',
      '02-k-shortest-paths.graphql',
      '03-career-path.graphql',
      '10-look-up-a-role.graphql',
      '20-search.graphql',
      '30-skill-neighbourhood.graphql',
      '40-filtered-lists.graphql',
      '50-skill-gap.graphql',
      '51-learning-plan.graphql',
      '60-role-overlap.graphql',
      '61-overlap-matrix.graphql',
      '62-bridge-skills.graphql',
    ]);
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
