import { cypherInteger, type Database } from '../database/database.js';
import { type EntityLabel, type EntityRecord, LOOKUP_SOURCE_ID } from '../domain/career-graph.js';
import { entityProjection, toEntityRecord } from './entity-record.js';
import {
  type EdgeTuple,
  type PagePlan,
  pageOfSlice,
  type RelationshipPage,
  toPage,
  WHOLE_NODES,
} from './relationship-queries.js';

/** The entities with these keys, in the order of the keys (null where there is none). */
export async function loadEntitiesByKey(database: Database, keys: readonly string[]): Promise<(EntityRecord | null)[]> {
  const result = await database.readQuery(
    `MATCH (n:Entity) WHERE n.key IN $keys RETURN ${entityProjection('n')} AS entity`,
    { keys: [...new Set(keys)] },
  );
  const found = new Map(
    result.records.map((record) => {
      const entity = toEntityRecord(record.get('entity'));
      return [entity.key, entity] as const;
    }),
  );
  return keys.map((key) => found.get(key) ?? null);
}

/** For each key, the entities the crosswalk says are the same thing, either way (none for an unknown key). */
export async function loadSameAs(database: Database, keys: readonly string[]): Promise<EntityRecord[][]> {
  const result = await database.readQuery(
    `UNWIND $keys AS key
     MATCH (n:Entity {key: key})
     RETURN key, COLLECT {
       MATCH (n)-[:SAME_AS]-(m:Entity) WITH DISTINCT m ORDER BY m.source, m.key RETURN ${entityProjection('m')}
     } AS same`,
    { keys: [...new Set(keys)] },
  );
  const found = new Map(
    result.records.map((record) => [
      record.get('key') as string,
      (record.get('same') as Record<string, unknown>[]).map(toEntityRecord),
    ]),
  );
  return keys.map((key) => found.get(key) ?? []);
}

export interface NameLookup {
  labels: readonly EntityLabel[];
  name: string;
  /**
   * Also the entity whose key the text is (in any case), before every other tier: a reference in a path
   * or profile argument, resolved in the same round trip as its names.
   */
  byKey?: boolean;
}

/** A phrase query for the full-text index on one field: the analyzer splits `text` into words as it did names. */
function fullTextPhrase(field: string, text: string): string {
  return `${field}:"${text.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * The statement behind `findEntitiesByName`, exported so that a test can EXPLAIN it. For each lookup, in
 * tiers: with `byKey`, the entity of its labels whose key is the text (a seek on the key constraint); else
 * the entities of its labels whose source id is the text exactly, when it looks like an ESCO URI or
 * an O*NET-SOC code (a seek on `entity_source_id`); else those whose name equals the text ignoring case (a seek on the
 * `entity_name_lower` index); only when there are none, those with an alias equal to it (the full-text
 * index `entity_search` finds the nodes whose aliases hold the text's words in a row; the exact comparison
 * keeps those with an alias equal to it). Within the best tier, curated entities beat imported ones.
 */
export function findEntitiesByNameStatement(lookups: readonly NameLookup[]): {
  cypher: string;
  parameters: Record<string, unknown>;
} {
  return {
    cypher: `UNWIND range(0, size($lookups) - 1) AS index
       WITH index, $lookups[index] AS lookup
       // Lower-cased as the seed writer lower-cases names into nameLower.
       WITH index, lookup, toLower(lookup.text) AS text
       CALL (lookup, text) {
         MATCH (n:Entity)
         WHERE lookup.byKey AND n.key = text AND any(label IN labels(n) WHERE label IN lookup.labels)
         RETURN collect(n) AS keyed
       }
       CALL (lookup, keyed) {
         WITH lookup, keyed WHERE size(keyed) = 0
         MATCH (n:Entity)
         WHERE n.sourceId = lookup.sourceId AND any(label IN labels(n) WHERE label IN lookup.labels)
         RETURN collect(n) AS found
       }
       WITH index, lookup, text, CASE WHEN size(keyed) > 0 THEN keyed ELSE found END AS identified
       CALL (lookup, text, identified) {
         WITH lookup, text, identified WHERE size(identified) = 0
         MATCH (n:Entity)
         WHERE n.nameLower = text AND any(label IN labels(n) WHERE label IN lookup.labels)
         RETURN collect(n) AS named
       }
       CALL (lookup, text, identified, named) {
         WITH lookup, text, identified, named WHERE size(identified) = 0 AND size(named) = 0
         CALL db.index.fulltext.queryNodes('entity_search', lookup.aliasQuery) YIELD node AS n
         WITH lookup, text, n
         WHERE any(label IN labels(n) WHERE label IN lookup.labels)
           AND any(alias IN n.aliases WHERE toLower(alias) = text)
         RETURN collect(DISTINCT n) AS aliased
       }
       WITH index, CASE WHEN size(identified) > 0 THEN identified WHEN size(named) > 0 THEN named ELSE aliased END AS best
       // Within a tier, our curated entry beats imported ones of the same name (the crosswalk links them).
       WITH index, best, [n IN best WHERE coalesce(n.source, 'seed') = 'seed'] AS curated
       RETURN index, [n IN CASE WHEN size(curated) > 0 THEN curated ELSE best END | ${entityProjection('n')}] AS matches`,
    parameters: {
      lookups: lookups.map((lookup) => {
        const text = lookup.name.trim();
        return {
          labels: lookup.labels,
          text,
          byKey: lookup.byKey === true,
          sourceId: LOOKUP_SOURCE_ID.test(text) ? text : null,
          aliasQuery: fullTextPhrase('aliases', text),
        };
      }),
    },
  };
}

/**
 * For each lookup, the entities of those labels whose name equals `name` ignoring case or, when none does,
 * those with an alias equal to it ignoring case: several only when they tie in the same tier. Both through
 * indexes, and one round trip for any number of lookups.
 */
export async function findEntitiesByName(
  database: Database,
  lookups: readonly NameLookup[],
): Promise<EntityRecord[][]> {
  const { cypher, parameters } = findEntitiesByNameStatement(lookups);
  const result = await database.readQuery(cypher, parameters);
  const rows = result.records.map((record) => ({
    index: record.get('index') as number,
    matches: (record.get('matches') as Record<string, unknown>[]).map(toEntityRecord),
  }));
  const byIndex = new Map(rows.map((row) => [row.index, row.matches]));
  return lookups.map((_, index) => inKeyOrder(byIndex.get(index) ?? []));
}

/** Tied matches of a name look-up, in the order they are reported. */
export function inKeyOrder(matches: EntityRecord[]): EntityRecord[] {
  return matches.sort((a, b) => a.key.localeCompare(b.key));
}

export type EntityOrderField = 'NAME' | 'CONNECTIONS';

export interface EntityListQuery {
  label: EntityLabel;
  /** Case-insensitive substring of the name or an alias. */
  text?: string | null;
  category?: string | null;
  kind?: string | null;
  /** Only entities with each of these relationships (the other end already resolved to a key). */
  related?: { pattern: RelatedFilterPattern; key: string; importance?: string | null }[];
  orderBy: { field: EntityOrderField; direction: 'ASC' | 'DESC' };
  offset: number;
  limit: number;
}

/** The relationship filters a list can use; `n` is the listed node, `other` the node named by the filter. */
export const RELATED_FILTERS = {
  roleUsesTool: '(n)-[r:USES]->(other:Tool {key: $relatedKey})',
  roleRequiresSkill: '(n)-[r:REQUIRES]->(other:Skill {key: $relatedKey})',
  skillRequiredByRole: '(other:Role {key: $relatedKey})-[r:REQUIRES]->(n)',
  skillSupportedByTool: '(other:Tool {key: $relatedKey})-[r:SUPPORTS]->(n)',
  toolUsedByRole: '(other:Role {key: $relatedKey})-[r:USES]->(n)',
  toolSupportsSkill: '(n)-[r:SUPPORTS]->(other:Skill {key: $relatedKey})',
} as const;

export type RelatedFilterPattern = keyof typeof RELATED_FILTERS;

/**
 * One page of a filtered, ordered list of entities, and how many there are in all; with a plan, only what
 * it selects of each, and their nested pages (see `loadRelationshipPages`).
 */
export async function listEntities(
  database: Database,
  query: EntityListQuery,
  plan: PagePlan = WHOLE_NODES,
): Promise<RelationshipPage> {
  const conditions: string[] = [];
  if (query.text) {
    conditions.push('(toLower(n.name) CONTAINS $text OR any(alias IN n.aliases WHERE toLower(alias) CONTAINS $text))');
  }
  if (query.category) conditions.push('n.category = $category');
  if (query.kind) conditions.push('n.kind = $kind');
  const related = query.related ?? [];
  related.forEach((filter, index) => {
    const pattern = RELATED_FILTERS[filter.pattern].replace('$relatedKey', `$related[${index}].key`);
    conditions.push(
      `EXISTS { MATCH ${pattern} WHERE $related[${index}].importance IS NULL OR r.importance = $related[${index}].importance }`,
    );
  });
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const direction = query.orderBy.direction === 'DESC' ? 'DESC' : 'ASC';
  const orderBy =
    query.orderBy.field === 'CONNECTIONS'
      ? `COUNT { (n)--(:Entity) } ${direction}, n.name, n.key`
      : `toLower(n.name) ${direction}, n.key ${direction}`;

  const parameters: Record<string, unknown> = {
    text: query.text?.toLowerCase() ?? null,
    category: query.category ?? null,
    kind: query.kind ?? null,
    related: related.map(({ key, importance }) => ({ key, importance: importance ?? null })),
    offset: cypherInteger(query.offset),
    limit: cypherInteger(query.limit),
  };
  const result = await database.readQuery(
    `CALL () { MATCH (n:${query.label}) ${where} RETURN count(n) AS totalCount }
     CALL () {
       MATCH (n:${query.label}) ${where}
       WITH n ORDER BY ${orderBy} SKIP $offset LIMIT $limit
       RETURN collect({node: n, r: null, distance: null}) AS slice
     }
     ${pageOfSlice(plan, parameters, 'p')}
     RETURN totalCount, page`,
    parameters,
  );
  const record = result.records[0];
  return record
    ? toPage(record.get('totalCount') as number, record.get('page') as EdgeTuple[], plan, query.label)
    : { totalCount: 0, edges: [] };
}
