import type { GraphQLResolveInfo } from 'graphql';
import type { GraphPath, PathStep, StepDirection } from '../../analysis/graph-path.js';
import { type EntityRecord, RELATION_TYPES, type RelationType } from '../../domain/career-graph.js';
import {
  DEFAULT_MAX_HOPS,
  DEFAULT_PATHS,
  findShortestPath,
  findShortestPaths,
  MAX_HOPS,
  MAX_PATHS,
} from '../../domain/shortest-paths.js';
import { builder } from '../builder.js';
import { propertiesSelectedAt } from '../page-plan.js';
import { EntityKindEnum, EntityRef, ESTIMATED_LEVEL, ImportanceEnum, importanceOf } from './entity.js';

/** Each relationship type as stored: its start and end. */
const RELATION_DESCRIPTIONS: Record<RelationType, string> = {
  REQUIRES: 'Role → Skill: the role requires the skill (importance, level).',
  USES: 'Role → Tool: the role works with the tool.',
  SUPPORTS: 'Tool → Skill: one practises the skill with the tool.',
  PREREQUISITE_OF: 'Skill → Skill: learn the start before the end.',
  RELATED_TO: 'Skill → Skill: closely related, not a prerequisite; Role → Role: related occupations (O*NET).',
  SAME_AS: 'Curated node → imported node: the same thing in another source (the crosswalk).',
};

export const RelationKindEnum = builder.enumType('RelationKind', {
  description: 'The relationships of the career graph; paths may walk each in either direction.',
  values: Object.fromEntries(
    RELATION_TYPES.map((type) => [type, { value: type, description: RELATION_DESCRIPTIONS[type] }]),
  ) as Record<RelationType, { value: RelationType; description: string }>,
});

const StepDirectionEnum = builder.enumType('StepDirection', {
  description: 'Which way a path step walks its relationship, compared with how the relationship is stored.',
  values: {
    FORWARD: {
      value: 'FORWARD' as const,
      description: 'From the stored start to the stored end: "from relation to" reads as stored.',
    },
    BACKWARD: {
      value: 'BACKWARD' as const,
      description: 'Against it: the stored relationship is "to relation from".',
    },
  } satisfies Record<StepDirection, { value: StepDirection; description: string }>,
});

const PathStepRef = builder.objectRef<PathStep & { nodes: Map<string, EntityRecord> }>('PathStep').implement({
  description:
    'One relationship of a path, walked from `from` to `to`; `direction` says whether that is its stored direction.',
  fields: (t) => ({
    from: t.field({
      type: EntityRef,
      description: 'The node the step leaves (the path’s start for the first step).',
      resolve: (step) => step.nodes.get(step.from) as EntityRecord,
    }),
    relation: t.field({
      type: RelationKindEnum,
      description: 'The relationship walked.',
      resolve: (step) => step.relation,
    }),
    to: t.field({
      type: EntityRef,
      description: 'The node the step reaches.',
      resolve: (step) => step.nodes.get(step.to) as EntityRecord,
    }),
    direction: t.field({
      type: StepDirectionEnum,
      description:
        'FORWARD when the relationship is stored from `from` to `to`, BACKWARD when from `to` to `from` ' +
        '(e.g. Skill REQUIRES Role walked BACKWARD: the role requires the skill).',
      resolve: (step) => {
        if (!step.direction) throw new Error(`path step ${step.relationshipId} has no direction`);
        return step.direction;
      },
    }),
    importance: t.field({
      type: ImportanceEnum,
      nullable: true,
      description: 'For REQUIRES: how much the role needs the skill; null for other relations.',
      resolve: (step) => importanceOf(step.importance),
    }),
    level: t.int({
      nullable: true,
      description: 'For REQUIRES: the level 1–5.',
      resolve: (step) => step.level ?? null,
    }),
    levelEstimated: t.boolean({
      description: ESTIMATED_LEVEL,
      resolve: (step) => step.levelEstimated === true,
    }),
  }),
});

const PathRef = builder.objectRef<GraphPath>('Path').implement({
  description: 'A simple path through the career graph.',
  fields: (t) => ({
    length: t.int({ description: 'The number of relationships.', resolve: (path) => path.steps.length }),
    nodes: t.field({
      type: [EntityRef],
      description: 'The nodes in the order walked, from `from` to `to`: one more than the steps.',
      resolve: (path) => path.nodes,
    }),
    steps: t.field({
      type: [PathStepRef],
      description: 'The relationships in the order walked: step i goes from nodes[i] to nodes[i + 1].',
      resolve: (path) => {
        const nodes = new Map(path.nodes.map((node) => [node.key, node]));
        return path.steps.map((step) => ({ ...step, nodes }));
      },
    }),
  }),
});

/** Costs never go below zero or past the limits, whatever the arguments (they are refused later). */
function clamp(value: number | null | undefined, fallback: number, max: number): number {
  return Math.min(Math.max(value ?? fallback, 1), max);
}

/** What the query reads of a path's nodes: its `nodes` and its steps' `from` and `to`. */
function pathNodeProperties(info: GraphQLResolveInfo, maxPageSize: number) {
  return propertiesSelectedAt(info, [['nodes'], ['steps', 'from'], ['steps', 'to']], maxPageSize);
}

builder.queryFields((t) => {
  const args = {
    from: t.arg.string({ required: true, description: 'A key, or a name or alias (any case).' }),
    to: t.arg.string({ required: true, description: 'A key, or a name or alias (any case).' }),
    maxHops: t.arg.int({
      defaultValue: DEFAULT_MAX_HOPS,
      description: `Longest path considered, at most ${MAX_HOPS}.`,
    }),
    via: t.arg({ type: [EntityKindEnum], required: false, description: 'Kinds of node the path may pass through.' }),
    relations: t.arg({ type: [RelationKindEnum], required: false, description: 'Relationships the path may walk.' }),
    avoid: t.arg.stringList({ required: false, description: 'Nodes the path must not pass through.' }),
  };
  const hopsCost = (maxHops: number | null | undefined) => 10 * clamp(maxHops, DEFAULT_MAX_HOPS, MAX_HOPS);
  return {
    shortestPath: t.field({
      type: PathRef,
      nullable: true,
      description:
        'The shortest path between two nodes, every relationship walkable both ways; null when none exists within maxHops. Of equally short paths, the first by node keys.',
      args,
      complexity: (a) => ({ field: hopsCost(a.maxHops) }),
      resolve: (_root, a, context, info) =>
        findShortestPath(context, { ...a, nodeProperties: pathNodeProperties(info, context.maxPageSize) }),
    }),
    shortestPaths: t.field({
      type: [PathRef],
      description:
        'The k shortest simple paths (no node twice), shortest first; fewer only when fewer exist within maxHops.',
      args: {
        ...args,
        k: t.arg.int({ defaultValue: DEFAULT_PATHS, description: `How many paths, at most ${MAX_PATHS}.` }),
      },
      complexity: (a) => ({ field: hopsCost(a.maxHops) * clamp(a.k, DEFAULT_PATHS, MAX_PATHS) }),
      resolve: (_root, { k, ...a }, context, info) =>
        findShortestPaths(
          context,
          { ...a, nodeProperties: pathNodeProperties(info, context.maxPageSize) },
          k ?? DEFAULT_PATHS,
        ),
    }),
  };
});
