import { describe, expect, it } from 'vitest';
import { loadExampleQueries } from '../../src/graphql/examples.js';
import { useSeededDatabase } from '../support/seeded-graph.js';
import { createTestApp, postGraphQL } from '../support/test-app.js';

describe('the GraphiQL example tabs on the seed graph', () => {
  const db = useSeededDatabase();

  it('open as tabs of GraphiQL', async () => {
    const response = await createTestApp(db.database).fetch('http://yoga/graphql', {
      headers: { accept: 'text/html' },
    });
    const html = await response.text();
    for (const { query } of loadExampleQueries()) {
      const name = /query (\w+)/.exec(query)?.[1] ?? '';
      expect(html).toContain(name);
    }
  });

  for (const { file, query } of loadExampleQueries()) {
    it(`${file} runs without errors and finds data`, async () => {
      const { body } = await postGraphQL(createTestApp(db.database), query);
      expect(body.errors).toBeUndefined();
      for (const [field, value] of Object.entries(body.data ?? {})) {
        expect(value, field).not.toBeNull();
        if (Array.isArray(value)) expect(value.length, field).toBeGreaterThan(0);
      }
    });
  }
});
