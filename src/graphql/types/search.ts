import { ENTITY_LABELS } from '../../domain/career-graph.js';
import { type SearchHit, searchEntities } from '../../queries/search.js';
import { builder } from '../builder.js';
import { checkPageSize, MAX_PAGE_SIZE } from '../pagination.js';
import { EntityKindEnum, EntityRef } from './entity.js';

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'A search result: the node and how well it matched.',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'Higher is better; exact name or alias matches score highest.' }),
    node: t.field({ type: EntityRef, resolve: (hit) => hit.node }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description:
      'Ranked full-text search over names, aliases and descriptions, for autocomplete: tolerant of prefixes and small typos.',
    args: {
      text: t.arg.string({ required: true }),
      kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds (default: all).' }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    complexity: (args) => ({ field: 2, multiplier: Math.min(args.first ?? 10, MAX_PAGE_SIZE) }),
    resolve: (_root, { text, kinds, first: requested }, context) => {
      const first = requested ?? 10;
      checkPageSize('first', first, context.maxPageSize);
      return searchEntities(context.database, text, kinds?.length ? kinds : ENTITY_LABELS, Math.max(first, 0));
    },
  }),
);
