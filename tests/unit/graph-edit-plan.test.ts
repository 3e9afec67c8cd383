import { describe, expect, it } from 'vitest';
import { EditConflictError, EditNotFoundError, EditValidationError } from '../../src/domain/graph-edit-errors.js';
import {
  type EditFacts,
  factsNeeded,
  type GraphEdit,
  planGraphEdits,
  type StoredEntity,
} from '../../src/domain/graph-edit-plan.js';

const skill = (key: string, extra: Partial<StoredEntity> = {}): StoredEntity => ({
  label: 'Skill',
  key,
  source: 'seed',
  properties: {
    name: key.toUpperCase(),
    aliases: [],
    description: `About ${key}.`,
    category: 'data',
    learningHours: 10,
  },
  updatedAt: null,
  ...extra,
});

const facts = (overrides: Partial<EditFacts> = {}): EditFacts => ({
  entities: [],
  relationships: [],
  labelOwners: [],
  prerequisiteEdges: [],
  ...overrides,
});

const createSkill = (key: string, path: string, extra: Record<string, unknown> = {}): GraphEdit => ({
  action: 'create',
  label: 'Skill',
  path,
  fields: { key, name: key, description: 'd', category: 'data', learningHours: 5, ...extra },
});

const prerequisite = (skillKey: string, prerequisiteKey: string, path: string): GraphEdit => ({
  action: 'link',
  relation: 'PREREQUISITE_OF',
  path,
  from: { key: prerequisiteKey, field: 'prerequisite' },
  to: { key: skillKey, field: 'skill' },
  properties: {},
});

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('planning changes through the API', () => {
  it('checks each change against the graph the changes before it leave', () => {
    const plan = planGraphEdits(
      [createSkill('calculus', 'changes[0]'), prerequisite('statistics', 'calculus', 'changes[1]')],
      facts({ entities: [skill('statistics')] }),
    );
    expect(plan.writes.map((write) => write.write)).toEqual(['createNode', 'mergeRelationship']);
    expect(plan.touched.sort()).toEqual(['calculus', 'statistics']);

    const early = thrown(() =>
      planGraphEdits(
        [prerequisite('statistics', 'calculus', 'changes[0]'), createSkill('calculus', 'changes[1]')],
        facts({ entities: [skill('statistics')] }),
      ),
    );
    expect(early).toBeInstanceOf(EditNotFoundError);
    expect(early).toMatchObject({ path: 'changes[0].prerequisite', kind: 'Skill', key: 'calculus' });
  });

  it('deletes an entity with every relationship at it, each audited, and touches its neighbours', () => {
    const plan = planGraphEdits(
      [{ action: 'delete', label: 'Skill', path: 'input', key: 'statistics' }],
      facts({
        entities: [skill('statistics')],
        relationships: [
          {
            type: 'REQUIRES',
            from: 'analyst',
            to: 'statistics',
            properties: { importance: 'ESSENTIAL', level: 3, source: 'seed' },
          },
          { type: 'SAME_AS', from: 'statistics', to: 'esco-1', properties: { source: 'crosswalk' } },
        ],
      }),
    );
    expect(plan.writes).toEqual([{ write: 'deleteNode', key: 'statistics' }]);
    expect(plan.changes.map(({ operation, kind, key, before }) => ({ operation, kind, key, before }))).toEqual([
      {
        operation: 'DELETE',
        kind: 'REQUIRES',
        key: 'analyst->statistics',
        before: { importance: 'ESSENTIAL', level: 3 },
      },
      { operation: 'DELETE', kind: 'SAME_AS', key: 'statistics->esco-1', before: {} },
      {
        operation: 'DELETE',
        kind: 'Skill',
        key: 'statistics',
        before: {
          name: 'STATISTICS',
          aliases: [],
          description: 'About statistics.',
          category: 'data',
          learningHours: 10,
        },
      },
    ]);
    expect(plan.touched.sort()).toEqual(['analyst', 'esco-1']);
  });

  it('records only the properties an update changes, and nothing for one that changes nothing', () => {
    const entities = [skill('statistics')];
    const update = (fields: Record<string, unknown>): GraphEdit => ({
      action: 'update',
      label: 'Skill',
      path: 'input',
      key: 'statistics',
      fields,
    });
    expect(planGraphEdits([update({ learningHours: 10, name: 'STATISTICS' })], facts({ entities }))).toEqual({
      writes: [],
      changes: [],
      touched: [],
    });
    const plan = planGraphEdits([update({ learningHours: 40, description: 'About statistics.' })], facts({ entities }));
    expect(plan.changes).toEqual([
      {
        operation: 'UPDATE',
        kind: 'Skill',
        key: 'statistics',
        from: null,
        to: null,
        before: { learningHours: 10 },
        after: { learningHours: 40 },
      },
    ]);
    expect(plan.writes).toEqual([
      { write: 'updateNode', key: 'statistics', properties: { learningHours: 40, description: 'About statistics.' } },
    ]);
  });

  it('refuses a name or alias another curated entity has, at the change that gives it', () => {
    const error = thrown(() =>
      planGraphEdits(
        [
          createSkill('ml', 'changes[0]', { name: 'Machine learning' }),
          createSkill('ml-2', 'changes[1]', { name: 'ML two', aliases: ['machine LEARNING'] }),
          createSkill('stats-2', 'changes[2]', { name: 'Stats 2', aliases: ['stats'] }),
        ],
        facts({ labelOwners: [{ key: 'statistics', label: 'Skill', name: 'Statistics', aliases: ['stats'] }] }),
      ),
    ) as EditValidationError;
    expect(error).toBeInstanceOf(EditValidationError);
    expect(error.problems).toEqual([
      {
        path: 'changes[1].aliases',
        message: 'name or alias "machine LEARNING" also names the skill "ml" (Machine learning)',
      },
      { path: 'changes[2].aliases', message: 'name or alias "stats" also names the skill "statistics" (Statistics)' },
    ]);
  });

  it('finds a cycle through prerequisites already in the graph, naming it from its smallest key', () => {
    const error = thrown(() =>
      planGraphEdits(
        [prerequisite('a', 'd', 'input')],
        facts({
          entities: [skill('a'), skill('d')],
          prerequisiteEdges: [
            { from: 'a', to: 'b' },
            { from: 'b', to: 'c' },
            { from: 'c', to: 'd' },
            { from: 'b', to: 'x' },
          ],
        }),
      ),
    ) as EditValidationError;
    expect(error.problems).toEqual([
      {
        path: 'input.prerequisite',
        message: 'would close the prerequisite cycle: a → b → c → d → a',
        cycle: ['a', 'b', 'c', 'd', 'a'],
      },
    ]);
  });

  it('keeps one RELATED_TO per pair, whichever way it was named or stored', () => {
    const related = (skillKey: string, other: string): GraphEdit => ({
      action: 'link',
      relation: 'RELATED_TO',
      path: 'input',
      from: { key: skillKey, field: 'skill' },
      to: { key: other, field: 'other' },
      properties: {},
    });
    const entities = [skill('alpha'), skill('beta')];
    expect(planGraphEdits([related('beta', 'alpha')], facts({ entities })).changes[0]?.key).toBe('alpha->beta');
    const stored = facts({
      entities,
      relationships: [{ type: 'RELATED_TO', from: 'beta', to: 'alpha', properties: {} }],
    });
    expect(planGraphEdits([related('alpha', 'beta')], stored).writes).toEqual([]);
    expect(factsNeeded([related('beta', 'alpha')]).pairs).toEqual([{ type: 'RELATED_TO', from: 'alpha', to: 'beta' }]);
  });

  it('reports a stale updatedAt before anything else, and takes equal instants in any ISO form', () => {
    const entities = [skill('statistics', { updatedAt: '2026-11-28T10:00:00.000Z' })];
    const edit = (expectedUpdatedAt: string): GraphEdit => ({
      action: 'update',
      label: 'Skill',
      path: 'input',
      key: 'statistics',
      fields: { learningHours: -1 },
      expectedUpdatedAt,
    });
    expect(thrown(() => planGraphEdits([edit('2026-11-28T09:00:00Z')], facts({ entities })))).toBeInstanceOf(
      EditConflictError,
    );
    expect(thrown(() => planGraphEdits([edit('2026-11-28T10:00:00Z')], facts({ entities })))).toBeInstanceOf(
      EditValidationError,
    );
  });

  it('names what to read: keys, pairs, labels lower-cased and the skills given a prerequisite', () => {
    expect(
      factsNeeded([
        createSkill('calculus', 'changes[0]', { name: ' Calculus ', aliases: ['Calc'] }),
        prerequisite('statistics', 'calculus', 'changes[1]'),
        { action: 'delete', label: 'Tool', path: 'changes[2]', key: 'pandas' },
      ]),
    ).toEqual({
      keys: ['calculus', 'statistics', 'pandas'],
      pairs: [{ type: 'PREREQUISITE_OF', from: 'calculus', to: 'statistics' }],
      deleted: ['pandas'],
      labels: ['calculus', 'calc'],
      prerequisiteStarts: ['statistics'],
    });
  });
});
