import { lookupEntity } from '../../domain/entity-lookup.js';
import { builder } from '../builder.js';
import { resolveEntityList } from '../entity-list.js';
import { connectionComplexity } from '../pagination.js';
import { resolveRelationship } from '../relationships.js';
import { EntityOrderInput, EntityRef, ESTIMATED_LEVEL, ImportanceEnum, loadNodesOfLabel } from './entity.js';
import { RoleRef, SkillRef, ToolRef } from './refs.js';

builder.node(SkillRef, {
  description: 'Something a person learns and practises, e.g. statistics or feature engineering.',
  interfaces: [EntityRef],
  id: { resolve: (skill) => skill.key },
  isTypeOf: (value) => (value as { label?: string }).label === 'Skill',
  loadMany: loadNodesOfLabel('Skill'),
  fields: (t) => ({
    category: t.string({
      description:
        'The skill family, an open set: for curated skills e.g. programming, mathematics, machine-learning, mlops; ' +
        'for ESCO skills knowledge, skill-competence or unspecified; uncategorized when unknown.',
      resolve: (skill) => skill.category ?? 'uncategorized',
    }),
    learningHours: t.int({
      description: 'Typical hours a motivated newcomer needs to reach working level. See learningHoursEstimated.',
      resolve: (skill) => skill.learningHours ?? 0,
    }),
    learningHoursEstimated: t.boolean({
      description:
        'True when learningHours is our estimate, not a measured figure: ESCO gives no hours, so imported ' +
        'skills get 40 h for knowledge and 20 h for a skill or competence.',
      resolve: (skill) => skill.learningHoursEstimated === true,
    }),
    reuseLevel: t.string({
      nullable: true,
      description: 'ESCO’s reuse level: transversal, cross-sector, sector-specific or occupation-specific.',
      resolve: (skill) => skill.reuseLevel ?? null,
    }),
    roles: t.connection(
      {
        type: RoleRef,
        description: 'The roles that require this skill: essential first, then by level.',
        args: {
          importance: t.arg({
            type: ImportanceEnum,
            required: false,
            description: 'Only roles that need it this much.',
          }),
          minLevel: t.arg.int({
            required: false,
            description: 'Only roles that require it at this level (1–5) or above.',
          }),
        },
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'SkillRoleConnection', description: 'A page of the roles that require a skill.' },
      {
        name: 'SkillRoleEdge',
        description: 'A role that requires the skill, with how much and at what level.',
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
    tools: t.connection(
      {
        type: ToolRef,
        description: 'The tools one practises this skill with.',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'SkillToolConnection', description: 'A page of the tools that support a skill.' },
      { name: 'SkillToolEdge', description: 'A tool one practises the skill with.' },
    ),
    prerequisites: t.connection(
      {
        type: SkillRef,
        description: 'Skills to learn before this one; with transitive, their prerequisites too, nearest first.',
        args: {
          transitive: t.arg.boolean({
            defaultValue: false,
            description: 'Also the prerequisites of prerequisites, all the way down.',
          }),
        },
        complexity: (args) => ({ field: args.transitive ? 5 : 1, multiplier: connectionComplexity(args).multiplier }),
        resolve: resolveRelationship,
      },
      { name: 'PrerequisiteConnection', description: 'A page of the skills to learn before a skill.' },
      {
        name: 'PrerequisiteEdge',
        description: 'A skill to learn before this one, and how many prerequisite steps away it is.',
        fields: (edge) => ({
          distance: edge.int({
            description: 'Prerequisite steps between the two skills (1 for a direct prerequisite).',
            resolve: (e) => (e as { distance?: number }).distance ?? 1,
          }),
        }),
      },
    ),
    unlocks: t.connection(
      {
        type: SkillRef,
        description: 'Skills this one is a direct prerequisite of.',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'SkillUnlockConnection', description: 'A page of the skills a skill is a direct prerequisite of.' },
      { name: 'SkillUnlockEdge', description: 'A skill this one is a direct prerequisite of.' },
    ),
    related: t.connection(
      {
        type: SkillRef,
        description: 'Closely related skills that are not prerequisites.',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'RelatedSkillConnection', description: 'A page of the skills related to a skill.' },
      { name: 'RelatedSkillEdge', description: 'A related skill.' },
    ),
  }),
});

const SkillFilterInput = builder.inputType('SkillFilter', {
  description: 'Conditions a skill must meet, all of those given.',
  fields: (t) => ({
    text: t.string({ required: false, description: 'Part of the name or of an alias, ignoring case.' }),
    category: t.string({ required: false, description: 'Only skills of this category, exactly (see Skill.category).' }),
    requiredBy: t.string({ required: false, description: 'Only skills this role requires (key, name or alias).' }),
    importance: t.field({
      type: ImportanceEnum,
      required: false,
      description: 'With requiredBy: only at this importance.',
    }),
    supportedBy: t.string({ required: false, description: 'Only skills this tool supports (key, name or alias).' }),
  }),
});

builder.queryFields((t) => ({
  skill: t.field({
    type: SkillRef,
    nullable: true,
    description: 'A skill by key, or by name or alias ignoring case.',
    args: {
      key: t.arg.string({ required: false, description: 'Its key (any case). Give key or name, not both.' }),
      name: t.arg.string({
        required: false,
        description: 'Its name or an alias, ignoring case. Give key or name, not both.',
      }),
    },
    resolve: (_root, args, context) => lookupEntity(context, 'Skill', args),
  }),
  skills: t.connection(
    {
      type: SkillRef,
      description: 'All skills, filtered and ordered.',
      args: {
        filter: t.arg({ type: SkillFilterInput, required: false, description: 'Default: every skill.' }),
        orderBy: t.arg({ type: EntityOrderInput, required: false, description: 'Default: by name, A to Z.' }),
      },
      complexity: connectionComplexity,
      resolve: (_root, { filter, ...args }, context, info) =>
        resolveEntityList(context, info, args, {
          label: 'Skill',
          text: filter?.text,
          category: filter?.category,
          related: [
            {
              text: filter?.requiredBy,
              label: 'Role',
              argument: 'filter.requiredBy',
              pattern: 'skillRequiredByRole',
              importance: filter?.importance,
            },
            {
              text: filter?.supportedBy,
              label: 'Tool',
              argument: 'filter.supportedBy',
              pattern: 'skillSupportedByTool',
            },
          ],
        }),
    },
    { name: 'SkillConnection', description: 'A page of skills.' },
    { name: 'SkillEdge', description: 'A skill in the list.' },
  ),
}));
