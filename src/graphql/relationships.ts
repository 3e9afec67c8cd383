import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRecord } from '../domain/career-graph.js';
import type { PagePlan, RelationshipEdge, RelationshipPageRequest } from '../queries/relationship-queries.js';
import type { Context } from './context.js';
import { pagePlanOf } from './page-plan.js';
import { type Connection, type PageWindow, pageWindow, toConnection } from './pagination.js';
import { type RelationshipArgs, type RelationshipCall, relationshipCall } from './relationship-call.js';

interface PreparedField {
  call: RelationshipCall;
  window: PageWindow;
  request: RelationshipPageRequest;
  plan: PagePlan;
}

/**
 * The same for every parent at one place in a query (the arguments come from it and the variables): kept
 * per field nodes (see `pagePlanOf`: a shared fragment's first field node is not a place) and variables.
 */
const prepared = new WeakMap<object, WeakMap<object, PreparedField>>();

function prepare(args: RelationshipArgs, context: Context, info: GraphQLResolveInfo): PreparedField {
  let byVariables = prepared.get(info.fieldNodes);
  if (!byVariables) {
    byVariables = new WeakMap();
    prepared.set(info.fieldNodes, byVariables);
  }
  let field = byVariables.get(info.variableValues);
  if (!field) {
    const call = relationshipCall(info.parentType.name, info.fieldName, args);
    if (!call) throw new Error(`${info.parentType.name}.${info.fieldName} is not a relationship field`);
    // Refused arguments throw here, for every parent, and are never kept.
    const window = pageWindow(call.page, context.maxPageSize);
    field = { call, window, request: { filter: call.filter, ...window }, plan: pagePlanOf(info, context.maxPageSize) };
    byVariables.set(info.variableValues, field);
  }
  return field;
}

/**
 * The resolver of every relationship field: a page of it for one parent, batched with the same field of
 * every other parent, and fetched with what the query selects of its nodes (their nested pages included).
 * A page that came nested in its parent's is answered at once.
 */
export function resolveRelationship(
  parent: EntityRecord,
  args: RelationshipArgs,
  context: Context,
  info: GraphQLResolveInfo,
): Connection<RelationshipEdge> | Promise<Connection<RelationshipEdge>> {
  const { call, window, request, plan } = prepare(args, context, info);
  const primed = context.loaders.primedPage(call.field, request, plan, parent.key);
  if (primed) return toConnection(window, primed.totalCount, primed.edges);
  return context.loaders
    .relationshipPage(call.field, request, plan)
    .load(parent.key)
    .then((page) => toConnection(window, page.totalCount, page.edges));
}
