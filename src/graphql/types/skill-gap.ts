import type { LearningPlan, LearningStep, SkillGap } from '../../analysis/skill-gap.js';
import { learningPlanTo, skillGapTo } from '../../domain/skill-gaps.js';
import { BadUserInputError } from '../../errors.js';
import { builder } from '../builder.js';
import { anyHoursEstimated, HOURS_ESTIMATED, loadEntities, loadEntity } from '../load-entities.js';
import { checkPageSize } from '../pagination.js';
import { SkillRef, ToolRef } from './refs.js';

export const ProfileInput = builder.inputType('ProfileInput', {
  description:
    'Where someone starts: a role they hold, skills and tools they have (keys, names or aliases), any of them, or nothing at all (a complete beginner).',
  fields: (t) => ({
    role: t.string({
      required: false,
      description: 'A role they hold: its ESSENTIAL skills and its tools count as had.',
    }),
    skills: t.stringList({ required: false, description: 'Skills they have; their prerequisites count as had.' }),
    tools: t.stringList({ required: false, description: 'Tools they use.' }),
  }),
});

const SkillGapRef = builder.objectRef<SkillGap>('SkillGap').implement({
  description:
    'How far a profile is from a target role. have(R): the ESSENTIAL skills of R with all their prerequisites.',
  fields: (t) => ({
    missingEssential: t.field({
      type: [SkillRef],
      description: "The target's ESSENTIAL skills not in have(from).",
      resolve: (gap, _args, context) => loadEntities(context, gap.missingEssential),
    }),
    missingOptional: t.field({
      type: [SkillRef],
      description: "The target's OPTIONAL skills not in have(from).",
      resolve: (gap, _args, context) => loadEntities(context, gap.missingOptional),
    }),
    covered: t.field({
      type: [SkillRef],
      description: "The target's required skills, of either importance, already in have(from).",
      resolve: (gap, _args, context) => loadEntities(context, gap.covered),
    }),
    coverage: t.exposeFloat('coverage', {
      description: "Share of the target's ESSENTIAL skills in have(from), 0..1 (1 when it has none).",
    }),
    hoursToClose: t.exposeInt('hoursToClose', { description: 'The learningHours of have(target) − have(from).' }),
    hoursEstimated: t.boolean({
      description: HOURS_ESTIMATED,
      resolve: (gap, _args, context) => anyHoursEstimated(context, [...gap.missingEssential, ...gap.missingOptional]),
    }),
    missingTools: t.field({
      type: [ToolRef],
      description: "The target's tools the profile lacks (it has its listed tools and its role's).",
      resolve: (gap, _args, context) => loadEntities(context, gap.missingTools),
    }),
    coveredTools: t.field({
      type: [ToolRef],
      description: "The target's tools the profile has.",
      resolve: (gap, _args, context) => loadEntities(context, gap.coveredTools),
    }),
  }),
});

const LearningReasonEnum = builder.enumType('LearningReason', {
  description: 'Why a skill is in a learning plan.',
  values: {
    ESSENTIAL: { description: 'An ESSENTIAL skill of the target role.' },
    OPTIONAL: { description: 'An OPTIONAL skill of the target role (with includeOptional).' },
    PREREQUISITE: { description: 'Needed before a skill the target asks for.' },
  },
});

const LearningStepRef = builder.objectRef<LearningStep>('LearningStep').implement({
  description: 'One skill of a learning plan.',
  fields: (t) => ({
    position: t.exposeInt('position', { description: 'From 1; every skill comes after all its prerequisites.' }),
    skill: t.field({
      type: SkillRef,
      description: 'The skill to learn.',
      resolve: (step, _args, context) => loadEntity(context, step.skill),
    }),
    hours: t.exposeInt('hours', { description: 'The skill’s learningHours.' }),
    runningTotalHours: t.exposeInt('runningTotalHours', { description: 'Hours of this step and all before it.' }),
    hoursEstimated: t.boolean({
      description: HOURS_ESTIMATED,
      resolve: (step, _args, context) => anyHoursEstimated(context, [step.skill]),
    }),
    reason: t.field({
      type: LearningReasonEnum,
      description: 'Why the plan has this skill.',
      resolve: (step) => step.reason,
    }),
    unlocks: t.field({
      type: [SkillRef],
      description: 'Later skills of this plan that this one is a direct prerequisite of.',
      resolve: (step, _args, context) => loadEntities(context, step.unlocks),
    }),
  }),
});

const LearningPlanRef = builder.objectRef<LearningPlan>('LearningPlan').implement({
  description: 'The skills to learn to reach a target role from a profile, in an order that respects prerequisites.',
  fields: (t) => ({
    totalHours: t.exposeInt('totalHours', {
      description: 'The hours of all the steps (runningTotalHours of the last).',
    }),
    hoursEstimated: t.boolean({
      description: HOURS_ESTIMATED,
      resolve: (plan, _args, context) =>
        anyHoursEstimated(
          context,
          plan.steps.map((step) => step.skill),
        ),
    }),
    stepCount: t.int({
      description: 'How many steps the whole plan has, whatever page `steps` returns.',
      resolve: (plan) => plan.steps.length,
    }),
    steps: t.field({
      type: [LearningStepRef],
      description:
        'In learning order; empty when the profile already has everything. Long plans page by position, which is stable while the graph version is.',
      args: {
        afterPosition: t.arg.int({
          required: true,
          defaultValue: 0,
          description: 'Only steps after this position: the last position of the previous page.',
        }),
        first: t.arg.int({ required: false, description: 'At most this many steps; all when absent.' }),
      },
      resolve: (plan, { afterPosition, first }, context) => {
        if (afterPosition < 0) {
          throw new BadUserInputError('Argument "afterPosition" must not be negative.', 'afterPosition');
        }
        if (first != null) checkPageSize('first', first, context.maxPageSize);
        return plan.steps.slice(afterPosition, first == null ? undefined : afterPosition + first);
      },
    }),
  }),
});

builder.queryFields((t) => ({
  skillGap: t.field({
    type: SkillGapRef,
    description: 'What a profile lacks for a target role, and the hours to close the gap.',
    args: {
      from: t.arg({ type: ProfileInput, required: true, description: 'Where the person starts.' }),
      to: t.arg.string({ required: true, description: 'The target role: key, name or alias.' }),
    },
    complexity: 50,
    resolve: (_root, args, context) => skillGapTo(context, args),
  }),
  learningPlan: t.field({
    type: LearningPlanRef,
    description:
      'Exactly the skills of have(target) − have(from) (with includeOptional, also the target’s OPTIONAL skills not had, with their missing prerequisites), each after all its prerequisites; deterministic.',
    args: {
      from: t.arg({ type: ProfileInput, required: true, description: 'Where the person starts.' }),
      to: t.arg.string({ required: true, description: 'The target role: key, name or alias.' }),
      includeOptional: t.arg.boolean({
        defaultValue: false,
        description: 'Also the target’s OPTIONAL skills not had (reason OPTIONAL).',
      }),
    },
    complexity: 100,
    resolve: (_root, args, context) => learningPlanTo(context, args),
  }),
}));
