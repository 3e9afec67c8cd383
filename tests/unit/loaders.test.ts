import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { createLoaders, stableId } from '../../src/domain/loaders.js';
import type { RelationshipFilter } from '../../src/queries/relationship-queries.js';

describe('relationship-page loaders', () => {
  const loaders = () => createLoaders({} as Database);
  const page = { offset: 0, limit: 10 };

  it('share a loader only between requests equal in every field, whatever order the fields come in', () => {
    const { relationshipPage } = loaders();
    const a = relationshipPage('Role.skills', { filter: { importance: 'ESSENTIAL', minLevel: 2 }, ...page });
    const b = relationshipPage('Role.skills', {
      limit: 10,
      filter: { minLevel: 2, importance: 'ESSENTIAL' },
      offset: 0,
    });
    expect(a).toBe(b);
  });

  it('give requests that differ in any filter field, even one added later, loaders of their own', () => {
    const { relationshipPage } = loaders();
    const plain = relationshipPage('Role.skills', { filter: { importance: 'ESSENTIAL' }, ...page });
    const withNewField = relationshipPage('Role.skills', {
      filter: { importance: 'ESSENTIAL', source: 'esco' } as RelationshipFilter,
      ...page,
    });
    expect(withNewField).not.toBe(plain);
  });

  it('stableId sorts keys at every depth', () => {
    expect(stableId({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
