/** The three kinds of node in the career graph, as Neo4j labels and GraphQL type names. */
export type EntityLabel = 'Role' | 'Skill' | 'Tool';

export const ENTITY_LABELS: readonly EntityLabel[] = ['Role', 'Skill', 'Tool'];

/** A Role, Skill or Tool as read from Neo4j. */
export interface EntityRecord {
  label: EntityLabel;
  key: string;
  name: string;
  aliases: string[];
  description: string;
  category?: string;
  learningHours?: number;
  kind?: string;
}

/**
 * Cypher projection of node `n` into an EntityRecord; `n` must be a Role, Skill or Tool.
 * Use as `RETURN ${entityProjection('n')} AS entity`.
 */
export function entityProjection(variable: string): string {
  return `${variable} {
    .key, .name, .aliases, .description, .category, .learningHours, .kind,
    label: [l IN labels(${variable}) WHERE l IN ['Role', 'Skill', 'Tool']][0]
  }`;
}

export function toEntityRecord(value: Record<string, unknown>): EntityRecord {
  const record = value as unknown as EntityRecord & Record<string, unknown>;
  return {
    label: record.label,
    key: record.key,
    name: record.name,
    aliases: record.aliases ?? [],
    description: record.description ?? '',
    ...(record.category != null && { category: record.category }),
    ...(record.learningHours != null && { learningHours: record.learningHours }),
    ...(record.kind != null && { kind: record.kind }),
  };
}
