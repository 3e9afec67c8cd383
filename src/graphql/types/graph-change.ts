import { ENTITY_LABELS, type EntityLabel, type RelationType } from '../../domain/career-graph.js';
import { type ChangeEntry, listChanges, type PropertyChange } from '../../domain/change-log.js';
import { builder } from '../builder.js';
import { connectionComplexity, DEFAULT_PAGE_SIZE } from '../pagination.js';
import { EntityKindEnum } from './entity.js';
import { RelationKindEnum } from './shortest-path.js';

export const ChangeOperationEnum = builder.enumType('ChangeOperation', {
  description: 'What a change did to an entity or relationship.',
  values: {
    CREATE: { value: 'CREATE' as const, description: 'Made it.' },
    UPDATE: { value: 'UPDATE' as const, description: 'Changed some of its properties.' },
    DELETE: { value: 'DELETE' as const, description: 'Removed it (an entity with every relationship at it).' },
  },
});

const PropertyChangeRef = builder.objectRef<PropertyChange>('PropertyChange').implement({
  description: 'One property a change set or cleared, as it was and as it became.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The property: name, aliases, learningHours, level…' }),
    before: t.string({
      nullable: true,
      description: 'Its value before, as JSON text (`"Statistics"`, `40`, `["k8s"]`); null when it had none.',
      resolve: (change) => (change.before === null ? null : JSON.stringify(change.before)),
    }),
    after: t.string({
      nullable: true,
      description: 'Its value after, as JSON text; null when it has none (a deletion).',
      resolve: (change) => (change.after === null ? null : JSON.stringify(change.after)),
    }),
  }),
});

export const ChangeRef = builder.objectRef<ChangeEntry>('Change').implement({
  description:
    'An entry of the audit trail: one role, skill, tool or relationship changed by one write through the API. ' +
    'A write that changes several things records one entry each, with the same graphVersion.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The entry’s own id.' }),
    sequence: t.exposeInt('sequence', {
      description: 'Its place in the log: entries are numbered from 1 in the order their writes committed.',
    }),
    at: t.exposeString('at', { description: 'When the write committed (ISO 8601, UTC).' }),
    // The graph is public; who curates it (key names are often people or teams) is for curators.
    actor: t.string({
      nullable: true,
      description: 'Who wrote: the name of the API key; null unless the request’s key has the write scope.',
      resolve: (change, _args, context) => (context.writer ? change.actor : null),
    }),
    actorKeyId: t.string({
      nullable: true,
      description:
        'The id of that key (names can be reused once a key is revoked); null unless the request’s key has the write scope.',
      resolve: (change, _args, context) => (context.writer ? change.actorKeyId : null),
    }),
    graphVersion: t.exposeString('graphVersion', { description: 'The graph version the write made.' }),
    operation: t.field({ type: ChangeOperationEnum, description: 'What was done.', resolve: (c) => c.operation }),
    entityKind: t.field({
      type: EntityKindEnum,
      nullable: true,
      description: 'The kind of entity changed; null for a relationship.',
      resolve: (change) =>
        (ENTITY_LABELS as readonly string[]).includes(change.kind) ? (change.kind as EntityLabel) : null,
    }),
    relation: t.field({
      type: RelationKindEnum,
      nullable: true,
      description: 'The type of relationship changed; null for an entity.',
      resolve: (change) =>
        (ENTITY_LABELS as readonly string[]).includes(change.kind) ? null : (change.kind as RelationType),
    }),
    key: t.exposeString('key', { description: 'The entity’s key; for a relationship `<from key>-><to key>`.' }),
    from: t.string({
      nullable: true,
      description: 'For a relationship: the key of its start, as stored.',
      resolve: (change) => change.from,
    }),
    to: t.string({
      nullable: true,
      description: 'For a relationship: the key of its end, as stored.',
      resolve: (change) => change.to,
    }),
    properties: t.field({
      type: [PropertyChangeRef],
      description:
        'The properties that changed, each before and after: all of them for a creation or deletion (a ' +
        'relationship without properties has none).',
      resolve: (change) => change.properties,
    }),
  }),
});

builder.queryFields((t) => ({
  changes: t.connection(
    {
      type: ChangeRef,
      description:
        'The audit trail of writes through the API, oldest first (the order they committed in); `last` pages ' +
        'back from the newest. Kept in the database: it outlives restarts.',
      args: {
        since: t.arg.string({
          required: false,
          description: 'Only changes at or after this time (ISO 8601, e.g. 2026-11-28T09:30:00Z).',
        }),
        entity: t.arg.string({
          required: false,
          description: 'Only changes of the entity with this key, and of relationships at it.',
        }),
      },
      complexity: connectionComplexity,
      resolve: (_root, args, context) =>
        listChanges(context, {
          ...args,
          first: args.first ?? (args.last == null ? Math.min(DEFAULT_PAGE_SIZE, context.maxPageSize) : null),
        }),
    },
    { name: 'ChangeConnection', description: 'A page of the audit trail.' },
    { name: 'ChangeEdge', description: 'An entry of the audit trail.' },
  ),
}));
