/** The three kinds of node in the career graph, as Neo4j labels and GraphQL type names. */
export type EntityLabel = 'Role' | 'Skill' | 'Tool';

export const ENTITY_LABELS: readonly EntityLabel[] = ['Role', 'Skill', 'Tool'];

/** The relationships of the career graph, as Neo4j relationship types. */
export type RelationType = 'REQUIRES' | 'USES' | 'SUPPORTS' | 'PREREQUISITE_OF' | 'RELATED_TO';

export const RELATION_TYPES: readonly RelationType[] = [
  'REQUIRES',
  'USES',
  'SUPPORTS',
  'PREREQUISITE_OF',
  'RELATED_TO',
];

/** A Role, Skill or Tool. */
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
