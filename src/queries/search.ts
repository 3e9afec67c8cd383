import { cypherInteger, type Database } from '../database/database.js';
import type { EntityLabel, EntityRecord } from '../domain/career-graph.js';
import { entityProjection, toEntityRecord } from './entity-record.js';

export interface SearchHit {
  score: number;
  node: EntityRecord;
}

/** Enough for any name; more words would only add Lucene clauses (which Lucene caps). */
const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** Words of the text, as the full-text index's analyzer sees them (letters and digits, lower-cased). */
function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, MAX_WORDS)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/**
 * A Lucene query for autocomplete: every word must match a name, alias or description as a whole word,
 * as a prefix (the word being typed), or, for longer words, within one or two typos. Names and aliases
 * weigh more than descriptions. Words are letters and digits only, so nothing needs escaping.
 */
export function buildSearchQuery(text: string): string | null {
  const words = terms(text);
  if (words.length === 0) return null;
  return words
    .map((word) => {
      const variants = [`${word}^4`, `${word}*^2`];
      if (word.length >= 4) variants.push(`${word}~${word.length >= 7 ? 2 : 1}`);
      const on = (field: string, boost: number) => `${field}:(${variants.join(' ')})^${boost}`;
      return `(${on('name', 4)} ${on('aliases', 3)} ${on('description', 0.5)})`;
    })
    .join(' AND ');
}

/**
 * Ranked full-text search over roles, skills and tools. Hits fall in tiers — name equal to the text (4),
 * an alias equal to it (3), name starting with it (2), an alias starting with it (1), the rest (0) — and
 * within a tier by Lucene's score; `score` = tier + s/(1+s) for a Lucene score s, so it orders hits the
 * same way ("k8s" finds Kubernetes first, "data sci" Data Scientist).
 */
export async function searchEntities(
  database: Database,
  text: string,
  labels: readonly EntityLabel[],
  first: number,
): Promise<SearchHit[]> {
  const query = buildSearchQuery(text);
  if (!query) return [];
  const result = await database.readQuery(
    `CALL db.index.fulltext.queryNodes('entity_search', $query) YIELD node, score
     WHERE any(label IN labels(node) WHERE label IN $labels)
     WITH node, score,
          CASE WHEN toLower(node.name) = $exact THEN 4
               WHEN any(alias IN node.aliases WHERE toLower(alias) = $exact) THEN 3
               WHEN toLower(node.name) STARTS WITH $exact THEN 2
               WHEN any(alias IN node.aliases WHERE toLower(alias) STARTS WITH $exact) THEN 1
               ELSE 0 END AS tier
     WITH node, tier + score / (1 + score) AS rank
     ORDER BY rank DESC, node.key
     LIMIT $first
     RETURN ${entityProjection('node')} AS entity, rank`,
    { query, labels, exact: text.trim().toLowerCase(), first: cypherInteger(first) },
  );
  return result.records.map((record) => ({
    score: record.get('rank') as number,
    node: toEntityRecord(record.get('entity')),
  }));
}
