/** The three kinds of node in the career graph, as Neo4j labels and GraphQL type names. */
export type EntityLabel = 'Role' | 'Skill' | 'Tool';

export const ENTITY_LABELS: readonly EntityLabel[] = ['Role', 'Skill', 'Tool'];

/**
 * The relationships of the career graph, as Neo4j relationship types. SAME_AS links a curated node to the
 * same thing in an imported taxonomy (the crosswalk).
 */
export type RelationType = 'REQUIRES' | 'USES' | 'SUPPORTS' | 'PREREQUISITE_OF' | 'RELATED_TO' | 'SAME_AS';

export const RELATION_TYPES: readonly RelationType[] = [
  'REQUIRES',
  'USES',
  'SUPPORTS',
  'PREREQUISITE_OF',
  'RELATED_TO',
  'SAME_AS',
];

/** Where a node or relationship comes from: the curated seed, an imported taxonomy, or the crosswalk. */
export type DataSourceName = 'seed' | 'esco' | 'onet' | 'crosswalk';

/**
 * The source ids that look-ups accept like keys: ESCO concept URIs and O*NET-SOC codes. O*NET technology
 * names are source ids too, but they are names: they resolve as names, after the curated entries'.
 */
export const LOOKUP_SOURCE_ID = /^(http:\/\/data\.europa\.eu\/esco\/\S+|\d{2}-\d{4}\.\d{2})$/;

/** A Role, Skill or Tool. */
export interface EntityRecord {
  label: EntityLabel;
  key: string;
  name: string;
  aliases: string[];
  description: string;
  /** Absent on records built by hand: the curated seed. */
  source?: DataSourceName;
  /** The source's own id: an ESCO concept URI, an O*NET-SOC code, an O*NET technology name. */
  sourceId?: string;
  category?: string;
  learningHours?: number;
  /** learningHours is a documented estimate, not a figure from the source. */
  learningHoursEstimated?: boolean;
  reuseLevel?: string;
  kind?: string;
  hotTechnology?: boolean;
  inDemand?: boolean;
  /** When a write through the API last changed it or its relationships (ISO 8601); absent if none ever did. */
  updatedAt?: string;
}
