/** The type of an exported column, as GraphML names it; lists are written as JSON text in CSV and GraphML. */
export type ColumnType = 'string' | 'int' | 'boolean' | 'list';

export interface Column {
  name: string;
  type: ColumnType;
  description: string;
}

/** The columns of nodes.csv, after `key` and `label`: every property a Role, Skill or Tool can have. */
export const NODE_PROPERTY_COLUMNS: readonly Column[] = [
  { name: 'name', type: 'string', description: 'Display name.' },
  { name: 'aliases', type: 'list', description: 'Other names, as a JSON array of strings.' },
  { name: 'description', type: 'string', description: 'What it is, in a few sentences.' },
  { name: 'source', type: 'string', description: 'seed, esco or onet.' },
  { name: 'sourceId', type: 'string', description: 'The source’s own id (ESCO URI, O*NET-SOC code…); empty for seed.' },
  { name: 'category', type: 'string', description: 'Skills: the skill family.' },
  { name: 'learningHours', type: 'int', description: 'Skills: hours to learn it.' },
  { name: 'learningHoursEstimated', type: 'boolean', description: 'Skills: learningHours is our estimate.' },
  {
    name: 'reuseLevel',
    type: 'string',
    description: 'ESCO skills: transversal, cross-sector, sector- or occupation-specific.',
  },
  { name: 'kind', type: 'string', description: 'Tools: what sort of tool.' },
  { name: 'hotTechnology', type: 'boolean', description: 'O*NET tools: a hot technology.' },
  { name: 'inDemand', type: 'boolean', description: 'O*NET tools: in demand.' },
  {
    name: 'updatedAt',
    type: 'string',
    description: 'Curated entities changed through the API: when last, as ISO 8601; empty otherwise.',
  },
];

/** The columns of relationships.csv, after `type`, `from` and `to`. */
export const RELATIONSHIP_PROPERTY_COLUMNS: readonly Column[] = [
  { name: 'source', type: 'string', description: 'seed, esco, onet or crosswalk.' },
  { name: 'importance', type: 'string', description: 'REQUIRES: ESSENTIAL or OPTIONAL.' },
  { name: 'level', type: 'int', description: 'REQUIRES: the level 1–5.' },
  { name: 'levelEstimated', type: 'boolean', description: 'REQUIRES: level is our estimate.' },
  { name: 'hotTechnology', type: 'boolean', description: 'USES (O*NET): a hot technology for the role.' },
  { name: 'inDemand', type: 'boolean', description: 'USES (O*NET): in demand for the role.' },
  { name: 'relatednessTier', type: 'string', description: 'RELATED_TO between roles (O*NET): the tier.' },
  { name: 'relatednessIndex', type: 'int', description: 'RELATED_TO between roles (O*NET): rank, 1 most related.' },
];

/** A property value as CSV and GraphML write it: lists as JSON, absent as empty. */
export function cellOf(value: unknown, type: ColumnType): string {
  if (value === null || value === undefined) return '';
  if (type === 'list') return JSON.stringify(value);
  return String(value);
}
