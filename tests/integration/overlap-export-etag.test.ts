import { describe, expect, it } from 'vitest';
import { graphFixture, TestHelper } from '../support/test-helper.js';

describe('exports: ETags while the graph is unchanged, options with commas too', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({
      roles: {
        analyst: { skills: [['sql'], ['stats']], tools: [] },
        scientist: { skills: [['stats'], ['ml']], tools: [] },
      },
      skills: { sql: {}, stats: {}, ml: {} },
      tools: {},
    }),
  });

  for (const [path, otherOptions] of [
    ['/export/overlap.csv?roles=analyst,scientist', '/export/overlap.csv?roles=scientist,analyst'],
    ['/export/overlap.svg?roles=all', '/export/overlap.svg?roles=all&measure=weighted'],
    ['/export/nodes.csv?kind=role,skill', '/export/nodes.csv?kind=role'],
  ]) {
    it(`${path}: 304 to a repeat with its ETag, 200 with a new one once the graph changes`, async () => {
      const app = helper.app();
      const get = (headers: Record<string, string> = {}) => app.fetch(`http://yoga${path}`, { headers });
      const first = await get();
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') ?? '';
      expect(etag).toMatch(/^W\/"/);
      expect(first.headers.get('cache-control')).toBe('no-cache');
      const body = await first.text();

      const repeat = await get({ 'if-none-match': etag });
      expect([repeat.status, repeat.headers.get('etag')]).toEqual([304, etag]);
      expect(await repeat.text()).toBe('');
      const other = await app.fetch(`http://yoga${otherOptions}`, { headers: { 'if-none-match': etag } });
      expect(other.status).toBe(200);
      await other.text();

      await helper.writeCypher("MATCH (r:Role {key: 'analyst'}) SET r.name = $name", { name: `Analyst of ${path}` });
      const changed = await get({ 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect(await changed.text()).not.toBe(body);
    });
  }
});
