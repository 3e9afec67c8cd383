import { DEFAULT_SEARCH_HITS, searchGraph } from '../../domain/search.js';
import type { SearchHit } from '../../queries/search.js';
import { builder } from '../builder.js';
import { MAX_PAGE_SIZE } from '../pagination.js';
import { EntityKindEnum, EntityRef } from './entity.js';

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  description: 'A search result: the node and how well it matched.',
  fields: (t) => ({
    score: t.exposeFloat('score', { description: 'Higher is better; exact name or alias matches score highest.' }),
    node: t.field({ type: EntityRef, description: 'The role, skill or tool found.', resolve: (hit) => hit.node }),
  }),
});

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description:
      'Ranked full-text search over names, aliases and descriptions, for autocomplete: tolerant of prefixes and small typos.',
    args: {
      text: t.arg.string({ required: true, description: 'What the user typed, e.g. "pytor" or "kubernets".' }),
      kinds: t.arg({ type: [EntityKindEnum], required: false, description: 'Only these kinds (default: all).' }),
      first: t.arg.int({
        defaultValue: DEFAULT_SEARCH_HITS,
        description: `How many hits, best first, at most ${MAX_PAGE_SIZE} (less if the server’s limit is lower).`,
      }),
    },
    complexity: (args) => ({ field: 2, multiplier: Math.min(args.first ?? DEFAULT_SEARCH_HITS, MAX_PAGE_SIZE) }),
    resolve: (_root, { text, kinds, first }, context) =>
      searchGraph(context, { text, kinds, first: first ?? DEFAULT_SEARCH_HITS }),
  }),
);
