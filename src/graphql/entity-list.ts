import type { GraphQLResolveInfo } from 'graphql';
import type { EntityRecord } from '../domain/career-graph.js';
import { type EntityListRequest, listEntityPage } from '../domain/entity-list.js';
import type { Context } from './context.js';
import { pagePlanOf } from './page-plan.js';
import { type Connection, type ConnectionArgs, pageWindow, toConnection } from './pagination.js';

export interface EntityListArgs extends ConnectionArgs {
  orderBy?: EntityListRequest['orderBy'];
}

/**
 * The `roles`, `skills` and `tools` connections: one page of the domain's list, as a Relay connection,
 * fetched with what the query selects of its nodes (their nested pages included, see `pagePlanOf`).
 */
export function resolveEntityList(
  context: Context,
  info: GraphQLResolveInfo,
  { orderBy, ...args }: EntityListArgs,
  request: Omit<EntityListRequest, 'orderBy'>,
): Promise<Connection<{ node: EntityRecord }>> {
  // Bad arguments throw before anything is awaited: which errors an answer reports must not depend on how
  // fast its other fields happen to load.
  const window = pageWindow(args, context.maxPageSize);
  const plan = pagePlanOf(info, context.maxPageSize);
  return listEntityPage(context, { ...request, orderBy }, window, plan).then((page) => {
    context.loaders.primePage(page, plan);
    return toConnection(window, page.totalCount, page.edges);
  });
}
