import type { EntityLabel, EntityRecord } from '../domain/career-graph.js';
import { resolveOptionalReference } from '../domain/references.js';
import { type EntityOrderField, listEntities, type RelatedFilterPattern } from '../queries/entity-queries.js';
import type { Context } from './context.js';
import { type Connection, type ConnectionArgs, pageWindow, toConnection } from './pagination.js';

/** A list filter that names another node: resolved first, then applied as a relationship pattern. */
export interface RelatedFilter {
  text: string | null | undefined;
  label: EntityLabel;
  argument: string;
  pattern: RelatedFilterPattern;
  importance?: string | null;
}

export interface EntityListArgs extends ConnectionArgs {
  orderBy?: { field?: EntityOrderField | null; direction?: 'ASC' | 'DESC' | null } | null;
}

/** The `roles`, `skills` and `tools` connections: filters resolved, one page listed, as a Relay connection. */
export async function resolveEntityList(
  context: Context,
  { orderBy, ...args }: EntityListArgs,
  query: {
    label: EntityLabel;
    text?: string | null;
    category?: string | null;
    kind?: string | null;
    related: RelatedFilter[];
  },
): Promise<Connection<{ node: EntityRecord }>> {
  const window = pageWindow(args, context.maxPageSize);
  const related = await Promise.all(
    query.related.map(async (filter) => {
      const other = await resolveOptionalReference(context, {
        text: filter.text,
        labels: [filter.label],
        argument: filter.argument,
      });
      return other && { pattern: filter.pattern, key: other.key, importance: filter.importance };
    }),
  );
  const { totalCount, entities } = await listEntities(context.database, {
    label: query.label,
    text: query.text,
    category: query.category,
    kind: query.kind,
    related: related.filter((filter) => filter !== null),
    orderBy: { field: orderBy?.field ?? 'NAME', direction: orderBy?.direction ?? 'ASC' },
    ...window,
  });
  return toConnection(
    window,
    totalCount,
    entities.map((node) => ({ node })),
  );
}
