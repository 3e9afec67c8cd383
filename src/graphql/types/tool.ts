import { lookupEntity } from '../../domain/entity-lookup.js';
import { builder } from '../builder.js';
import { resolveEntityList } from '../entity-list.js';
import { connectionComplexity } from '../pagination.js';
import { resolveRelationship } from '../relationships.js';
import { EntityOrderInput, EntityRef, loadNodesOfLabel } from './entity.js';
import { RoleRef, SkillRef, ToolRef } from './refs.js';

builder.node(ToolRef, {
  description: 'A language, library, framework, platform or service, e.g. Python, PyTorch or Kubernetes.',
  interfaces: [EntityRef],
  id: { resolve: (tool) => tool.key },
  isTypeOf: (value) => (value as { label?: string }).label === 'Tool',
  loadMany: loadNodesOfLabel('Tool'),
  fields: (t) => ({
    kind: t.string({
      description:
        'What sort of tool, an open set: curated tools are language, library, framework, platform, cloud-service, ' +
        'database, tool or service; O*NET tools carry O*NET’s commodity title in kebab-case.',
      resolve: (tool) => tool.kind ?? 'tool',
    }),
    hotTechnology: t.boolean({
      nullable: true,
      description: 'O*NET: a hot technology for at least one occupation; null for tools O*NET does not list.',
      resolve: (tool) => tool.hotTechnology ?? null,
    }),
    inDemand: t.boolean({
      nullable: true,
      description: 'O*NET: in demand for at least one occupation; null for tools O*NET does not list.',
      resolve: (tool) => tool.inDemand ?? null,
    }),
    skills: t.connection(
      {
        type: SkillRef,
        description: 'The skills one practises with this tool.',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'ToolSkillConnection', description: 'A page of the skills a tool supports.' },
      { name: 'ToolSkillEdge', description: 'A skill one practises with the tool.' },
    ),
    roles: t.connection(
      {
        type: RoleRef,
        description: 'The roles that use this tool.',
        complexity: connectionComplexity,
        resolve: resolveRelationship,
      },
      { name: 'ToolRoleConnection', description: 'A page of the roles that use a tool.' },
      { name: 'ToolRoleEdge', description: 'A role that uses the tool.' },
    ),
  }),
});

const ToolFilterInput = builder.inputType('ToolFilter', {
  description: 'Conditions a tool must meet, all of those given.',
  fields: (t) => ({
    text: t.string({ required: false, description: 'Part of the name or of an alias, ignoring case.' }),
    kind: t.string({ required: false, description: 'Only tools of this kind, exactly (see Tool.kind).' }),
    usedBy: t.string({ required: false, description: 'Only tools this role uses (key, name or alias).' }),
    supports: t.string({ required: false, description: 'Only tools that support this skill (key, name or alias).' }),
  }),
});

builder.queryFields((t) => ({
  tool: t.field({
    type: ToolRef,
    nullable: true,
    description: 'A tool by key, or by name or alias ignoring case ("k8s" finds Kubernetes).',
    args: {
      key: t.arg.string({ required: false, description: 'Its key (any case). Give key or name, not both.' }),
      name: t.arg.string({
        required: false,
        description: 'Its name or an alias, ignoring case. Give key or name, not both.',
      }),
    },
    resolve: (_root, args, context) => lookupEntity(context, 'Tool', args),
  }),
  tools: t.connection(
    {
      type: ToolRef,
      description: 'All tools, filtered and ordered.',
      args: {
        filter: t.arg({ type: ToolFilterInput, required: false, description: 'Default: every tool.' }),
        orderBy: t.arg({ type: EntityOrderInput, required: false, description: 'Default: by name, A to Z.' }),
      },
      complexity: connectionComplexity,
      resolve: (_root, { filter, ...args }, context, info) =>
        resolveEntityList(context, info, args, {
          label: 'Tool',
          text: filter?.text,
          kind: filter?.kind,
          related: [
            { text: filter?.usedBy, label: 'Role', argument: 'filter.usedBy', pattern: 'toolUsedByRole' },
            { text: filter?.supports, label: 'Skill', argument: 'filter.supports', pattern: 'toolSupportsSkill' },
          ],
        }),
    },
    { name: 'ToolConnection', description: 'A page of tools.' },
    { name: 'ToolEdge', description: 'A tool in the list.' },
  ),
}));
