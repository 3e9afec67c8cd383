import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRecord } from '../domain/career-graph.js';
import type { RelationshipEdge } from '../queries/relationship-queries.js';
import type { Context } from './context.js';
import { pagePlanOf } from './page-plan.js';
import { type Connection, pageWindow, toConnection } from './pagination.js';
import { type RelationshipArgs, relationshipCall } from './relationship-call.js';

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
  const call = relationshipCall(info.parentType.name, info.fieldName, args);
  if (!call) throw new Error(`${info.parentType.name}.${info.fieldName} is not a relationship field`);
  const window = pageWindow(call.page, context.maxPageSize);
  const request = { filter: call.filter, ...window };
  const plan = pagePlanOf(info, context.maxPageSize);
  const primed = context.loaders.primedPage(call.field, request, plan, parent.key);
  if (primed) return toConnection(window, primed.totalCount, primed.edges);
  return context.loaders
    .relationshipPage(call.field, request, plan)
    .load(parent.key)
    .then((page) => toConnection(window, page.totalCount, page.edges));
}
