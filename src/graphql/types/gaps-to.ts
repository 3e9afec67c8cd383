import type { GapToTarget } from '../../analysis/gaps-to.js';
import { DEFAULT_GAPS_PAGE, type GapsTo, gapsTo } from '../../domain/gaps-to.js';
import { builder } from '../builder.js';
import { loadEntity } from '../load-entities.js';
import { RoleRef } from './refs.js';

const RoleGapRef = builder.objectRef<GapToTarget & { rank: number }>('RoleGap').implement({
  description: 'How far one role is from the target of gapsTo: its skillGap(from: {role}, to: target).',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: 'Position in the ranking, from 1 (offset + place in this page).' }),
    role: t.field({
      type: RoleRef,
      description: 'The role the gap is from.',
      resolve: (gap, _args, context) => loadEntity(context, gap.role),
    }),
    hours: t.exposeInt('hours', {
      description: 'The learningHours of have(target) − have(role): skillGap’s hoursToClose.',
    }),
    coverage: t.exposeFloat('coverage', {
      description:
        'Share of the target’s ESSENTIAL skills in have(role), 0..1 (1 when it has none): skillGap’s coverage.',
    }),
  }),
});

const GapsToRef = builder.objectRef<GapsTo & { offset: number }>('GapsTo').implement({
  description: 'The skill gap from every other role to one target role, fewest hours first, ties by role key.',
  fields: (t) => ({
    target: t.field({ type: RoleRef, description: 'The target role.', resolve: (g) => g.target }),
    total: t.exposeInt('total', { description: 'How many roles are ranked: every role but the target.' }),
    gaps: t.field({
      type: [RoleGapRef],
      description: 'The page asked for.',
      resolve: (g) => g.gaps.map((gap, i) => ({ ...gap, rank: g.offset + i + 1 })),
    }),
  }),
});

builder.queryFields((t) => ({
  gapsTo: t.field({
    type: GapsToRef,
    description:
      'The skill-gap hours (and ESSENTIAL coverage) from every other role to a target role, fewest hours first, ties by key: what skillGap(from: {role: R}, to: role) gives for each role R, computed in one pass over the career index in its worker thread. Also as CSV: GET /export/gaps-to.csv?role=…',
    args: {
      role: t.arg.string({ required: true, description: 'The target role: key, name or alias (any case).' }),
      first: t.arg.int({
        defaultValue: DEFAULT_GAPS_PAGE,
        description: 'How many, at most the page size limit (100 unless configured lower).',
      }),
      offset: t.arg.int({
        defaultValue: 0,
        description: 'How many of the ranking to skip: the next page starts at offset + first.',
      }),
    },
    complexity: (args) => ({ field: 30, multiplier: args.first ?? DEFAULT_GAPS_PAGE }),
    resolve: async (_root, args, context) => {
      const offset = args.offset ?? 0;
      const result = await gapsTo(context, args.role, { first: args.first ?? DEFAULT_GAPS_PAGE, offset });
      return { ...result, offset };
    },
  }),
}));
