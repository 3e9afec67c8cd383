import type { GraphQLResolveInfo } from 'graphql';
import { type FieldsByTypeName, parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import { ENTITY_PROPERTIES, type EntityProperty } from '../queries/entity-record.js';
import type { NestedPagePlan, PagePlan } from '../queries/relationship-queries.js';
import { pageRequestOf, type RelationshipArgs, relationshipCall } from './relationship-call.js';

/**
 * The stored properties each field of a role, skill or tool reads: its own for a field named as one, the
 * key for the id and the relationship fields.
 */
const PROPERTIES_OF_FIELD: Record<string, readonly EntityProperty[]> = {
  ...Object.fromEntries(ENTITY_PROPERTIES.map((property) => [property, [property]])),
  __typename: [],
  id: ['key'],
  sameAs: ['key'],
};

/**
 * What `make` gives for the field being resolved, made once per place in the query and kept for every
 * parent there: per field nodes and variables. All the field nodes, not the first: a fragment's field node
 * is the same object wherever the fragment is spread, merged there with other selections of the field or
 * not; the executor gives every parent at one place the same array of them.
 */
export function perPlace<T>(cache: WeakMap<object, WeakMap<object, T>>, info: GraphQLResolveInfo, make: () => T): T {
  let byVariables = cache.get(info.fieldNodes);
  if (!byVariables) {
    byVariables = new WeakMap();
    cache.set(info.fieldNodes, byVariables);
  }
  let value = byVariables.get(info.variableValues);
  if (value === undefined) {
    value = make();
    byVariables.set(info.variableValues, value);
  }
  return value;
}

const plans = new WeakMap<object, WeakMap<object, PagePlan>>();

/**
 * What to fetch of the nodes of the connection field being resolved (look-ahead over its selection):
 * only the properties it selects, and the pages of the relationship fields it selects, each with its own
 * plan, so that a nested selection is one statement. Made once per place in the query (`perPlace`).
 */
export function pagePlanOf(info: GraphQLResolveInfo, maxPageSize: number): PagePlan {
  return perPlace(plans, info, () => {
    const tree = parseResolveInfo(info) as ResolveTree | null | undefined;
    return tree ? planOf(nodeTrees(tree.fieldsByTypeName), maxPageSize) : { properties: 'all', nested: [] };
  });
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

function planOf(nodes: ResolveTree[], maxPageSize: number): PagePlan {
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
        const child = nestedPage(typeName, field, maxPageSize);
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
function nestedPage(typeName: string, field: ResolveTree, maxPageSize: number): NestedPagePlan | undefined {
  const call = relationshipCall(typeName, field.name, field.args as RelationshipArgs);
  if (!call) return undefined;
  try {
    const { request } = pageRequestOf(call, maxPageSize);
    return { field: call.field, request, plan: planOf(nodeTrees(field.fieldsByTypeName), maxPageSize) };
  } catch {
    return undefined;
  }
}
