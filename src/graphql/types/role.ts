import { lookupEntity } from '../../domain/entity-lookup.js';
import { builder } from '../builder.js';
import { resolveEntityList } from '../entity-list.js';
import { connectionComplexity } from '../pagination.js';
import { resolveRelationship } from '../relationships.js';
import { EntityOrderInput, EntityRef, ESTIMATED_LEVEL, ImportanceEnum, loadNodesOfLabel } from './entity.js';
import { RoleRef, SkillRef, ToolRef } from './refs.js';

builder.node(RoleRef, {
  description: 'A job in AI/ML and around it, e.g. Data Scientist or MLOps Engineer.',
  interfaces: [EntityRef],
  id: { resolve: (role) => role.key },
  isTypeOf: (value) => (value as { label?: string }).label === 'Role',
  loadMany: loadNodesOfLabel('Role'),
  fields: (t) => ({
    skills: t.connection(
      {
        type: SkillRef,
        description: 'The skills the role requires: essential ones first, then by level.',
        args: {
          importance: t.arg({ type: ImportanceEnum, required: false, description: 'Only skills of this importance.' }),
          minLevel: t.arg.int({ required: false, description: 'Only skills required at this level (1–5) or above.' }),
        },
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'RoleSkillConnection', description: 'A page of the skills a role requires.' },
      {
        name: 'RoleSkillEdge',
        description: 'A skill the role requires, with how much and at what level.',
        fields: (edge) => ({
          importance: edge.field({
            type: ImportanceEnum,
            description: 'How much the role needs the skill.',
            resolve: (e) => (e as { importance: 'ESSENTIAL' | 'OPTIONAL' }).importance,
          }),
          level: edge.int({
            description: '1 awareness, 2 basic, 3 working, 4 advanced, 5 expert. See levelEstimated.',
            resolve: (e) => (e as { level: number }).level,
          }),
          levelEstimated: edge.boolean({
            description: ESTIMATED_LEVEL,
            resolve: (e) => (e as { levelEstimated?: boolean }).levelEstimated === true,
          }),
        }),
      },
    ),
    relatedRoles: t.connection(
      {
        type: RoleRef,
        description: 'Related occupations as O*NET ranks them for this role, most related first (imported roles).',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'RelatedRoleConnection', description: 'A page of the roles O*NET relates to a role.' },
      {
        name: 'RelatedRoleEdge',
        description: 'A related role, with O*NET’s relatedness tier.',
        fields: (edge) => ({
          relatednessTier: edge.string({
            nullable: true,
            description: 'O*NET’s tier, e.g. Primary-Short.',
            resolve: (e) => (e as { relatednessTier?: string }).relatednessTier ?? null,
          }),
        }),
      },
    ),
    tools: t.connection(
      {
        type: ToolRef,
        description: 'The tools the role works with.',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'RoleToolConnection', description: 'A page of the tools a role uses.' },
      { name: 'RoleToolEdge', description: 'A tool the role uses.' },
    ),
  }),
});

const RoleFilterInput = builder.inputType('RoleFilter', {
  description: 'Conditions a role must meet, all of those given.',
  fields: (t) => ({
    text: t.string({ required: false, description: 'Part of the name or of an alias, ignoring case.' }),
    usesTool: t.string({ required: false, description: 'Only roles that use this tool (key, name or alias).' }),
    requiresSkill: t.string({
      required: false,
      description: 'Only roles that require this skill (key, name or alias).',
    }),
    importance: t.field({
      type: ImportanceEnum,
      required: false,
      description: 'With requiresSkill: only at this importance.',
    }),
  }),
});

builder.queryFields((t) => ({
  role: t.field({
    type: RoleRef,
    nullable: true,
    description: 'A role by key, or by name or alias ignoring case ("data SCIENTIST" finds Data Scientist).',
    args: {
      key: t.arg.string({ required: false, description: 'Its key (any case). Give key or name, not both.' }),
      name: t.arg.string({
        required: false,
        description: 'Its name or an alias, ignoring case. Give key or name, not both.',
      }),
    },
    resolve: (_root, args, context) => lookupEntity(context, 'Role', args),
  }),
  roles: t.connection(
    {
      type: RoleRef,
      description: 'All roles, filtered and ordered.',
      args: {
        filter: t.arg({ type: RoleFilterInput, required: false, description: 'Default: every role.' }),
        orderBy: t.arg({ type: EntityOrderInput, required: false, description: 'Default: by name, A to Z.' }),
      },
      complexity: connectionComplexity,
      resolve: (_root, { filter, ...args }, context, info) =>
        resolveEntityList(context, info, args, {
          label: 'Role',
          text: filter?.text,
          related: [
            { text: filter?.usesTool, label: 'Tool', argument: 'filter.usesTool', pattern: 'roleUsesTool' },
            {
              text: filter?.requiresSkill,
              label: 'Skill',
              argument: 'filter.requiresSkill',
              pattern: 'roleRequiresSkill',
              importance: filter?.importance,
            },
          ],
        }),
    },
    { name: 'RoleConnection', description: 'A page of roles.' },
    { name: 'RoleEdge', description: 'A role in the list.' },
  ),
}));
