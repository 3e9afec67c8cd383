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
import { SkillRef } from './refs.js';

export const CreateSkillInput = builder.inputType('CreateSkillInput', {
  description: 'A new skill, with the fields the seed’s skills have.',
  fields: (t) => ({
    key: t.string({
      required: true,
      description: 'Kebab-case, unique across roles, skills and tools; not starting esco- or onet-.',
    }),
    name: t.string({ required: true, description: 'Display name; it and the aliases may name nothing else.' }),
    aliases: t.stringList({ required: false, description: 'Other names people use. Default: none.' }),
    description: t.string({ required: true, description: 'What it is and why it matters, in a few sentences.' }),
    category: t.string({ required: true, description: 'The skill family, kebab-case (machine-learning, mlops…).' }),
    learningHours: t.int({ required: true, description: 'Hours a motivated newcomer needs: a whole number above 0.' }),
  }),
});

export const UpdateSkillInput = builder.inputType('UpdateSkillInput', {
  description: 'New values for some fields of a skill; fields left out keep theirs.',
  fields: (t) => ({
    key: t.string({ required: true, description: 'The skill’s key (keys do not change).' }),
    name: t.string({ required: false, description: 'New display name.' }),
    aliases: t.stringList({ required: false, description: 'The new list of aliases, replacing the old one.' }),
    description: t.string({ required: false, description: 'New description.' }),
    category: t.string({ required: false, description: 'New category, kebab-case.' }),
    learningHours: t.int({ required: false, description: 'New hours: a whole number above 0.' }),
    expectedUpdatedAt: t.string({ required: false, description: EXPECTED_UPDATED_AT }),
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

const SkillPayloadRef = builder.objectRef<WritePayload>('SkillPayload').implement({
  description: 'The answer of a mutation of a skill.',
  interfaces: [GraphWriteRef],
  fields: (t) => ({
    skill: t.field({
      type: SkillRef,
      nullable: true,
      description: 'The skill as it is now; null once deleted.',
      resolve: (payload) => (payload.subject && payload.entities.get(payload.subject)) || null,
    }),
  }),
});

builder.mutationFields((t) => ({
  createSkill: t.field({
    type: SkillPayloadRef,
    description: 'Adds a curated skill.',
    args: {
      input: t.arg({ type: CreateSkillInput, required: true, description: 'The skill.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('CreateSkillResult', 'createSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('create', 'Skill', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  updateSkill: t.field({
    type: SkillPayloadRef,
    description: 'Changes fields of a curated skill.',
    args: {
      input: t.arg({ type: UpdateSkillInput, required: true, description: 'The skill and its new values.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UpdateSkillResult', 'updateSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('update', 'Skill', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  deleteSkill: t.field({
    type: SkillPayloadRef,
    description: 'Deletes a curated skill with every relationship at it (each recorded in the audit trail).',
    args: {
      input: t.arg({ type: DeleteEntityInput, required: true, description: 'The skill.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('DeleteSkillResult', 'deleteSkill'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(context, [entityEdit('delete', 'Skill', input, 'input')], expectedGraphVersion, { subject: input.key }),
  }),
  addPrerequisite: t.field({
    type: RelationshipPayloadRef,
    description: 'Makes one skill a prerequisite of another; refused with the cycle when it would close one.',
    args: {
      input: t.arg({ type: PrerequisiteInput, required: true, description: 'The skill and its new prerequisite.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('AddPrerequisiteResult', 'addPrerequisite'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('link', 'PREREQUISITE_OF', ['prerequisite', 'skill'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
  removePrerequisite: t.field({
    type: RelationshipPayloadRef,
    description: 'Removes a prerequisite of a skill.',
    args: {
      input: t.arg({ type: PrerequisiteInput, required: true, description: 'The skill and the prerequisite.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('RemovePrerequisiteResult', 'removePrerequisite'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('unlink', 'PREREQUISITE_OF', ['prerequisite', 'skill'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
  relateSkills: t.field({
    type: RelationshipPayloadRef,
    description: 'Records that two skills are closely related (one relationship, whichever order they come in).',
    args: {
      input: t.arg({ type: RelatedSkillsInput, required: true, description: 'The two skills.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('RelateSkillsResult', 'relateSkills'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('link', 'RELATED_TO', ['skill', 'other'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
  unrelateSkills: t.field({
    type: RelationshipPayloadRef,
    description: 'Removes the relationship between two related skills.',
    args: {
      input: t.arg({ type: RelatedSkillsInput, required: true, description: 'The two skills.' }),
      expectedGraphVersion: t.arg.string(expectedGraphVersion),
    },
    errors: errors('UnrelateSkillsResult', 'unrelateSkills'),
    complexity: WRITE_COST,
    resolve: (_root, { input, expectedGraphVersion }, context) =>
      runEdits(
        context,
        [relationshipEdit('unlink', 'RELATED_TO', ['skill', 'other'], input, 'input')],
        expectedGraphVersion,
      ),
  }),
}));
