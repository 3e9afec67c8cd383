import { type EntityOrderField, listEntities, type RelatedFilterPattern } from '../queries/entity-queries.js';
import { type PagePlan, type RelationshipPage, WHOLE_NODES } from '../queries/relationship-queries.js';
import type { EntityLabel } from './career-graph.js';
import { resolveOptionalReference } from './references.js';
import type { RequestScope } from './request-scope.js';

/** A list filter that names another node: resolved first, then applied as a relationship pattern. */
export interface RelatedFilter {
  text: string | null | undefined;
  label: EntityLabel;
  argument: string;
  pattern: RelatedFilterPattern;
  importance?: string | null;
}

export interface EntityListRequest {
  label: EntityLabel;
  text?: string | null;
  category?: string | null;
  kind?: string | null;
  related: RelatedFilter[];
  orderBy?: { field?: EntityOrderField | null; direction?: 'ASC' | 'DESC' | null } | null;
}

/**
 * One page of the roles, skills or tools a request asks for: the names its filters give are resolved
 * (NOT_FOUND and AMBIGUOUS_REFERENCE as for any reference), then the page is listed, by name unless asked
 * otherwise, with the count of all that match.
 */
export async function listEntityPage(
  scope: RequestScope,
  request: EntityListRequest,
  window: { offset: number; limit: number },
  plan?: PagePlan,
): Promise<RelationshipPage> {
  const related = await Promise.all(
    request.related.map(async (filter) => {
      const other = await resolveOptionalReference(scope, {
        text: filter.text,
        labels: [filter.label],
        argument: filter.argument,
      });
      return other && { pattern: filter.pattern, key: other.key, importance: filter.importance };
    }),
  );
  const query = {
    label: request.label,
    text: request.text,
    category: request.category,
    kind: request.kind,
    related: related.filter((filter) => filter !== null),
    orderBy: { field: request.orderBy?.field ?? 'NAME', direction: request.orderBy?.direction ?? 'ASC' },
    ...window,
  } as const;
  const graph = await scope.loaders.snapshot();
  return graph ? graph.listPage(query, plan ?? WHOLE_NODES) : listEntities(scope.database, query, plan);
}
