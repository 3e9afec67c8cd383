import {
  DEFAULT_DEMAND_PAGE,
  type SkillDemandRow,
  skillDemand,
  type ToolDemandRow,
  toolDemand,
} from '../../domain/demand.js';
import { builder } from '../builder.js';
import { loadEntity } from '../load-entities.js';
import { SourceNameEnum } from './data-source.js';
import { SkillRef, ToolRef } from './refs.js';

const RANK = 'Position in the ranking, from 1 (offset + place in this page).';

const SkillDemandRef = builder.objectRef<SkillDemandRow & { rank: number }>('SkillDemand').implement({
  description: 'A skill and how many roles require it.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: RANK }),
    skill: t.field({
      type: SkillRef,
      description: 'The skill.',
      resolve: (row, _args, context) => loadEntity(context, row.key),
    }),
    roles: t.exposeInt('roles', {
      description: 'Roles requiring the skill, of either importance (essential + optional).',
    }),
    essential: t.exposeInt('essential', { description: 'Roles requiring it as ESSENTIAL.' }),
    optional: t.exposeInt('optional', { description: 'Roles requiring it as OPTIONAL only.' }),
  }),
});

const ToolDemandRef = builder.objectRef<ToolDemandRow & { rank: number }>('ToolDemand').implement({
  description: 'A tool and how many roles use it.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: RANK }),
    tool: t.field({
      type: ToolRef,
      description: 'The tool.',
      resolve: (row, _args, context) => loadEntity(context, row.key),
    }),
    roles: t.exposeInt('roles', { description: 'Roles using the tool.' }),
  }),
});

const ranked = <T>(rows: T[], offset: number) => rows.map((row, i) => ({ ...row, rank: offset + i + 1 }));

builder.queryFields((t) => {
  const pageArgs = {
    first: t.arg.int({
      defaultValue: DEFAULT_DEMAND_PAGE,
      description: 'How many, at most the page size limit (100 unless configured lower).',
    }),
    offset: t.arg.int({
      defaultValue: 0,
      description: 'How many of the ranking to skip: the next page starts at offset + first.',
    }),
    source: t.arg({
      type: [SourceNameEnum],
      required: false,
      description:
        'Only nodes from these sources, both those ranked and the roles counted (as the exports’ source filter); absent: every source.',
    }),
  };
  return {
    skillDemand: t.field({
      type: [SkillDemandRef],
      description:
        'Skills by the number of roles that require them, highest first, then by ESSENTIAL count, then key; skills no role requires are left out. A role counts once per skill, as ESSENTIAL if it requires the skill as ESSENTIAL. One aggregation over the whole graph. Also as CSV: GET /export/skill-demand.csv?source=…',
      args: pageArgs,
      complexity: (args) => ({ field: 50, multiplier: args.first ?? DEFAULT_DEMAND_PAGE }),
      resolve: async (_root, args, context) => {
        const offset = args.offset ?? 0;
        const rows = await skillDemand(context, {
          first: args.first ?? DEFAULT_DEMAND_PAGE,
          offset,
          sources: args.source ?? null,
        });
        return ranked(rows, offset);
      },
    }),
    toolDemand: t.field({
      type: [ToolDemandRef],
      description:
        'Tools by the number of roles that use them, highest first, then key; tools no role uses are left out. One aggregation over the whole graph. Also as CSV: GET /export/tool-demand.csv?source=…',
      args: pageArgs,
      complexity: (args) => ({ field: 50, multiplier: args.first ?? DEFAULT_DEMAND_PAGE }),
      resolve: async (_root, args, context) => {
        const offset = args.offset ?? 0;
        const rows = await toolDemand(context, {
          first: args.first ?? DEFAULT_DEMAND_PAGE,
          offset,
          sources: args.source ?? null,
        });
        return ranked(rows, offset);
      },
    }),
  };
});
