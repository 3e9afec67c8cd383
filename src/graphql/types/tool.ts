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
      description: 'language, library, framework, platform, cloud-service, database, tool or service.',
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
        resolve: (tool, args, context) => resolveRelationship(context, 'Tool.skills', tool.key, args),
      },
      { name: 'ToolSkillConnection' },
      { name: 'ToolSkillEdge' },
    ),
    roles: t.connection(
      {
        type: RoleRef,
        description: 'The roles that use this tool.',
        complexity: connectionComplexity,
        resolve: (tool, args, context) => resolveRelationship(context, 'Tool.roles', tool.key, args),
      },
      { name: 'ToolRoleConnection' },
      { name: 'ToolRoleEdge' },
    ),
  }),
});

const ToolFilterInput = builder.inputType('ToolFilter', {
  fields: (t) => ({
    text: t.string({ required: false, description: 'Part of the name or of an alias, ignoring case.' }),
    kind: t.string({ required: false }),
    usedBy: t.string({ required: false, description: 'Only tools this role uses (key, name or alias).' }),
    supports: t.string({ required: false, description: 'Only tools that support this skill (key, name or alias).' }),
  }),
});

builder.queryFields((t) => ({
  tool: t.field({
    type: ToolRef,
    nullable: true,
    description: 'A tool by key, or by name or alias ignoring case ("k8s" finds Kubernetes).',
    args: { key: t.arg.string({ required: false }), name: t.arg.string({ required: false }) },
    resolve: (_root, args, context) => lookupEntity(context, 'Tool', args),
  }),
  tools: t.connection(
    {
      type: ToolRef,
      description: 'All tools, filtered and ordered.',
      args: {
        filter: t.arg({ type: ToolFilterInput, required: false }),
        orderBy: t.arg({ type: EntityOrderInput, required: false }),
      },
      complexity: connectionComplexity,
      resolve: (_root, { filter, ...args }, context) =>
        resolveEntityList(context, args, {
          label: 'Tool',
          text: filter?.text,
          kind: filter?.kind,
          related: [
            { text: filter?.usedBy, label: 'Role', argument: 'filter.usedBy', pattern: 'toolUsedByRole' },
            { text: filter?.supports, label: 'Skill', argument: 'filter.supports', pattern: 'toolSupportsSkill' },
          ],
        }),
    },
    { name: 'ToolConnection' },
    { name: 'ToolEdge' },
  ),
}));
