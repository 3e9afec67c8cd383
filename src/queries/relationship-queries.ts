import { cypherInteger, type Database } from '../database/database.js';
import type { EntityRecord } from '../domain/career-graph.js';
import { entityProjection, toEntityRecord } from './entity-record.js';

/**
 * The relationship fields of the schema. `parent` is the node whose field it is, `node` the node at the
 * other end, `r` the relationship whose properties the edge carries. `orderBy` fixes a deterministic order.
 */
export const RELATIONSHIP_FIELDS = {
  'Role.skills': {
    pattern: '(parent:Role)-[r:REQUIRES]->(node:Skill)',
    orderBy: "CASE r.importance WHEN 'ESSENTIAL' THEN 0 ELSE 1 END, r.level DESC, toLower(node.name), node.key",
  },
  'Role.tools': { pattern: '(parent:Role)-[r:USES]->(node:Tool)', orderBy: 'toLower(node.name), node.key' },
  'Skill.roles': {
    pattern: '(parent:Skill)<-[r:REQUIRES]-(node:Role)',
    orderBy: "CASE r.importance WHEN 'ESSENTIAL' THEN 0 ELSE 1 END, r.level DESC, toLower(node.name), node.key",
  },
  'Skill.tools': { pattern: '(parent:Skill)<-[r:SUPPORTS]-(node:Tool)', orderBy: 'toLower(node.name), node.key' },
  'Skill.prerequisites': {
    pattern: '(parent:Skill)<-[r:PREREQUISITE_OF]-(node:Skill)',
    orderBy: 'toLower(node.name), node.key',
  },
  'Skill.unlocks': {
    pattern: '(parent:Skill)-[r:PREREQUISITE_OF]->(node:Skill)',
    orderBy: 'toLower(node.name), node.key',
  },
  'Skill.related': { pattern: '(parent:Skill)-[r:RELATED_TO]-(node:Skill)', orderBy: 'toLower(node.name), node.key' },
  'Tool.skills': { pattern: '(parent:Tool)-[r:SUPPORTS]->(node:Skill)', orderBy: 'toLower(node.name), node.key' },
  'Tool.roles': { pattern: '(parent:Tool)<-[r:USES]-(node:Role)', orderBy: 'toLower(node.name), node.key' },
  'Role.relatedRoles': {
    pattern: '(parent:Role)-[r:RELATED_TO]->(node:Role)',
    orderBy: 'r.relatednessIndex, toLower(node.name), node.key',
  },
} as const;

export type RelationshipField = keyof typeof RELATIONSHIP_FIELDS | 'Skill.prerequisites.transitive';

export interface RelationshipFilter {
  importance?: string | null;
  minLevel?: number | null;
}

export interface RelationshipEdge {
  node: EntityRecord;
  importance?: string;
  level?: number;
  levelEstimated?: boolean;
  relatednessTier?: string;
  /** Hops from the parent, for transitive prerequisites (1 = direct). */
  distance?: number;
}

export interface RelationshipPage {
  totalCount: number;
  edges: RelationshipEdge[];
}

/**
 * One page of a relationship field for each parent key, in the order of the keys, in one round trip:
 * the batch function behind the relationship DataLoaders.
 */
export async function loadRelationshipPages(
  database: Database,
  field: RelationshipField,
  parentKeys: readonly string[],
  { filter, offset, limit }: { filter: RelationshipFilter; offset: number; limit: number },
): Promise<RelationshipPage[]> {
  const match =
    field === 'Skill.prerequisites.transitive'
      ? // DISTINCT end nodes let the planner prune the expansion (no path enumeration); then one
        // bidirectional shortest-path search per prerequisite gives its distance.
        `MATCH (parent)<-[:PREREQUISITE_OF*1..]-(node:Skill)
         WITH DISTINCT parent, node
         MATCH path = shortestPath((parent)<-[:PREREQUISITE_OF*1..]-(node))
         WITH node, length(path) AS distance, null AS r
         ORDER BY distance, toLower(node.name), node.key`
      : `MATCH ${RELATIONSHIP_FIELDS[field].pattern}
         WHERE ($importance IS NULL OR r.importance = $importance) AND ($minLevel IS NULL OR r.level >= $minLevel)
         WITH node, r, null AS distance
         ORDER BY ${RELATIONSHIP_FIELDS[field].orderBy}`;
  const rows = await database.read(async (tx) => {
    const result = await tx.run(
      `UNWIND $keys AS key
       MATCH (parent:Entity {key: key})
       CALL (parent) {
         ${match}
         WITH collect({
           node: ${entityProjection('node')}, importance: r.importance, level: r.level,
           levelEstimated: r.levelEstimated, relatednessTier: r.relatednessTier, distance: distance
         }) AS edges
         RETURN size(edges) AS totalCount, edges[$offset..$offset + $limit] AS page
       }
       RETURN key, totalCount, page`,
      {
        keys: [...new Set(parentKeys)],
        importance: filter.importance ?? null,
        minLevel: filter.minLevel ?? null,
        offset: cypherInteger(offset),
        limit: cypherInteger(limit),
      },
    );
    return new Map(
      result.records.map((record) => [
        record.get('key') as string,
        {
          totalCount: record.get('totalCount') as number,
          edges: (record.get('page') as Record<string, unknown>[]).map((edge) => ({
            node: toEntityRecord(edge.node as Record<string, unknown>),
            ...(edge.importance != null && { importance: edge.importance as string }),
            ...(edge.level != null && { level: edge.level as number }),
            ...(edge.levelEstimated === true && { levelEstimated: true }),
            ...(edge.relatednessTier != null && { relatednessTier: edge.relatednessTier as string }),
            ...(edge.distance != null && { distance: edge.distance as number }),
          })),
        },
      ]),
    );
  });
  return parentKeys.map((key) => rows.get(key) ?? { totalCount: 0, edges: [] });
}
