import { builder } from '../builder.js';
import { EXPECTED_UPDATED_AT, entityMutations, relationshipMutation } from './graph-write.js';
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

entityMutations('Tool', { entityRef: ToolRef, createInput: CreateToolInput, updateInput: UpdateToolInput });

relationshipMutation('supportSkill', {
  action: 'link',
  relation: 'SUPPORTS',
  ends: ['tool', 'skill'],
  input: ToolSkillInput,
  description: 'Records that one practises a skill with a tool.',
  inputDescription: 'The tool and the skill.',
});

relationshipMutation('unsupportSkill', {
  action: 'unlink',
  relation: 'SUPPORTS',
  ends: ['tool', 'skill'],
  input: ToolSkillInput,
  description: 'Removes a skill from the ones a tool supports.',
  inputDescription: 'The tool and the skill.',
});
