import type { CareerPath, CareerStep } from '../../analysis/career-path.js';
import { DEFAULT_MAX_STEP_HOURS, planCareerPath } from '../../domain/career-path.js';
import { builder } from '../builder.js';
import { loadEntities, loadEntity } from '../load-entities.js';
import { RoleRef, SkillRef } from './refs.js';

const CareerStepRef = builder.objectRef<CareerStep>('CareerStep').implement({
  description: 'One role change: the skills to learn and their hours.',
  fields: (t) => ({
    from: t.field({ type: RoleRef, resolve: (step, _args, context) => loadEntity(context, step.from) }),
    to: t.field({ type: RoleRef, resolve: (step, _args, context) => loadEntity(context, step.to) }),
    hours: t.exposeInt('hours', { description: 'The learningHours of the skills in `learn`.' }),
    learn: t.field({
      type: [SkillRef],
      description: 'Exactly have(to) − have(from), each skill after its prerequisites.',
      resolve: (step, _args, context) => loadEntities(context, step.learn),
    }),
  }),
});

const CareerPathRef = builder.objectRef<CareerPath>('CareerPath').implement({
  description: 'The cheapest chain of feasible role changes.',
  fields: (t) => ({
    totalHours: t.exposeInt('totalHours'),
    steps: t.field({ type: [CareerStepRef], resolve: (path) => path.steps }),
  }),
});

builder.queryField('careerPath', (t) =>
  t.field({
    type: CareerPathRef,
    nullable: true,
    description:
      'The chain of feasible role changes from one role to another with the fewest total learning hours (ties: fewer moves, then role keys). A move A → B is feasible when the hours of have(B) − have(A) are at most maxStepHours, have(R) being the ESSENTIAL skills of R with all their transitive prerequisites. null when no chain exists.',
    args: {
      from: t.arg.string({ required: true }),
      to: t.arg.string({ required: true }),
      maxStepHours: t.arg.int({ defaultValue: DEFAULT_MAX_STEP_HOURS }),
    },
    complexity: 200,
    resolve: (_root, args, context) => planCareerPath(context, args),
  }),
);
