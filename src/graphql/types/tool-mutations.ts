import { builder } from '../builder.js';
import { createEntityFields, entityMutations, relationshipMutation, updateEntityFields } from './graph-write.js';
import { ToolRef } from './refs.js';

export const CreateToolInput = builder.inputType('CreateToolInput', {
  description: 'A new tool, with the fields the seed’s tools have.',
  fields: (t) => ({
    ...createEntityFields(t, 'What it is'),
    kind: t.string({ required: true, description: 'What sort of tool, kebab-case (language, library, platform…).' }),
  }),
});

export const UpdateToolInput = builder.inputType('UpdateToolInput', {
  description: 'New values for some fields of a tool; fields left out keep theirs.',
  fields: (t) => ({
    ...updateEntityFields(t, 'tool'),
    kind: t.string({ required: false, description: 'New kind, kebab-case.' }),
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
