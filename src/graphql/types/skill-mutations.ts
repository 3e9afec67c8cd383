import { builder } from '../builder.js';
import { createEntityFields, entityMutations, relationshipMutation, updateEntityFields } from './graph-write.js';
import { SkillRef } from './refs.js';

export const CreateSkillInput = builder.inputType('CreateSkillInput', {
  description: 'A new skill, with the fields the seed’s skills have.',
  fields: (t) => ({
    ...createEntityFields(t, 'What it is and why it matters'),
    category: t.string({ required: true, description: 'The skill family, kebab-case (machine-learning, mlops…).' }),
    learningHours: t.int({ required: true, description: 'Hours a motivated newcomer needs: a whole number above 0.' }),
  }),
});

export const UpdateSkillInput = builder.inputType('UpdateSkillInput', {
  description: 'New values for some fields of a skill; fields left out keep theirs.',
  fields: (t) => ({
    ...updateEntityFields(t, 'skill'),
    category: t.string({ required: false, description: 'New category, kebab-case.' }),
    learningHours: t.int({ required: false, description: 'New hours: a whole number above 0.' }),
  }),
});

export const PrerequisiteInput = builder.inputType('PrerequisiteInput', {
  description: 'A skill and a skill to learn before it.',
  fields: (t) => ({
    skill: t.string({ required: true, description: 'The skill’s key.' }),
    prerequisite: t.string({ required: true, description: 'The key of the skill to learn first.' }),
  }),
});

export const RelatedSkillsInput = builder.inputType('RelatedSkillsInput', {
  description: 'Two closely related skills (neither a prerequisite of the other); the order does not matter.',
  fields: (t) => ({
    skill: t.string({ required: true, description: 'One skill’s key.' }),
    other: t.string({ required: true, description: 'The other skill’s key.' }),
  }),
});

entityMutations('Skill', { entityRef: SkillRef, createInput: CreateSkillInput, updateInput: UpdateSkillInput });

relationshipMutation('addPrerequisite', {
  action: 'link',
  relation: 'PREREQUISITE_OF',
  ends: ['prerequisite', 'skill'],
  input: PrerequisiteInput,
  description: 'Makes one skill a prerequisite of another; refused with the cycle when it would close one.',
  inputDescription: 'The skill and its new prerequisite.',
});

relationshipMutation('removePrerequisite', {
  action: 'unlink',
  relation: 'PREREQUISITE_OF',
  ends: ['prerequisite', 'skill'],
  input: PrerequisiteInput,
  description: 'Removes a prerequisite of a skill.',
  inputDescription: 'The skill and the prerequisite.',
});

relationshipMutation('relateSkills', {
  action: 'link',
  relation: 'RELATED_TO',
  ends: ['skill', 'other'],
  input: RelatedSkillsInput,
  description: 'Records that two skills are closely related (one relationship, whichever order they come in).',
  inputDescription: 'The two skills.',
});

relationshipMutation('unrelateSkills', {
  action: 'unlink',
  relation: 'RELATED_TO',
  ends: ['skill', 'other'],
  input: RelatedSkillsInput,
  description: 'Removes the relationship between two related skills.',
  inputDescription: 'The two skills.',
});
