import type { GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { type FieldsByTypeName, parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { EntityProperty } from '../queries/entity-record.js';
import type { NestedPagePlan, PagePlan } from '../queries/relationship-queries.js';
import { pageWindow } from './pagination.js';
import { type RelationshipArgs, relationshipCall } from './relationship-call.js';

/** The stored properties each field of a role, skill or tool reads; the relationship fields read the key. */
const PROPERTIES_OF_FIELD: Record<string, readonly EntityProperty[]> = {
  __typename: [],
  key: ['key'],
  id: ['key'],
  name: ['name'],
  aliases: ['aliases'],
  description: ['description'],
  source: ['source'],
  sourceId: ['sourceId'],
  category: ['category'],
  learningHours: ['learningHours'],
  learningHoursEstimated: ['learningHoursEstimated'],
  reuseLevel: ['reuseLevel'],
  kind: ['kind'],
  hotTechnology: ['hotTechnology'],
  inDemand: ['inDemand'],
  updatedAt: ['updatedAt'],
  sameAs: ['key'],
};

const plans = new WeakMap<object, WeakMap<object, PagePlan>>();

/**
 * What to fetch of the nodes of the connection field being resolved (look-ahead over its selection):
 * only the properties it selects, and the pages of the relationship fields it selects, each with its own
 * plan, so that a nested selection is one statement. The same for every parent at one place in a query:
 * kept per field nodes and variables. All the field nodes, not the first: a fragment's field node is the
 * same object wherever the fragment is spread, merged there with other selections of the field or not;
 * the executor gives every parent at one place the same array of them.
 */
export function pagePlanOf(info: GraphQLResolveInfo, maxPageSize: number): PagePlan {
  const fieldNodes = info.fieldNodes as object;
  let byVariables = plans.get(fieldNodes);
  if (!byVariables) {
    byVariables = new WeakMap();
    plans.set(fieldNodes, byVariables);
  }
  let plan = byVariables.get(info.variableValues);
  if (!plan) {
    const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
    plan = tree
      ? planOf(nodeTrees(tree.fieldsByTypeName), info.schema, maxPageSize)
      : { properties: 'all', nested: [] };
    byVariables.set(info.variableValues, plan);
  }
  return plan;
}

/**
 * What the query reads of the nodes found at these paths under the field being resolved (for a path:
 * `nodes` and `steps.from`), as `planOf` counts properties: 'all' when it reads more than it knows.
 */
export function propertiesSelectedAt(
  info: GraphQLResolveInfo,
  paths: readonly (readonly string[])[],
  maxPageSize: number,
): PagePlan['properties'] {
  const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
  if (!tree) return 'all';
  const at = (trees: ResolveTree[], path: readonly string[]): ResolveTree[] =>
    path.length === 0
      ? trees
      : at(
          trees.flatMap((t) =>
            Object.values(t.fieldsByTypeName).flatMap((fields) =>
              Object.values(fields).filter((f) => f.name === path[0]),
            ),
          ),
          path.slice(1),
        );
  return planOf(
    paths.flatMap((path) => at([tree], path)),
    info.schema,
    maxPageSize,
  ).properties;
}

/** The selections of a connection's `edges { node }`. */
function nodeTrees(connection: FieldsByTypeName): ResolveTree[] {
  const edges = Object.values(connection).flatMap((fields) => Object.values(fields).filter((f) => f.name === 'edges'));
  return edges.flatMap((edge) =>
    Object.values(edge.fieldsByTypeName).flatMap((fields) => Object.values(fields).filter((f) => f.name === 'node')),
  );
}

function planOf(nodes: ResolveTree[], schema: GraphQLSchema, maxPageSize: number): PagePlan {
  const properties = new Set<EntityProperty>();
  let everything = false;
  const nested = new Map<string, NestedPagePlan>();
  for (const node of nodes) {
    for (const [typeName, fields] of Object.entries(node.fieldsByTypeName)) {
      for (const field of Object.values(fields)) {
        const read = PROPERTIES_OF_FIELD[field.name];
        if (read) {
          for (const property of read) properties.add(property);
          continue;
        }
        const child = nestedPage(typeName, field, schema, maxPageSize);
        if (child) {
          properties.add('key');
          nested.set(JSON.stringify([child.field, child.request, child.plan]), child);
        } else {
          everything = true;
        }
      }
    }
  }
  return {
    properties: everything ? 'all' : [...properties].sort(),
    nested: [...nested.values()],
  };
}

/**
 * The nested page a relationship field of the node asks for; undefined for any other field, and for one
 * whose arguments are refused: its own resolver then reports that, at its own path.
 */
function nestedPage(
  typeName: string,
  field: ResolveTree,
  schema: GraphQLSchema,
  maxPageSize: number,
): NestedPagePlan | undefined {
  if (!schema.getType(typeName)) return undefined;
  const call = relationshipCall(typeName, field.name, field.args as RelationshipArgs);
  if (!call) return undefined;
  try {
    const window = pageWindow(call.page, maxPageSize);
    return {
      field: call.field,
      request: { filter: call.filter, ...window },
      plan: planOf(nodeTrees(field.fieldsByTypeName), schema, maxPageSize),
    };
  } catch {
    return undefined;
  }
}
