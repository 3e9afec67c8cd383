import DataLoader from 'dataloader';
import type { CareerIndex } from '../analysis/career-path.js';
import type { Database } from '../database/database.js';
import type { EntityRecord } from '../domain/career-graph.js';
import type { GraphCaches } from '../domain/graph-caches.js';
import { findEntitiesByName, loadEntitiesByKey, type NameLookup } from '../queries/entity-queries.js';
import { readGraphVersion } from '../queries/graph-version.js';
import {
  loadRelationshipPages,
  type RelationshipField,
  type RelationshipFilter,
  type RelationshipPage,
} from '../queries/relationship-queries.js';

export interface RelationshipPageRequest {
  filter: RelationshipFilter;
  offset: number;
  limit: number;
}

/** Per-request DataLoaders: every lookup and relationship field of one request is batched by them. */
export interface Loaders {
  entityByKey: DataLoader<string, EntityRecord | null>;
  entitiesByName: DataLoader<NameLookup, EntityRecord[], string>;
  /** One loader per field and arguments, so parents asking for the same page shape share a round trip. */
  relationshipPage(field: RelationshipField, request: RelationshipPageRequest): DataLoader<string, RelationshipPage>;
  /** The cached career index, for the graph's version as read once in this request. */
  careerIndex(): Promise<CareerIndex>;
  /** The cached bridge-skill ranking, likewise. */
  bridgeSkills(): Promise<{ skill: string; score: number }[]>;
}

export function createLoaders(database: Database, caches: GraphCaches): Loaders {
  let version: Promise<string> | undefined;
  const graphVersion = () => {
    version ??= readGraphVersion(database);
    return version;
  };
  const entityByKey = new DataLoader<string, EntityRecord | null>((keys) => loadEntitiesByKey(database, keys));
  const primeEntities = (entities: EntityRecord[]) => {
    for (const entity of entities) entityByKey.prime(entity.key, entity);
  };
  const pageLoaders = new Map<string, DataLoader<string, RelationshipPage>>();

  return {
    careerIndex: async () => caches.careerIndex.get(database, await graphVersion()),
    bridgeSkills: async () => caches.bridgeSkills.get(database, await graphVersion()),
    entityByKey,
    entitiesByName: new DataLoader(
      async (lookups) => {
        const results = await findEntitiesByName(database, lookups);
        primeEntities(results.flat());
        return results;
      },
      { cacheKeyFn: (lookup) => `${[...lookup.labels].sort().join(',')}:${lookup.name.toLowerCase()}` },
    ),
    relationshipPage(field, request) {
      const id = `${field}:${JSON.stringify([request.filter.importance ?? null, request.filter.minLevel ?? null, request.offset, request.limit])}`;
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
