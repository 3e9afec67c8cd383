import type { CareerPathSearch, CareerStep } from '../../analysis/career-path.js';
import {
  explainCareerPathSearch,
  type LimitedCareerPath,
  planCareerPath,
  searchCareerPathBetween,
  withLimit,
} from '../../domain/career-path.js';
import { builder } from '../builder.js';
import { anyHoursEstimated, HOURS_ESTIMATED, loadEntities, loadEntity } from '../load-entities.js';
import { RoleRef, SkillRef } from './refs.js';

const HOURS_NOTE =
  'Hours are the learningHours recorded on skills: estimates for imported taxonomies (ESCO: 40 h a knowledge, 20 h a skill or competence), to compare moves, not to plan a calendar.';

const CareerStepRef = builder.objectRef<CareerStep>('CareerStep').implement({
  description: 'One role change: the skills to learn and their hours.',
  fields: (t) => ({
    from: t.field({
      type: RoleRef,
      description: 'The role held before the move.',
      resolve: (step, _args, context) => loadEntity(context, step.from),
    }),
    to: t.field({
      type: RoleRef,
      description: 'The role moved to.',
      resolve: (step, _args, context) => loadEntity(context, step.to),
    }),
    hours: t.exposeInt('hours', { description: 'The learningHours of the skills in `learn`.' }),
    learn: t.field({
      type: [SkillRef],
      description: 'Exactly have(to) − have(from), each skill after its prerequisites.',
      resolve: (step, _args, context) => loadEntities(context, step.learn),
    }),
    hoursEstimated: t.boolean({
      description: HOURS_ESTIMATED,
      resolve: (step, _args, context) => anyHoursEstimated(context, step.learn),
    }),
  }),
});

const CareerPathRef = builder.objectRef<LimitedCareerPath>('CareerPath').implement({
  description: `The cheapest chain of feasible role changes. ${HOURS_NOTE}`,
  fields: (t) => ({
    totalHours: t.exposeInt('totalHours', { description: 'The hours of all the moves together.' }),
    hoursEstimated: t.boolean({
      description: HOURS_ESTIMATED,
      resolve: (path, _args, context) =>
        anyHoursEstimated(
          context,
          path.steps.flatMap((step) => step.learn),
        ),
    }),
    steps: t.field({
      type: [CareerStepRef],
      description: 'The moves in order, from `from` to `to`; empty when they are the same role.',
      resolve: (path) => path.steps,
    }),
    stepLimitHours: t.exposeInt('stepLimitHours', {
      description:
        'The step limit the chain was searched under: maxStepHours when given, otherwise the smallest limit under which a chain exists.',
    }),
    largestStepHours: t.exposeInt('largestStepHours', {
      description: 'The hours of the chain’s largest move (0 for no move).',
    }),
  }),
});

const CareerMoveRef = builder.objectRef<{ to: string; hours: number }>('CareerMove').implement({
  description: 'One possible role change and its hours.',
  fields: (t) => ({
    to: t.field({
      type: RoleRef,
      description: 'The role moved to.',
      resolve: (move, _args, context) => loadEntity(context, move.to),
    }),
    hours: t.exposeInt('hours', { description: 'The learningHours of the skills the move needs.' }),
  }),
});

const CareerPathOutcomeRef = builder.enumType('CareerPathOutcome', {
  description: 'How a careerPath search ended.',
  values: {
    FOUND: { description: 'A chain within the step limit was found.' },
    SAME_ROLE: { description: 'from and to are the same role: an empty chain.' },
    NO_CHAIN_WITHIN_LIMIT: { description: 'Every chain has a move larger than maxStepHours.' },
  } as const,
});

type SearchWithEnds = CareerPathSearch & { from: string; to: string };

const CareerPathSearchRef = builder.objectRef<SearchWithEnds>('CareerPathSearch').implement({
  description: `A careerPath search with what explains its answer, found or not. ${HOURS_NOTE}`,
  fields: (t) => ({
    outcome: t.field({ type: CareerPathOutcomeRef, description: 'How the search ended.', resolve: (s) => s.outcome }),
    path: t.field({
      type: CareerPathRef,
      nullable: true,
      description: 'What careerPath answers with the same arguments.',
      resolve: (s) => s.path && withLimit(s.path, s.stepLimitHours),
    }),
    stepLimitHours: t.exposeInt('stepLimitHours', {
      description: 'maxStepHours when given, otherwise smallestFeasibleStepHours.',
    }),
    limitGiven: t.exposeBoolean('limitGiven', { description: 'True when maxStepHours was given.' }),
    smallestFeasibleStepHours: t.exposeInt('smallestFeasibleStepHours', {
      description:
        'The smallest step limit under which some chain exists (its largest move is as small as can be); at most directMoveHours.',
    }),
    directMoveHours: t.exposeInt('directMoveHours', {
      description: 'hours(from, to): the single move straight to the target.',
    }),
    cheapestFirstMove: t.field({
      type: CareerMoveRef,
      nullable: true,
      description: 'The cheapest move out of `from` to any other role (ties by key); null when it is the only role.',
      resolve: (s) => s.cheapestFirstMove,
    }),
    reason: t.string({
      description: 'One sentence on what was found, or why nothing was (role keys).',
      resolve: (s) => explainCareerPathSearch(s, s.from, s.to),
    }),
  }),
});

const CAREER_PATH_DEFINITION =
  'A move A → B is feasible when the hours of have(B) − have(A) are at most the step limit, have(R) being the ESSENTIAL skills of R with all their transitive prerequisites. The step limit is maxStepHours; without it, the smallest limit under which a chain exists (so two roles always have an answer).';

const careerPathArgs = builder.args((t) => ({
  from: t.string({ required: true, description: 'The role one holds: key, name or alias (any case).' }),
  to: t.string({ required: true, description: 'The role one aims for: key, name or alias (any case).' }),
  maxStepHours: t.int({
    description: 'The largest move allowed, in hours. Default: the smallest under which a chain exists.',
  }),
}));

builder.queryFields((t) => ({
  careerPath: t.field({
    type: CareerPathRef,
    nullable: true,
    description: `The chain of feasible role changes from one role to another with the fewest total learning hours (ties: fewer moves, then role keys). ${CAREER_PATH_DEFINITION} null when no chain exists within maxStepHours; careerPathSearch says why.`,
    args: careerPathArgs,
    complexity: 200,
    resolve: (_root, args, context) => planCareerPath(context, args),
  }),
  careerPathSearch: t.field({
    type: CareerPathSearchRef,
    description: `careerPath with its explanation: the chain (or null), the step limit used, the smallest step limit under which a chain exists, the direct move and the cheapest first move. ${CAREER_PATH_DEFINITION}`,
    args: careerPathArgs,
    complexity: 200,
    resolve: (_root, args, context) => searchCareerPathBetween(context, args),
  }),
}));
