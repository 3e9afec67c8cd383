import { cypherInteger, type Database } from '../database/database.js';
import type { EntityLabel, EntityRecord } from '../domain/career-graph.js';
import { type EntityProperty, entityTuple, fromEntityTuple, tupleProperties } from './entity-record.js';

/**
 * The relationship fields of the schema. `parent` is the node whose field it is, `node` the node at the
 * other end, `r` the relationship whose properties the edge carries. `orderBy` fixes a deterministic order.
 */
export const RELATIONSHIP_FIELDS = {
  'Role.skills': {
    pattern: '(parent:Role)-[r:REQUIRES]->(node:Skill)',
    orderBy: "CASE r.importance WHEN 'ESSENTIAL' THEN 0 ELSE 1 END, r.level DESC, toLower(node.name), node.key",
  },
  'Role.tools': { pattern: '(parent:Role)-[r:USES]->(node:Tool)', orderBy: 'toLower(node.name), node.key' },
  'Skill.roles': {
    pattern: '(parent:Skill)<-[r:REQUIRES]-(node:Role)',
    orderBy: "CASE r.importance WHEN 'ESSENTIAL' THEN 0 ELSE 1 END, r.level DESC, toLower(node.name), node.key",
  },
  'Skill.tools': { pattern: '(parent:Skill)<-[r:SUPPORTS]-(node:Tool)', orderBy: 'toLower(node.name), node.key' },
  'Skill.prerequisites': {
    pattern: '(parent:Skill)<-[r:PREREQUISITE_OF]-(node:Skill)',
    orderBy: 'toLower(node.name), node.key',
  },
  'Skill.unlocks': {
    pattern: '(parent:Skill)-[r:PREREQUISITE_OF]->(node:Skill)',
    orderBy: 'toLower(node.name), node.key',
  },
  'Skill.related': { pattern: '(parent:Skill)-[r:RELATED_TO]-(node:Skill)', orderBy: 'toLower(node.name), node.key' },
  'Tool.skills': { pattern: '(parent:Tool)-[r:SUPPORTS]->(node:Skill)', orderBy: 'toLower(node.name), node.key' },
  'Tool.roles': { pattern: '(parent:Tool)<-[r:USES]-(node:Role)', orderBy: 'toLower(node.name), node.key' },
  'Role.relatedRoles': {
    pattern: '(parent:Role)-[r:RELATED_TO]->(node:Role)',
    orderBy: 'r.relatednessIndex, toLower(node.name), node.key',
  },
} as const;

export type RelationshipField = keyof typeof RELATIONSHIP_FIELDS | 'Skill.prerequisites.transitive';

const NODE_LABELS = new Map<RelationshipField, EntityLabel>([
  ...Object.entries(RELATIONSHIP_FIELDS).map(
    ([field, { pattern }]) => [field, /\(node:(\w+)\)/.exec(pattern)?.[1]] as [RelationshipField, EntityLabel],
  ),
  ['Skill.prerequisites.transitive', 'Skill'],
]);

/** The label of the nodes a relationship field leads to. */
export function nodeLabelOf(field: RelationshipField): EntityLabel {
  return NODE_LABELS.get(field) as EntityLabel;
}

export interface RelationshipFilter {
  importance?: string | null;
  minLevel?: number | null;
}

/** Which page of a relationship field: the same for every parent it is asked of. */
export interface RelationshipPageRequest {
  filter: RelationshipFilter;
  offset: number;
  limit: number;
}

/**
 * What to fetch of each node of a page, as far as the query's selection is known: the properties it
 * reads ('all' when it reads something else too), and the pages of its own relationship fields, fetched
 * in the same statement.
 */
export interface PagePlan {
  properties: readonly EntityProperty[] | 'all';
  nested: readonly NestedPagePlan[];
}

export interface NestedPagePlan {
  field: RelationshipField;
  request: RelationshipPageRequest;
  plan: PagePlan;
}

/** Whole nodes, nothing nested: what a page is when nothing is known of the selection. */
export const WHOLE_NODES: PagePlan = { properties: 'all', nested: [] };

export interface RelationshipEdge {
  node: EntityRecord;
  importance?: string;
  level?: number;
  levelEstimated?: boolean;
  relatednessTier?: string;
  /** Hops from the parent, for transitive prerequisites (1 = direct). */
  distance?: number;
  /** The node's pages of the plan's nested fields, in the plan's order. */
  nested?: RelationshipPage[];
}

export interface RelationshipPage {
  totalCount: number;
  edges: RelationshipEdge[];
}

/**
 * One page of a relationship field for each parent key, in the order of the keys, in one round trip:
 * the batch function behind the relationship DataLoaders. The plan's nested pages come in the same
 * statement, each node's under `nested`.
 */
export async function loadRelationshipPages(
  database: Database,
  field: RelationshipField,
  parentKeys: readonly string[],
  request: RelationshipPageRequest,
  plan: PagePlan = WHOLE_NODES,
): Promise<RelationshipPage[]> {
  const parameters: Record<string, unknown> = { keys: [...new Set(parentKeys)] };
  const page = pageSubquery(field, request, plan, parameters, 'p');
  const result = await database.readQuery(
    `UNWIND $keys AS key
     MATCH (parent:Entity {key: key})
     CALL (parent) {
       ${page}
     }
     RETURN key, totalCount, page`,
    parameters,
  );
  const rows = new Map(
    result.records.map((record) => [
      record.get('key') as string,
      toPage(record.get('totalCount') as number, record.get('page') as EdgeTuple[], plan, nodeLabelOf(field)),
    ]),
  );
  return parentKeys.map((key) => rows.get(key) ?? { totalCount: 0, edges: [] });
}

/**
 * Cypher that, with `parent` bound, returns `totalCount` and `page`: the page's edges as maps, each with
 * its node's nested pages under `nested`. Values go into `parameters` under names starting with `prefix`.
 */
function pageSubquery(
  field: RelationshipField,
  { filter, offset, limit }: RelationshipPageRequest,
  plan: PagePlan,
  parameters: Record<string, unknown>,
  prefix: string,
): string {
  parameters[`${prefix}importance`] = filter.importance ?? null;
  parameters[`${prefix}minLevel`] = filter.minLevel ?? null;
  parameters[`${prefix}offset`] = cypherInteger(offset);
  parameters[`${prefix}limit`] = cypherInteger(limit);
  const match =
    field === 'Skill.prerequisites.transitive'
      ? // DISTINCT end nodes let the planner prune the expansion (no path enumeration); then one
        // bidirectional shortest-path search per prerequisite gives its distance.
        `MATCH (parent)<-[:PREREQUISITE_OF*1..]-(node:Skill)
         WITH DISTINCT parent, node
         MATCH path = shortestPath((parent)<-[:PREREQUISITE_OF*1..]-(node))
         WITH node, length(path) AS distance, null AS r
         ORDER BY distance, toLower(node.name), node.key`
      : `MATCH ${RELATIONSHIP_FIELDS[field].pattern}
         WHERE ($${prefix}importance IS NULL OR r.importance = $${prefix}importance)
           AND ($${prefix}minLevel IS NULL OR r.level >= $${prefix}minLevel)
         WITH node, r, null AS distance
         ORDER BY ${RELATIONSHIP_FIELDS[field].orderBy}`;
  return `${match}
    WITH collect({node: node, r: r, distance: distance}) AS edges
    WITH size(edges) AS totalCount, edges[$${prefix}offset..$${prefix}offset + $${prefix}limit] AS slice
    ${pageOfSlice(plan, parameters, prefix)}
    RETURN totalCount, page`;
}

/**
 * Cypher that, with `slice` bound to a list of `{node, r, distance}` (a relationship's, or a list's with
 * null `r`), binds `page`: each edge as a map with the plan's properties of its node and, under `nested`,
 * the node's pages of the plan's nested fields. Values go into `parameters` under names starting with `prefix`.
 */
export function pageOfSlice(plan: PagePlan, parameters: Record<string, unknown>, prefix: string): string {
  // Each node of the page, in order, with its own pages (its `parent` there).
  const nested = plan.nested.map(
    (child, index) =>
      `CALL (node) {
         WITH node AS parent
         CALL (parent) {
           ${pageSubquery(child.field, child.request, child.plan, parameters, `${prefix}${index}_`)}
         }
         RETURN [totalCount, page] AS nested${index}
       }`,
  );
  const nestedNames = plan.nested.map((_, index) => `nested${index}`);
  return `CALL (slice) {
      UNWIND range(0, size(slice) - 1) AS position
      WITH position, slice[position].node AS node, slice[position].r AS r, slice[position].distance AS distance
      ${nested.join('\n')}
      WITH ${['position', 'node', 'r', 'distance', ...nestedNames].join(', ')} ORDER BY position
      RETURN collect([
        ${entityTuple('node', tuplePropertiesOf(plan))},
        r.importance, r.level, r.levelEstimated, r.relatednessTier, distance, [${nestedNames.join(', ')}]
      ]) AS page
    }`;
}

const propertiesOfPlans = new WeakMap<PagePlan, readonly EntityProperty[]>();
/** `tupleProperties` of a plan, kept: every nested page of a place in a query is read by the same plan. */
function tuplePropertiesOf(plan: PagePlan): readonly EntityProperty[] {
  let properties = propertiesOfPlans.get(plan);
  if (!properties) {
    properties = tupleProperties(plan.properties);
    propertiesOfPlans.set(plan, properties);
  }
  return properties;
}

/** An edge as `pageOfSlice` returns it: the node's tuple, the relationship's properties, the nested pages. */
export type EdgeTuple = [
  node: unknown[],
  importance: string | null,
  level: number | null,
  levelEstimated: boolean | null,
  relatednessTier: string | null,
  distance: number | null,
  nested: [totalCount: number, page: EdgeTuple[]][],
];

/** A page as `pageOfSlice` returns it, read; its nodes have this label. */
export function toPage(totalCount: number, edges: EdgeTuple[], plan: PagePlan, label: EntityLabel): RelationshipPage {
  const properties = tuplePropertiesOf(plan);
  return {
    totalCount,
    edges: edges.map(([node, importance, level, levelEstimated, relatednessTier, distance, nested]) => {
      const edge: RelationshipEdge = { node: fromEntityTuple(node, properties, label) };
      if (importance != null) edge.importance = importance;
      if (level != null) edge.level = level;
      if (levelEstimated === true) edge.levelEstimated = true;
      if (relatednessTier != null) edge.relatednessTier = relatednessTier;
      if (distance != null) edge.distance = distance;
      if (plan.nested.length > 0) {
        edge.nested = nested.map(([count, page], index) => {
          const child = plan.nested[index] as NestedPagePlan;
          return toPage(count, page, child.plan, nodeLabelOf(child.field));
        });
      }
      return edge;
    }),
  };
}
