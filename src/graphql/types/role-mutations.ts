import { builder } from '../builder.js';
import { ImportanceEnum } from './entity.js';
import { createEntityFields, entityMutations, relationshipMutation, updateEntityFields } from './graph-write.js';
import { RoleRef } from './refs.js';

export const CreateRoleInput = builder.inputType('CreateRoleInput', {
  description: 'A new role, with the fields the seed’s roles have.',
  fields: (t) => ({
    ...createEntityFields(t, 'What the job is'),
  }),
});

export const UpdateRoleInput = builder.inputType('UpdateRoleInput', {
  description: 'New values for some fields of a role; fields left out keep theirs.',
  fields: (t) => ({
    ...updateEntityFields(t, 'role'),
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

entityMutations('Role', { entityRef: RoleRef, createInput: CreateRoleInput, updateInput: UpdateRoleInput });

relationshipMutation('requireSkill', {
  action: 'link',
  relation: 'REQUIRES',
  ends: ['role', 'skill'],
  input: RequireSkillInput,
  description: 'Makes a role require a skill, or changes how much and at what level it does.',
  inputDescription: 'The requirement.',
});

relationshipMutation('unrequireSkill', {
  action: 'unlink',
  relation: 'REQUIRES',
  ends: ['role', 'skill'],
  input: RoleSkillInput,
  description: 'Removes a requirement of a role.',
  inputDescription: 'The requirement.',
});

relationshipMutation('useTool', {
  action: 'link',
  relation: 'USES',
  ends: ['role', 'tool'],
  input: RoleToolInput,
  description: 'Records that a role works with a tool.',
  inputDescription: 'The role and the tool.',
});

relationshipMutation('unuseTool', {
  action: 'unlink',
  relation: 'USES',
  ends: ['role', 'tool'],
  input: RoleToolInput,
  description: 'Removes a tool from a role.',
  inputDescription: 'The role and the tool.',
});
