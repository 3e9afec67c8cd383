import { builder } from '../builder.js';
import {
  DeleteEntityInput,
  EXPECTED_UPDATED_AT,
  entityEdit,
  editErrors as errors,
  expectedGraphVersion,
  GraphWriteRef,
  RelationshipPayloadRef,
  relationshipEdit,
  runEdits,
  WRITE_COST,
  type WritePayload,
} from './graph-write.js';
import { ToolRef } from './refs.js';

export const CreateToolInput = builder.inputType('CreateToolInput', {
  description: 'A new tool, with the fields the seed’s tools have.',
  fields: (t) => ({
    key: t.string({
      required: true,
      description: 'Kebab-case, unique across roles, skills and tools; not starting esco- or onet-.',
    }),
    name: t.string({ required: true, description: 'Display name; it and the aliases may name nothing else.' }),
    aliases: t.stringList({ required: false, description: 'Other names people use. Default: none.' }),
    description: t.string({ required: true, description: 'What it is, in a few sentences.' }),
    kind: t.string({ required: true, description: 'What sort of tool, kebab-case (language, library, platform…).' }),
  }),
});

export const UpdateToolInput = builder.inputType('UpdateToolInput', {
  description: 'New values for some fields of a tool; fields left out keep theirs.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The tool’s key (keys do not change).' }),
    name: t.string({ required: false, description: 'New display name.' }),
    aliases: t.stringList({ required: false, description: 'The new list of aliases, replacing the old one.' }),
    description: t.string({ required: false, description: 'New description.' }),
    kind: t.string({ required: false, description: 'New kind, kebab-case.' }),
    expectedUpdatedAt: t.string({ required: false, description: EXPECTED_UPDATED_AT }),
  }),
});

export const ToolSkillInput = builder.inputType('ToolSkillInput', {
  description: 'A tool and a skill one practises with it.',
  fields: (t) => ({
    tool: t.string({ required: true, description: 'The tool’s key.' }),
    skill: t.string({ required: true, description: 'The skill’s key.' }),
  }),
});

const ToolPayloadRef = builder.objectRef<WritePayload>('ToolPayload').implement({
  description: 'The answer of a mutation of a tool.',
  interfaces: [GraphWriteRef],
  fields: (t) => ({
    tool: t.field({
      type: ToolRef,
      nullable: true,
      description: 'The tool as it is now; null once deleted.',
      resolve: (payload) => (payload.subject && payload.entities.get(payload.subject)) || null,
    }),
  }),
});

builder.mutationFields((t) => ({
  createTool: t.field({
    type: ToolPayloadRef,
    description: 'Adds a curated tool.',
    args: {
      input: t.arg({ type: CreateToolInput, required: true, description: 'The tool.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('CreateToolResult', 'createTool'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('create', 'Tool', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  updateTool: t.field({
    type: ToolPayloadRef,
    description: 'Changes fields of a curated tool.',
    args: {
      input: t.arg({ type: UpdateToolInput, required: true, description: 'The tool and its new values.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UpdateToolResult', 'updateTool'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('update', 'Tool', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  deleteTool: t.field({
    type: ToolPayloadRef,
    description: 'Deletes a curated tool with every relationship at it (each recorded in the audit trail).',
    args: {
      input: t.arg({ type: DeleteEntityInput, required: true, description: 'The tool.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('DeleteToolResult', 'deleteTool'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('delete', 'Tool', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  supportSkill: t.field({
    type: RelationshipPayloadRef,
    description: 'Records that one practises a skill with a tool.',
    args: {
      input: t.arg({ type: ToolSkillInput, required: true, description: 'The tool and the skill.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('SupportSkillResult', 'supportSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('link', 'SUPPORTS', ['tool', 'skill'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
  unsupportSkill: t.field({
    type: RelationshipPayloadRef,
    description: 'Removes a skill from the ones a tool supports.',
    args: {
      input: t.arg({ type: ToolSkillInput, required: true, description: 'The tool and the skill.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UnsupportSkillResult', 'unsupportSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('unlink', 'SUPPORTS', ['tool', 'skill'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
}));
