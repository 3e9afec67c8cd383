import type { ChangedItem, GraphChangedEvent } from '../../domain/graph-change-feed.js';
import { streamGraphChanges } from '../../domain/graph-change-stream.js';
import { builder } from '../builder.js';
import { ChangeOperationEnum } from './graph-change.js';

const ChangedItemRef = builder.objectRef<ChangedItem>('ChangedItem').implement({
  description: 'One role, skill, tool or relationship a change touched.',
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description:
        '`Role`, `Skill` or `Tool` for an entity; the relationship type (`REQUIRES`, `USES`, `PREREQUISITE_OF`, …) ' +
        'for a relationship. An open set.',
    }),
    key: t.exposeString('key', { description: 'The entity’s key; for a relationship, `<from key>-><to key>`.' }),
    operation: t.field({
      type: ChangeOperationEnum,
      description: 'What the change did to it.',
      resolve: (item) => item.operation,
    }),
  }),
});

const GraphChangeRef = builder.objectRef<GraphChangedEvent>('GraphChange').implement({
  description:
    'The graph has a new version: answers cached under an older `graphVersion` are out of date. Apps that read ' +
    'slower than changes come get one event for several, with the newest version and all their changes.',
  fields: (t) => ({
    version: t.exposeString('version', {
      description:
        'The new graph version, as `graphVersion` and `extensions.graphVersion` report it. Opaque; compare it only ' +
        'for equality.',
    }),
    changedAt: t.exposeString('changedAt', { description: 'When the change was written (ISO 8601, UTC).' }),
    changes: t.field({
      type: [ChangedItemRef],
      nullable: true,
      description:
        'What changed since the previous event, in the order written; null when unknown (a seed or an import, ' +
        'or more than 1,000 changes merged into one event): then treat everything as changed.',
      resolve: (event) => event.changes,
    }),
  }),
});

builder.subscriptionField('graphChanged', (t) =>
  t.field({
    type: GraphChangeRef,
    description:
      'An event each time the graph gets a new version, from now on: a change written through this server at ' +
      'once, with what changed; one written by anything else (a seed, an import, another instance) within ' +
      'GRAPH_WATCH_INTERVAL_MS, with `changes: null`. Subscribe first, then read what you show, so that no ' +
      'change falls between the two. The stream ends (`complete`) only when the server stops: subscribe again.',
    subscribe: (_root, _args, { changeFeed }) => streamGraphChanges(changeFeed),
    resolve: (event) => event,
  }),
);
