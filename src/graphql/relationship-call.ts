import {
  RELATIONSHIP_FIELDS,
  type RelationshipField,
  type RelationshipFilter,
} from '../queries/relationship-queries.js';
import type { ConnectionArgs } from './pagination.js';

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
