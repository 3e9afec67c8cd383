import DataLoader from 'dataloader';
import type { Database } from '../database/database.js';
import { findEntitiesByName, loadEntitiesByKey, loadSameAs, type NameLookup } from '../queries/entity-queries.js';
import { readGraphVersion } from '../queries/graph-version.js';
import {
  loadRelationshipPages,
  type RelationshipField,
  type RelationshipFilter,
  type RelationshipPage,
} from '../queries/relationship-queries.js';
import type { EntityRecord } from './career-graph.js';

export interface RelationshipPageRequest {
  filter: RelationshipFilter;
  offset: number;
  limit: number;
}

/** Per-request DataLoaders: every lookup and relationship field of one request is batched by them. */
export interface Loaders {
  entityByKey: DataLoader<string, EntityRecord | null>;
  entitiesByName: DataLoader<NameLookup, EntityRecord[], string>;
  /** The crosswalk's counterparts of an entity, by key. */
  sameAs: DataLoader<string, EntityRecord[]>;
  /** One loader per field and whole request, so parents asking for the same page share a round trip. */
  relationshipPage(field: RelationshipField, request: RelationshipPageRequest): DataLoader<string, RelationshipPage>;
  /**
   * The graph's version, read once per request before any of its other Cypher (src/server/use-graph-version.ts):
   * what the graph-derived caches and the response cache are looked up by, and what the response reports.
   */
  graphVersion(): Promise<string>;
  /**
   * Whether this request may still run a full-text search for "did you mean" suggestions: a few per
   * request, so that a hundred unknown names cost a few searches, not a hundred.
   */
  mayRunSuggestionSearch(): boolean;
  /** Drops everything loaded so far, the version too: after this request's own write, it is stale. */
  forgetAll(): void;
}

export const MAX_SUGGESTION_SEARCHES = 3;

/** JSON with object keys sorted: equal requests give equal ids, whatever order their fields were set in. */
export function stableId(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))
      : item,
  );
}

/**
 * `readVersion` reads the graph's version for `graphVersion()`, once per request: the app passes its
 * GraphVersionReader, shared by concurrent requests.
 */
export function createLoaders(
  database: Database,
  readVersion: () => Promise<string> = () => readGraphVersion(database),
): Loaders {
  let version: Promise<string> | undefined;
  const entityByKey = new DataLoader<string, EntityRecord | null>((keys) => loadEntitiesByKey(database, keys));
  const primeEntities = (entities: EntityRecord[]) => {
    for (const entity of entities) entityByKey.prime(entity.key, entity);
  };
  const pageLoaders = new Map<string, DataLoader<string, RelationshipPage>>();
  let suggestionSearches = 0;

  const entitiesByName = new DataLoader<NameLookup, EntityRecord[], string>(
    async (lookups) => {
      const results = await findEntitiesByName(database, lookups);
      primeEntities(results.flat());
      return results;
    },
    {
      cacheKeyFn: (lookup) =>
        `${lookup.byKey ? 'key|' : ''}${[...lookup.labels].sort().join(',')}:${lookup.name.toLowerCase()}`,
    },
  );
  const sameAs = new DataLoader<string, EntityRecord[]>(async (keys) => {
    const results = await loadSameAs(database, keys);
    primeEntities(results.flat());
    return results;
  });

  return {
    forgetAll: () => {
      version = undefined;
      entityByKey.clearAll();
      entitiesByName.clearAll();
      sameAs.clearAll();
      pageLoaders.clear();
    },
    mayRunSuggestionSearch: () => {
      suggestionSearches += 1;
      return suggestionSearches <= MAX_SUGGESTION_SEARCHES;
    },
    graphVersion: () => {
      version ??= readVersion();
      return version;
    },
    entityByKey,
    entitiesByName,
    sameAs,
    relationshipPage(field, request) {
      const id = `${field}:${stableId(request)}`;
      let loader = pageLoaders.get(id);
      if (!loader) {
        loader = new DataLoader(async (parentKeys) => {
          const pages = await loadRelationshipPages(database, field, parentKeys, request);
          primeEntities(pages.flatMap((page) => page.edges.map((edge) => edge.node)));
          return pages;
        });
        pageLoaders.set(id, loader);
      }
      return loader;
    },
  };
}
