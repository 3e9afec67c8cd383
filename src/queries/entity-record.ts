import type { EntityRecord } from '../domain/career-graph.js';

/** The stored properties of a role, skill or tool that an EntityRecord carries (its label comes from the node's labels). */
export const ENTITY_PROPERTIES = [
  'key',
  'name',
  'aliases',
  'description',
  'source',
  'sourceId',
  'category',
  'learningHours',
  'learningHoursEstimated',
  'reuseLevel',
  'kind',
  'hotTechnology',
  'inDemand',
  'updatedAt',
] as const satisfies readonly (keyof EntityRecord)[];

export type EntityProperty = (typeof ENTITY_PROPERTIES)[number];

/**
 * Cypher projection of node `n` into an EntityRecord; `n` must be a Role, Skill or Tool.
 * Use as `RETURN ${entityProjection('n')} AS entity`.
 */
export function entityProjection(variable: string): string {
  return `${variable} {
    ${ENTITY_PROPERTIES.map((property) => `.${property}`).join(', ')},
    label: [l IN labels(${variable}) WHERE l IN ['Role', 'Skill', 'Tool']][0]
  }`;
}

/** The properties a tuple of `entityTuple` holds, in order: the key first. */
export function tupleProperties(properties: readonly EntityProperty[] | 'all'): readonly EntityProperty[] {
  return properties === 'all' ? ENTITY_PROPERTIES : ['key', ...properties.filter((property) => property !== 'key')];
}

/**
 * Cypher for node `n` as a list of its properties, in the order of `tupleProperties`: what a large answer
 * is made of, as lists decode faster than maps (no key strings) and make fewer objects.
 */
export function entityTuple(variable: string, properties: readonly EntityProperty[]): string {
  return `[${properties.map((property) => `${variable}.${property}`).join(', ')}]`;
}

/** An EntityRecord from an `entityTuple` of these properties, of a node with this label. */
export function fromEntityTuple(values: unknown[], properties: readonly EntityProperty[], label: string): EntityRecord {
  const record: Record<string, unknown> = { label };
  properties.forEach((property, index) => {
    record[property] = values[index];
  });
  return toEntityRecord(record);
}

export function toEntityRecord(value: Record<string, unknown>): EntityRecord {
  const record = value as unknown as EntityRecord & Record<string, unknown>;
  return {
    label: record.label,
    key: record.key,
    name: record.name,
    aliases: record.aliases ?? [],
    description: record.description ?? '',
    source: record.source ?? 'seed',
    ...(record.sourceId != null && { sourceId: record.sourceId }),
    ...(record.category != null && { category: record.category }),
    ...(record.learningHours != null && { learningHours: record.learningHours }),
    ...(record.learningHoursEstimated === true && { learningHoursEstimated: true }),
    ...(record.reuseLevel != null && { reuseLevel: record.reuseLevel }),
    ...(record.kind != null && { kind: record.kind }),
    ...(record.hotTechnology != null && { hotTechnology: record.hotTechnology }),
    ...(record.inDemand != null && { inDemand: record.inDemand }),
    ...(record.updatedAt != null && { updatedAt: record.updatedAt }),
  };
}
