import { describe, expect, it } from 'vitest';
import type { EntityLabel, EntityRecord } from '../../src/domain/career-graph.js';
import {
  compareStoredText,
  compareText,
  GraphSnapshot,
  type SnapshotRelationship,
} from '../../src/domain/graph-snapshot.js';
import type { EntityListQuery } from '../../src/queries/entity-queries.js';
import { type PagePlan, WHOLE_NODES } from '../../src/queries/relationship-queries.js';

const record = (label: EntityLabel, key: string, name: string, extra: Partial<EntityRecord> = {}): EntityRecord => ({
  label,
  key,
  name,
  aliases: [],
  description: '',
  source: 'seed',
  ...extra,
});

const relationship = (type: string, properties: Partial<SnapshotRelationship> = {}): SnapshotRelationship => ({
  type,
  importance: null,
  level: null,
  levelEstimated: false,
  relatednessTier: null,
  relatednessIndex: null,
  ...properties,
});

const everything = { filter: {}, offset: 0, limit: 100 };
const keysOf = (page: { edges: { node: { key: string } }[] }) => page.edges.map((edge) => edge.node.key);

function smallGraph(): GraphSnapshot {
  const graph = new GraphSnapshot();
  graph.addNode(record('Role', 'analyst', 'Analyst'), 'analyst', 'seed');
  graph.addNode(record('Role', 'builder', 'builder'), 'builder', 'seed');
  graph.addNode(record('Skill', 'sql', 'SQL', { aliases: ['Structured Query Language'] }), 'sql', 'seed');
  graph.addNode(record('Skill', 'stats', 'Statistics', { category: 'math' }), 'statistics', 'seed');
  graph.addNode(record('Skill', 'algebra', 'algebra', { category: 'math' }), 'algebra', 'seed');
  graph.addNode(record('Skill', 'counting', 'Counting'), 'counting', 'seed');
  graph.addNode(record('Tool', 'python', 'Python'), 'python', 'seed');
  graph.addRelationship('analyst', 'sql', relationship('REQUIRES', { importance: 'OPTIONAL', level: 5 }));
  graph.addRelationship('analyst', 'stats', relationship('REQUIRES', { importance: 'ESSENTIAL', level: 2 }));
  graph.addRelationship('analyst', 'algebra', relationship('REQUIRES', { importance: 'ESSENTIAL' }));
  graph.addRelationship('analyst', 'counting', relationship('REQUIRES', { importance: 'ESSENTIAL', level: 2 }));
  graph.addRelationship('builder', 'sql', relationship('REQUIRES', { importance: 'ESSENTIAL', level: 3 }));
  graph.addRelationship('analyst', 'python', relationship('USES'));
  graph.addRelationship('python', 'sql', relationship('SUPPORTS'));
  graph.addRelationship('algebra', 'stats', relationship('PREREQUISITE_OF'));
  graph.addRelationship('counting', 'algebra', relationship('PREREQUISITE_OF'));
  graph.addRelationship('counting', 'stats', relationship('PREREQUISITE_OF'));
  return graph;
}

describe('GraphSnapshot', () => {
  it('orders computed text by UTF-16 code unit and stored text by code point, as Neo4j does', () => {
    expect(compareText('\u{1F600}', '\uFF01')).toBeLessThan(0);
    expect(compareStoredText('\u{1F600}', '\uFF01')).toBeGreaterThan(0);
    expect(compareStoredText('b', 'a')).toBeGreaterThan(0);
    expect(compareStoredText('a\u{1F600}', 'a\u{1F601}')).toBeLessThan(0);
    expect(compareText('a', 'b')).toBeLessThan(0);
    expect(compareText('ab', 'a')).toBeGreaterThan(0);
    expect(compareText('same', 'same')).toBe(0);
  });

  it("orders a role's skills essential first, then level descending with no level first, then name and key", () => {
    const page = smallGraph().relationshipPage('Role.skills', 'analyst', everything, WHOLE_NODES);
    expect(keysOf(page)).toEqual(['algebra', 'counting', 'stats', 'sql']);
    expect(page.edges[1]).toEqual(expect.objectContaining({ importance: 'ESSENTIAL', level: 2 }));
    expect(page.edges[0]).not.toHaveProperty('level');
  });

  it('filters and slices a page, counting what the filter keeps', () => {
    const graph = smallGraph();
    const essential = graph.relationshipPage(
      'Role.skills',
      'analyst',
      { filter: { importance: 'ESSENTIAL', minLevel: 2 }, offset: 1, limit: 1 },
      WHOLE_NODES,
    );
    expect(essential.totalCount).toBe(2);
    expect(keysOf(essential)).toEqual(['stats']);
  });

  it('answers a field only of the label it belongs to, and nothing for an unknown key', () => {
    const graph = smallGraph();
    expect(graph.relationshipPage('Skill.tools', 'analyst', everything, WHOLE_NODES).totalCount).toBe(0);
    expect(graph.relationshipPage('Role.skills', 'nobody', everything, WHOLE_NODES)).toEqual({
      totalCount: 0,
      edges: [],
    });
    expect(keysOf(graph.relationshipPage('Skill.roles', 'sql', everything, WHOLE_NODES))).toEqual([
      'builder',
      'analyst',
    ]);
  });

  it('gives transitive prerequisites by their shortest distance', () => {
    const page = smallGraph().relationshipPage('Skill.prerequisites.transitive', 'stats', everything, WHOLE_NODES);
    expect(page.edges.map((edge) => [edge.node.key, edge.distance])).toEqual([
      ['algebra', 1],
      ['counting', 1],
    ]);
    const deeper = smallGraph().relationshipPage('Skill.prerequisites.transitive', 'algebra', everything, WHOLE_NODES);
    expect(deeper.edges.map((edge) => [edge.node.key, edge.distance])).toEqual([['counting', 1]]);
  });

  it('nests the pages a plan asks for under each edge', () => {
    const plan: PagePlan = {
      properties: ['name'],
      nested: [{ field: 'Skill.tools', request: everything, plan: WHOLE_NODES }],
    };
    const page = smallGraph().relationshipPage('Role.skills', 'analyst', everything, plan);
    const sql = page.edges.find((edge) => edge.node.key === 'sql');
    expect(sql?.nested?.map(keysOf)).toEqual([['python']]);
    expect(page.edges.every((edge) => edge.nested?.length === 1)).toBe(true);
  });

  it('lists by name ignoring case, by connections, and by filters', () => {
    const graph = smallGraph();
    const list = (query: Partial<EntityListQuery>) =>
      keysOf(
        graph.listPage(
          { label: 'Skill', orderBy: { field: 'NAME', direction: 'ASC' }, offset: 0, limit: 10, ...query },
          WHOLE_NODES,
        ),
      );
    expect(list({})).toEqual(['algebra', 'counting', 'sql', 'stats']);
    expect(list({ orderBy: { field: 'NAME', direction: 'DESC' } })).toEqual(['stats', 'sql', 'counting', 'algebra']);
    // sql: 2 roles + python; stats: analyst + 2 prerequisites; algebra: analyst + 2; counting: analyst + 2
    expect(list({ orderBy: { field: 'CONNECTIONS', direction: 'DESC' } })).toEqual([
      'counting',
      'sql',
      'stats',
      'algebra',
    ]);
    expect(list({ text: 'query' })).toEqual(['sql']);
    expect(list({ category: 'math' })).toEqual(['algebra', 'stats']);
    expect(list({ related: [{ pattern: 'skillRequiredByRole', key: 'builder' }] })).toEqual(['sql']);
    expect(list({ related: [{ pattern: 'skillRequiredByRole', key: 'analyst', importance: 'OPTIONAL' }] })).toEqual([
      'sql',
    ]);
    expect(list({ offset: 3, limit: 5 })).toEqual(['stats']);
  });

  it('finds by key, then source id, then name, then alias; curated entries before imported ones', () => {
    const graph = smallGraph();
    graph.addNode(
      record('Skill', 'esco-sql', 'SQL', { source: 'esco', sourceId: 'http://data.europa.eu/esco/skill/1' }),
      'sql',
      'esco',
    );
    graph.addNode(
      record('Skill', 'esco-r', 'R', { source: 'esco', aliases: ['Structured Query Language'] }),
      'r',
      'esco',
    );
    const find = (name: string, byKey = false, labels: EntityLabel[] = ['Skill']) =>
      graph.findByName({ labels, name, byKey }).map((found) => found.key);
    expect(find(' SQL ')).toEqual(['sql']);
    expect(find('Statistics')).toEqual(['stats']);
    expect(find('stats')).toEqual([]);
    expect(find('STATS', true)).toEqual(['stats']);
    expect(find('http://data.europa.eu/esco/skill/1')).toEqual(['esco-sql']);
    expect(find('structured query LANGUAGE')).toEqual(['sql']);
    graph.addNode(record('Skill', 'esco-q', 'Q', { source: 'esco', aliases: ['Query'] }), 'q', 'esco');
    graph.addNode(record('Skill', 'esco-s', 'S', { source: 'esco', aliases: ['query'] }), 's', 'esco');
    expect(find('QUERY').sort()).toEqual(['esco-q', 'esco-s']);
    expect(find('Python')).toEqual([]);
    expect(find('Python', false, ['Tool'])).toEqual(['python']);
  });

  it('gives crosswalk counterparts either way, by source then key', () => {
    const graph = smallGraph();
    graph.addNode(record('Skill', 'onet-sql', 'SQL', { source: 'onet' }), 'sql', 'onet');
    graph.addNode(record('Skill', 'esco-sql', 'SQL', { source: 'esco' }), 'sql', 'esco');
    graph.addRelationship('sql', 'onet-sql', relationship('SAME_AS'));
    graph.addRelationship('esco-sql', 'sql', relationship('SAME_AS'));
    expect(graph.sameAs('sql').map((found) => found.key)).toEqual(['esco-sql', 'onet-sql']);
    expect(graph.sameAs('onet-sql').map((found) => found.key)).toEqual(['sql']);
  });

  it("shares frozen records: no request can change another's answer", () => {
    const graph = smallGraph();
    const sql = graph.entity('sql') as EntityRecord;
    expect(Object.isFrozen(sql)).toBe(true);
    expect(Object.isFrozen(sql.aliases)).toBe(true);
    expect(() => {
      (sql as { name: string }).name = 'changed';
    }).toThrow(TypeError);
  });
});
