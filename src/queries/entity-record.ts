import type { EntityRecord } from '../domain/career-graph.js';

/**
 * Cypher projection of node `n` into an EntityRecord; `n` must be a Role, Skill or Tool.
 * Use as `RETURN ${entityProjection('n')} AS entity`.
 */
export function entityProjection(variable: string): string {
  return `${variable} {
    .key, .name, .aliases, .description, .source, .sourceId, .category, .learningHours, .learningHoursEstimated,
    .reuseLevel, .kind, .hotTechnology, .inDemand, .updatedAt,
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
