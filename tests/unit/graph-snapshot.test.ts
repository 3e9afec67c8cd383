import { describe, expect, it } from 'vitest';
import type { EntityLabel, EntityRecord } from '../../src/domain/career-graph.js';
import {
  compareStoredText,
  compareText,
  GraphSnapshot,
  lowerCaseAsNeo4j,
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

/** A node as the seed stores it: nameLower and the lower-cased name as Neo4j computes them (here, alike). */
function add(graph: GraphSnapshot, entity: EntityRecord, source: string | null = 'seed'): void {
  graph.addNode(entity, {
    labels: [entity.label],
    entity: true,
    nameLower: entity.name.toLowerCase(),
    source,
    lower: { name: entity.name.toLowerCase(), aliases: entity.aliases.map((alias) => alias.toLowerCase()) },
  });
}

const everything = { filter: {}, offset: 0, limit: 100 };
const keysOf = (page: { edges: { node: { key: string } }[] }) => page.edges.map((edge) => edge.node.key);

/** The graph below; finished unless asked not to (more is added first). */
function smallGraph(finished = true): GraphSnapshot {
  const graph = new GraphSnapshot();
  add(graph, record('Role', 'analyst', 'Analyst'), 'seed');
  add(graph, record('Role', 'builder', 'builder'), 'seed');
  add(graph, record('Skill', 'sql', 'SQL', { aliases: ['Structured Query Language'] }), 'seed');
  add(graph, record('Skill', 'stats', 'Statistics', { category: 'math' }), 'seed');
  add(graph, record('Skill', 'algebra', 'algebra', { category: 'math' }), 'seed');
  add(graph, record('Skill', 'counting', 'Counting'), 'seed');
  add(graph, record('Tool', 'python', 'Python'), 'seed');
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
  return finished ? graph.finish() : graph;
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

  it('finds by key, then source id, then name, curated entries first; leaves aliases and odd text to Neo4j', () => {
    const graph = smallGraph();
    add(
      graph,
      record('Skill', 'esco-sql', 'SQL', { source: 'esco', sourceId: 'http://data.europa.eu/esco/skill/1' }),
      'esco',
    );
    add(graph, record('Skill', 'esco-r', 'R', { source: 'esco' }), 'esco');
    add(graph, record('Skill', 'esco-r2', 'r', { source: 'esco' }), 'esco');
    const find = (name: string, byKey = false, labels: EntityLabel[] = ['Skill']) =>
      graph.findByName({ labels, name, byKey })?.map((found) => found.key);
    expect(find(' SQL ')).toEqual(['sql']);
    expect(find('Statistics')).toEqual(['stats']);
    expect(find('STATS', true)).toEqual(['stats']);
    expect(find('http://data.europa.eu/esco/skill/1')).toEqual(['esco-sql']);
    expect(find('R')?.sort()).toEqual(['esco-r', 'esco-r2']);
    expect(find('Python', false, ['Tool'])).toEqual(['python']);
    // No name: the alias tier, which Neo4j's full-text index answers.
    expect(find('stats')).toBeUndefined();
    expect(find('Structured Query Language')).toBeUndefined();
    expect(find('Python')).toBeUndefined();
    // Cased in Unicode 15 but not in the JVM's Unicode 13: Neo4j may lower-case it otherwise.
    expect(find('\u2C2F glagolitic')).toBeUndefined();
    expect(lowerCaseAsNeo4j('Straße ΟΔΟΣ İ')).toBe('straße οδος i̇');
    expect(lowerCaseAsNeo4j('\uA7C0')).toBeUndefined();
    expect(lowerCaseAsNeo4j('数据 \u{1F600}')).toBe('数据 \u{1F600}');
  });

  it('is unfit for graphs that break the seed rules, which Neo4j answers instead', () => {
    const unfit = (change: (graph: GraphSnapshot) => void) => {
      const graph = smallGraph(false);
      change(graph);
      return graph.finish().unfit;
    };
    expect(smallGraph().unfit).toBeUndefined();
    expect(unfit((graph) => graph.addRelationship('stats', 'counting', relationship('PREREQUISITE_OF')))).toMatch(
      /cycle/,
    );
    expect(unfit((graph) => graph.addRelationship('sql', 'sql', relationship('RELATED_TO')))).toMatch(/itself/);
    expect(unfit((graph) => graph.addRelationship('python', 'sql', relationship('SUPPORTS')))).toMatch(/two SUPPORTS/);
    expect(
      unfit((graph) =>
        graph.addNode(record('Skill', 'both', 'Both'), {
          labels: ['Skill', 'Tool'],
          entity: true,
          nameLower: 'both',
          source: 'seed',
          lower: { name: 'both', aliases: [] },
        }),
      ),
    ).toMatch(/labels Skill, Tool/);
    expect(
      unfit((graph) =>
        graph.addNode(
          { ...record('Skill', 'nameless', ''), name: null as unknown as string },
          {
            labels: ['Skill'],
            entity: true,
            nameLower: null,
            source: 'seed',
            lower: { name: null as unknown as string, aliases: [] },
          },
        ),
      ),
    ).toMatch(/no key or no name/);
  });

  it('gives crosswalk counterparts either way, by source then key', () => {
    const graph = smallGraph();
    add(graph, record('Skill', 'onet-sql', 'SQL', { source: 'onet' }), 'onet');
    add(graph, record('Skill', 'esco-sql', 'SQL', { source: 'esco' }), 'esco');
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
