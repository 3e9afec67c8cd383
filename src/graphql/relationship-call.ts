import {
  RELATIONSHIP_FIELDS,
  type RelationshipField,
  type RelationshipFilter,
  type RelationshipPageRequest,
} from '../queries/relationship-queries.js';
import { type ConnectionArgs, type PageWindow, pageWindow } from './pagination.js';

/** The arguments of the relationship fields: a page, and filters on some. */
export interface RelationshipArgs extends ConnectionArgs {
  importance?: string | null;
  minLevel?: number | null;
  transitive?: boolean | null;
}

/** Which relationship, filtered how, and which page of it a relationship field's arguments ask for. */
export interface RelationshipCall {
  field: RelationshipField;
  filter: RelationshipFilter;
  page: ConnectionArgs;
}

/**
 * The relationship behind the GraphQL field `type.field` (Role.skills, Skill.prerequisites, …) with these
 * arguments; undefined for any other field. The one reading of relationship arguments: the fields'
 * resolvers use it, and so does the look-ahead that fetches nested pages before their resolvers run.
 */
export function relationshipCall(
  typeName: string,
  fieldName: string,
  args: RelationshipArgs,
): RelationshipCall | undefined {
  const name = `${typeName}.${fieldName}`;
  if (!Object.hasOwn(RELATIONSHIP_FIELDS, name)) return undefined;
  const { importance, minLevel, transitive, ...page } = args;
  return {
    field:
      name === 'Skill.prerequisites' && transitive === true
        ? 'Skill.prerequisites.transitive'
        : (name as RelationshipField),
    filter: { importance, minLevel },
    page,
  };
}

/** The page a call asks for, as its loader is keyed; refused arguments throw (BAD_USER_INPUT, LIMIT_EXCEEDED). */
export function pageRequestOf(
  call: RelationshipCall,
  maxPageSize: number,
): { window: PageWindow; request: RelationshipPageRequest } {
  const window = pageWindow(call.page, maxPageSize);
  return { window, request: { filter: call.filter, ...window } };
}
