import { findCareerPath } from '../../analysis/career-path.js';
import type { GraphPath, PathStep } from '../../analysis/graph-path.js';
import { ENTITY_LABELS, type EntityRecord, RELATION_TYPES, type RelationType } from '../../domain/career-graph.js';
import { BadUserInputError, LimitExceededError } from '../../errors.js';
import { findShortestPaths } from '../../queries/path-queries.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { loadEntities, loadEntity } from '../load-entities.js';
import { resolveReference } from '../references.js';
import { EntityKindEnum, EntityRef } from './entity.js';
import { RoleRef, SkillRef } from './refs.js';

export const MAX_HOPS = 12;
export const MAX_PATHS = 20;

export const RelationKindEnum = builder.enumType('RelationKind', {
  description: 'The relationships of the career graph; paths may walk each in either direction.',
  values: Object.fromEntries(RELATION_TYPES.map((type) => [type, { value: type }])) as Record<
    RelationType,
    { value: RelationType }
  >,
});

const PathStepRef = builder.objectRef<PathStep & { nodes: Map<string, EntityRecord> }>('PathStep').implement({
  description: 'One relationship of a path, walked from `from` to `to` (whatever its stored direction).',
  fields: (t) => ({
    from: t.field({ type: EntityRef, resolve: (step) => step.nodes.get(step.from) as EntityRecord }),
    relation: t.field({ type: RelationKindEnum, resolve: (step) => step.relation }),
    to: t.field({ type: EntityRef, resolve: (step) => step.nodes.get(step.to) as EntityRecord }),
    importance: t.string({
      nullable: true,
      description: 'For REQUIRES: ESSENTIAL or OPTIONAL.',
      resolve: (step) => step.importance ?? null,
    }),
    level: t.int({
      nullable: true,
      description: 'For REQUIRES: the level 1–5.',
      resolve: (step) => step.level ?? null,
    }),
  }),
});

const PathRef = builder.objectRef<GraphPath>('Path').implement({
  description: 'A simple path through the career graph.',
  fields: (t) => ({
    length: t.int({ description: 'The number of relationships.', resolve: (path) => path.steps.length }),
    nodes: t.field({ type: [EntityRef], resolve: (path) => path.nodes }),
    steps: t.field({
      type: [PathStepRef],
      resolve: (path) => {
        const nodes = new Map(path.nodes.map((node) => [node.key, node]));
        return path.steps.map((step) => ({ ...step, nodes }));
      },
    }),
  }),
});

/** Costs never go below zero or past the limits, whatever the arguments (they are refused later). */
function hopsForCost(maxHops: number | null | undefined): number {
  return Math.min(Math.max(maxHops ?? 8, 1), MAX_HOPS);
}

interface PathArgs {
  from: string;
  to: string;
  maxHops?: number | null;
  via?: EntityRecord['label'][] | null;
  relations?: RelationType[] | null;
  avoid?: string[] | null;
}

async function findPaths(context: Context, args: PathArgs, k: number): Promise<GraphPath[]> {
  const maxHops = args.maxHops ?? 8;
  if (maxHops < 1) throw new BadUserInputError('Argument "maxHops" must be at least 1.', 'maxHops');
  if (maxHops > MAX_HOPS) {
    throw new LimitExceededError('hops', `Argument "maxHops" is ${maxHops}; the limit is ${MAX_HOPS} hops.`, {
      max: MAX_HOPS,
      actual: maxHops,
    });
  }
  const [from, to, ...avoid] = await Promise.all([
    resolveReference(context, { text: args.from, labels: ENTITY_LABELS, argument: 'from' }),
    resolveReference(context, { text: args.to, labels: ENTITY_LABELS, argument: 'to' }),
    ...(args.avoid ?? []).map((text, i) =>
      resolveReference(context, { text, labels: ENTITY_LABELS, argument: `avoid[${i}]` }),
    ),
  ]);
  if (from.key === to.key) return [{ nodes: [from], steps: [] }];
  return findShortestPaths(
    context.database,
    from.key,
    to.key,
    {
      relations: args.relations?.length ? args.relations : RELATION_TYPES,
      via: args.via?.length ? args.via : ENTITY_LABELS,
      avoid: avoid.map((entity) => entity.key).filter((key) => key !== from.key && key !== to.key),
    },
    k,
    maxHops,
  );
}

builder.queryFields((t) => {
  const args = {
    from: t.arg.string({ required: true, description: 'A key, or a name or alias (any case).' }),
    to: t.arg.string({ required: true, description: 'A key, or a name or alias (any case).' }),
    maxHops: t.arg.int({ defaultValue: 8, description: `Longest path considered, at most ${MAX_HOPS}.` }),
    via: t.arg({ type: [EntityKindEnum], required: false, description: 'Kinds of node the path may pass through.' }),
    relations: t.arg({ type: [RelationKindEnum], required: false, description: 'Relationships the path may walk.' }),
    avoid: t.arg.stringList({ required: false, description: 'Nodes the path must not pass through.' }),
  };
  return {
    shortestPath: t.field({
      type: PathRef,
      nullable: true,
      description:
        'The shortest path between two nodes, every relationship walkable both ways; null when none exists within maxHops. Of equally short paths, the first by node keys.',
      args,
      complexity: (a) => ({ field: 10 * hopsForCost(a.maxHops) }),
      resolve: async (_root, a, context) => (await findPaths(context, a, 1))[0] ?? null,
    }),
    shortestPaths: t.field({
      type: [PathRef],
      description:
        'The k shortest simple paths (no node twice), shortest first; fewer only when fewer exist within maxHops.',
      args: { ...args, k: t.arg.int({ defaultValue: 3, description: `How many paths, at most ${MAX_PATHS}.` }) },
      complexity: (a) => ({ field: 10 * hopsForCost(a.maxHops) * Math.min(Math.max(a.k ?? 3, 1), MAX_PATHS) }),
      resolve: (_root, { k: requested, ...a }, context) => {
        const k = requested ?? 3;
        if (k < 1) throw new BadUserInputError('Argument "k" must be at least 1.', 'k');
        if (k > MAX_PATHS) {
          throw new LimitExceededError('paths', `Argument "k" is ${k}; the limit is ${MAX_PATHS} paths.`, {
            max: MAX_PATHS,
            actual: k,
          });
        }
        return findPaths(context, a, k);
      },
    }),
  };
});

interface CareerStepShape {
  from: string;
  to: string;
  hours: number;
  learn: string[];
}

const CareerStepRef = builder.objectRef<CareerStepShape>('CareerStep').implement({
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

const CareerPathRef = builder.objectRef<{ totalHours: number; steps: CareerStepShape[] }>('CareerPath').implement({
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
      maxStepHours: t.arg.int({ defaultValue: 300 }),
    },
    complexity: 200,
    resolve: async (_root, { from, to, maxStepHours }, context) => {
      const limit = maxStepHours ?? 300;
      if (limit < 0) throw new BadUserInputError('Argument "maxStepHours" must not be negative.', 'maxStepHours');
      const [fromRole, toRole] = await Promise.all([
        resolveReference(context, { text: from, labels: ['Role'], argument: 'from' }),
        resolveReference(context, { text: to, labels: ['Role'], argument: 'to' }),
      ]);
      return findCareerPath(await context.loaders.careerIndex(), fromRole.key, toRole.key, limit);
    },
  }),
);
