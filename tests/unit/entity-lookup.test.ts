import { describe, expect, it } from 'vitest';
import type { EntityRecord } from '../../src/domain/career-graph.js';
import { lookupEntity } from '../../src/domain/entity-lookup.js';
import { resolveReference } from '../../src/domain/references.js';
import type { RequestScope } from '../../src/domain/request-scope.js';

const dataScientist: EntityRecord = {
  label: 'Role',
  key: 'data-scientist',
  name: 'Data Scientist',
  aliases: [],
  description: '',
};

/**
 * A scope whose loaders know one role by its (lower-case) key and nothing by name: a reference's lookup
 * (`byKey`) matches keys as the Cypher does, lower-casing the text.
 */
const scope = {
  loaders: {
    entityByKey: { load: async (key: string) => (key === dataScientist.key ? dataScientist : null) },
    entitiesByName: {
      load: async ({ name, byKey }: { name: string; byKey?: boolean }) =>
        byKey && name.toLowerCase() === dataScientist.key ? [dataScientist] : [],
    },
  },
} as unknown as RequestScope;

describe('keys in any case', () => {
  it('role(key:) and a reference argument agree: keys match whatever their case', async () => {
    expect(await lookupEntity(scope, 'Role', { key: 'Data-Scientist' })).toBe(dataScientist);
    expect(await resolveReference(scope, { text: 'Data-Scientist', labels: ['Role'], argument: 'from' })).toBe(
      dataScientist,
    );
  });
});
