import type { RelationshipEdge, RelationshipField, RelationshipFilter } from '../queries/relationship-queries.js';
import type { Context } from './context.js';
import { type Connection, type ConnectionArgs, pageWindow, toConnection } from './pagination.js';

/** A page of a relationship field of one parent, batched with the same field of every other parent. */
export async function resolveRelationship(
  context: Context,
  field: RelationshipField,
  parentKey: string,
  args: ConnectionArgs,
  filter: RelationshipFilter = {},
): Promise<Connection<RelationshipEdge>> {
  const window = pageWindow(args, context.maxPageSize);
  const page = await context.loaders.relationshipPage(field, { filter, ...window }).load(parentKey);
  return toConnection(window, page.totalCount, page.edges);
}
