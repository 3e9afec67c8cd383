import type { GraphPath, PathStep } from '../analysis/graph-path.js';
import type { ShortestPathOracle, SpurRequest } from '../analysis/k-shortest-paths.js';
import { type PathFilters, type PathGraph, PathGraphBuilder } from '../analysis/path-index.js';
import type { Database, QueryRunner } from '../database/database.js';
import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from '../domain/career-graph.js';
import { entityProjection, toEntityRecord } from './entity-record.js';
import { readAtOneVersion } from './graph-version.js';

/**
 * The oracle's Cypher for paths of at most `maxHops` relationships; parameters: `requests` (SpurRequest[]),
 * `target`, `relations`, `via`, `avoid`.
 */
export function shortestPathQuery(maxHops: number): string {
  if (!Number.isInteger(maxHops) || maxHops < 1) {
    throw new RangeError(`maxHops must be a positive integer, not ${maxHops}`);
  }
  return `UNWIND range(0, size($requests) - 1) AS index
    WITH index, $requests[index] AS request
    CALL (request) {
      MATCH (source:Entity {key: request.from}), (target:Entity {key: $target})
      MATCH p = allShortestPaths((source)-[*..${maxHops}]-(target))
      WHERE all(r IN relationships(p) WHERE type(r) IN $relations AND NOT elementId(r) IN request.excludedRelationships)
        AND all(n IN nodes(p) WHERE n = source OR n = target OR (
              NOT n.key IN request.excludedNodes AND NOT n.key IN $avoid
              AND any(label IN labels(n) WHERE label IN $via)))
      WITH p WHERE length(p) <= request.maxHops
      ORDER BY [n IN nodes(p) | n.key], [r IN relationships(p) | type(r)]
      LIMIT 1
      RETURN [n IN nodes(p) | ${entityProjection('n')}] AS nodes,
             [r IN relationships(p) | {
               id: elementId(r), type: type(r), start: startNode(r).key,
               importance: r.importance, level: r.level
             }] AS relationships
    }
    RETURN index, nodes, relationships`;
}

/**
 * A shortest-path oracle for Yen's algorithm, run in Neo4j. The service now searches an in-memory snapshot
 * (`loadPathGraph`, analysis/path-index.ts); this exact Cypher oracle stays as the yardstick of
 * `npm run bench:paths`, where it enumerates every tied shortest path before its LIMIT 1. Both ends are anchored on the `key` index so
 * the planner runs its bidirectional breadth-first search, with the filters checked during the search.
 * Of several shortest paths, the first in the order of `comparePaths` is returned.
 *
 * `maxHops` becomes part of the query text because Cypher does not take a parameter as the bound of a
 * variable-length pattern; it is an integer the caller has range-checked, never text from the user.
 */
export function neo4jShortestPathOracle(
  tx: QueryRunner,
  target: string,
  filters: PathFilters,
  maxHops: number,
): ShortestPathOracle {
  const query = shortestPathQuery(maxHops);
  return async (requests: SpurRequest[]) => {
    const result = await tx.run(query, {
      requests,
      target,
      relations: filters.relations,
      via: filters.via,
      avoid: filters.avoid,
    });
    const byIndex = new Map<number, GraphPath>();
    for (const record of result.records) {
      const nodes = (record.get('nodes') as Record<string, unknown>[]).map(toEntityRecord);
      const relationships = record.get('relationships') as {
        id: string;
        type: RelationType;
        start: string;
        importance: string | null;
        level: number | null;
      }[];
      const steps: PathStep[] = relationships.map((r, i) => ({
        relationshipId: r.id,
        relation: r.type,
        from: nodes[i]?.key ?? '',
        to: nodes[i + 1]?.key ?? '',
        direction: r.start === nodes[i]?.key ? 'FORWARD' : 'BACKWARD',
        ...(r.importance != null && { importance: r.importance }),
        ...(r.level != null && { level: r.level }),
      }));
      byIndex.set(record.get('index') as number, { nodes, steps });
    }
    return requests.map((_, index) => byIndex.get(index) ?? null);
  };
}

/** The path graph with what a path's steps carry besides their ends and types, per relationship position. */
export interface PathGraphColumns {
  graph: PathGraph;
  /** Per node (by position in `graph`): its name, so that a path whose query selects only keys and names needs no read. */
  names: string[];
  /** Per relationship (by position in `graph`): its elementId, importance and level. */
  relationshipIds: string[];
  importance: (string | null)[];
  level: (number | null)[];
  levelEstimated: boolean[];
}

/**
 * Every Role, Skill and Tool and every relationship of the career graph's types between them: what the
 * in-memory path search works on, read with the graph's version in one transaction. The records are
 * streamed into columns as they arrive, none kept: on a graph of 200k relationships holding them and
 * turning them into objects held the event loop for hundreds of milliseconds.
 */
export function loadPathGraph(database: Database): Promise<{ version: string; value: PathGraphColumns }> {
  return readAtOneVersion(
    database,
    async (tx) => {
      const builder = new PathGraphBuilder();
      const columns: Omit<PathGraphColumns, 'graph'> = {
        names: [],
        relationshipIds: [],
        importance: [],
        level: [],
        levelEstimated: [],
      };
      await tx.stream(
        `MATCH (n:Entity) RETURN n.key AS key, [l IN labels(n) WHERE l IN $labels][0] AS label, n.name AS name`,
        { labels: ENTITY_LABELS },
        (record) => {
          builder.addNode(record.get(0) as string, record.get(1) as EntityLabel);
          columns.names.push(record.get(2) as string);
        },
      );
      await tx.stream(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) IN $types
         RETURN elementId(r) AS id, type(r) AS type, a.key AS from, b.key AS to,
                r.importance AS importance, r.level AS level, r.levelEstimated AS levelEstimated`,
        { types: RELATION_TYPES },
        (record) => {
          builder.addRelationship(record.get(1) as RelationType, record.get(2) as string, record.get(3) as string);
          columns.relationshipIds.push(record.get(0) as string);
          columns.importance.push(record.get(4) as string | null);
          columns.level.push(record.get(5) as number | null);
          columns.levelEstimated.push(record.get(6) === true);
        },
      );
      return { graph: builder.finish(), ...columns };
    },
    { tag: 'path-graph' },
  );
}
