import type { EntityRecord } from '../domain/career-graph.js';
import { type EntityListRequest, listEntityPage } from '../domain/entity-list.js';
import type { Context } from './context.js';
import { type Connection, type ConnectionArgs, pageWindow, toConnection } from './pagination.js';

export interface EntityListArgs extends ConnectionArgs {
  orderBy?: EntityListRequest['orderBy'];
}

/** The `roles`, `skills` and `tools` connections: one page of the domain's list, as a Relay connection. */
export async function resolveEntityList(
  context: Context,
  { orderBy, ...args }: EntityListArgs,
  request: Omit<EntityListRequest, 'orderBy'>,
): Promise<Connection<{ node: EntityRecord }>> {
  const window = pageWindow(args, context.maxPageSize);
  const { totalCount, entities } = await listEntityPage(context, { ...request, orderBy }, window);
  return toConnection(
    window,
    totalCount,
    entities.map((node) => ({ node })),
  );
}
