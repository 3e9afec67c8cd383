import { builder } from '../builder.js';
import { ImportanceEnum } from './entity.js';
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
import { RoleRef } from './refs.js';

export const CreateRoleInput = builder.inputType('CreateRoleInput', {
  description: 'A new role, with the fields the seed’s roles have.',
  fields: (t) => ({
    key: t.string({
      required: true,
      description: 'Kebab-case, unique across roles, skills and tools; not starting esco- or onet-.',
    }),
    name: t.string({ required: true, description: 'Display name; it and the aliases may name nothing else.' }),
    aliases: t.stringList({ required: false, description: 'Other names people use. Default: none.' }),
    description: t.string({ required: true, description: 'What the job is, in a few sentences.' }),
  }),
});

export const UpdateRoleInput = builder.inputType('UpdateRoleInput', {
  description: 'New values for some fields of a role; fields left out keep theirs.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The role’s key (keys do not change).' }),
    name: t.string({ required: false, description: 'New display name.' }),
    aliases: t.stringList({ required: false, description: 'The new list of aliases, replacing the old one.' }),
    description: t.string({ required: false, description: 'New description.' }),
    expectedUpdatedAt: t.string({ required: false, description: EXPECTED_UPDATED_AT }),
  }),
});

export const RequireSkillInput = builder.inputType('RequireSkillInput', {
  description: 'A role requiring a skill: made, or changed when the role requires it already.',
  fields: (t) => ({
    role: t.string({ required: true, description: 'The role’s key.' }),
    skill: t.string({ required: true, description: 'The skill’s key.' }),
    importance: t.field({ type: ImportanceEnum, required: true, description: 'How much the role needs it.' }),
    level: t.int({ required: true, description: '1 awareness, 2 basic, 3 working, 4 advanced, 5 expert.' }),
  }),
});

export const RoleSkillInput = builder.inputType('RoleSkillInput', {
  description: 'A role and a skill it requires.',
  fields: (t) => ({
    role: t.string({ required: true, description: 'The role’s key.' }),
    skill: t.string({ required: true, description: 'The skill’s key.' }),
  }),
});

export const RoleToolInput = builder.inputType('RoleToolInput', {
  description: 'A role and a tool it works with.',
  fields: (t) => ({
    role: t.string({ required: true, description: 'The role’s key.' }),
    tool: t.string({ required: true, description: 'The tool’s key.' }),
  }),
});

const RolePayloadRef = builder.objectRef<WritePayload>('RolePayload').implement({
  description: 'The answer of a mutation of a role.',
  interfaces: [GraphWriteRef],
  fields: (t) => ({
    role: t.field({
      type: RoleRef,
      nullable: true,
      description: 'The role as it is now; null once deleted.',
      resolve: (payload) => (payload.subject && payload.entities.get(payload.subject)) || null,
    }),
  }),
});

builder.mutationFields((t) => ({
  createRole: t.field({
    type: RolePayloadRef,
    description: 'Adds a curated role.',
    args: {
      input: t.arg({ type: CreateRoleInput, required: true, description: 'The role.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('CreateRoleResult', 'createRole'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('create', 'Role', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  updateRole: t.field({
    type: RolePayloadRef,
    description: 'Changes fields of a curated role.',
    args: {
      input: t.arg({ type: UpdateRoleInput, required: true, description: 'The role and its new values.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UpdateRoleResult', 'updateRole'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('update', 'Role', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  deleteRole: t.field({
    type: RolePayloadRef,
    description: 'Deletes a curated role with every relationship at it (each recorded in the audit trail).',
    args: {
      input: t.arg({ type: DeleteEntityInput, required: true, description: 'The role.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('DeleteRoleResult', 'deleteRole'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('delete', 'Role', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  requireSkill: t.field({
    type: RelationshipPayloadRef,
    description: 'Makes a role require a skill, or changes how much and at what level it does.',
    args: {
      input: t.arg({ type: RequireSkillInput, required: true, description: 'The requirement.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('RequireSkillResult', 'requireSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('link', 'REQUIRES', ['role', 'skill'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
  unrequireSkill: t.field({
    type: RelationshipPayloadRef,
    description: 'Removes a requirement of a role.',
    args: {
      input: t.arg({ type: RoleSkillInput, required: true, description: 'The requirement.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UnrequireSkillResult', 'unrequireSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('unlink', 'REQUIRES', ['role', 'skill'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
  useTool: t.field({
    type: RelationshipPayloadRef,
    description: 'Records that a role works with a tool.',
    args: {
      input: t.arg({ type: RoleToolInput, required: true, description: 'The role and the tool.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UseToolResult', 'useTool'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [relationshipEdit('link', 'USES', ['role', 'tool'], input, 'input')], expectedGraphVersion),
  }),
  unuseTool: t.field({
    type: RelationshipPayloadRef,
    description: 'Removes a tool from a role.',
    args: {
      input: t.arg({ type: RoleToolInput, required: true, description: 'The role and the tool.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UnuseToolResult', 'unuseTool'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [relationshipEdit('unlink', 'USES', ['role', 'tool'], input, 'input')], expectedGraphVersion),
  }),
}));
