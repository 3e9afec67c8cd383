import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRecord } from '../domain/career-graph.js';
import type { PagePlan, RelationshipEdge, RelationshipPageRequest } from '../queries/relationship-queries.js';
import type { Context } from './context.js';
import { pagePlanOf, perPlace } from './page-plan.js';
import { type Connection, type PageWindow, toConnection } from './pagination.js';
import { pageRequestOf, type RelationshipArgs, type RelationshipCall, relationshipCall } from './relationship-call.js';

interface PreparedField {
  call: RelationshipCall;
  window: PageWindow;
  request: RelationshipPageRequest;
  plan: PagePlan;
}

const prepared = new WeakMap<object, WeakMap<object, PreparedField>>();

/** The call, page and plan of the field being resolved: the same for every parent at one place (`perPlace`). */
function prepare(args: RelationshipArgs, context: Context, info: GraphQLResolveInfo): PreparedField {
  return perPlace(prepared, info, () => {
    const call = relationshipCall(info.parentType.name, info.fieldName, args);
    if (!call) throw new Error(`${info.parentType.name}.${info.fieldName} is not a relationship field`);
    // Refused arguments throw here, for every parent, and are never kept.
    return { call, ...pageRequestOf(call, context.maxPageSize), plan: pagePlanOf(info, context.maxPageSize) };
  });
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
