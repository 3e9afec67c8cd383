import { describe, expect, it } from 'vitest';
import { breakCycles } from '../../src/import/break-cycles.js';
import { cleanAliases } from '../../src/import/import-set.js';
import { kebabCase } from '../../src/import/kebab-case.js';
import { KEY_PATTERN } from '../../src/seed/seed-model.js';
import { isAcyclic } from '../support/acyclic.js';
import { seededRandom } from '../support/seeded-random.js';

describe('kebabCase', () => {
  it.each([
    ['skill/competence', 'skill-competence'],
    ['Cross-Sector', 'cross-sector'],
    ['Data base user interface and query software', 'data-base-user-interface-and-query-software'],
    ['  Café   Crème! ', 'cafe-creme'],
    ['15-2051.00', '15-2051-00'],
    ['---', ''],
  ])('%j → %j', (text, slug) => {
    expect(kebabCase(text)).toBe(slug);
    if (slug) expect(slug).toMatch(KEY_PATTERN);
  });
});

describe('cleanAliases', () => {
  it('trims, drops blanks, repeats and the name, in any case, and caps', () => {
    expect(cleanAliases([' a ', 'Name', '', 'A', 'b', 'c'], 'name')).toEqual(['a', 'b', 'c']);
    expect(cleanAliases(['a', 'b', 'c'], 'x', 2)).toEqual(['a', 'b']);
  });
});

describe('breakCycles', () => {
  const edge = (from: string, to: string) => ({ from, to });

  it('drops the back edges of a walk in key order', () => {
    const { kept, dropped } = breakCycles([
      edge('c', 'a'),
      edge('a', 'b'),
      edge('b', 'c'),
      edge('b', 'd'),
      edge('d', 'b'),
    ]);
    expect(dropped).toEqual([edge('c', 'a'), edge('d', 'b')]);
    expect(kept).toHaveLength(3);
  });

  it('leaves a DAG, whatever the order of the edges', () => {
    const random = seededRandom(11);
    const nodes = random.keys(40);
    const ids = new Set<string>();
    const edges: { from: string; to: string }[] = [];
    while (edges.length < 150) {
      const from = random.pick(nodes);
      const to = random.pick(nodes);
      if (from === to || ids.has(`${from} ${to}`)) continue;
      ids.add(`${from} ${to}`);
      edges.push(edge(from, to));
    }
    const first = breakCycles(edges);
    expect(first.dropped.length).toBeGreaterThan(0);
    expect(first.kept.length + first.dropped.length).toBe(edges.length);
    expect(isAcyclic(first.kept)).toBe(true);
    const shuffled = random.shuffle(edges);
    expect(breakCycles(shuffled).dropped).toEqual(first.dropped);
  });
});
