import DataLoader from 'dataloader';
import type { Database } from '../database/database.js';
import {
  findEntitiesByName,
  inKeyOrder,
  loadEntitiesByKey,
  loadSameAs,
  type NameLookup,
} from '../queries/entity-queries.js';
import { readGraphVersion } from '../queries/graph-version.js';
import {
  loadRelationshipPages,
  type PagePlan,
  type RelationshipField,
  type RelationshipPage,
  type RelationshipPageRequest,
  WHOLE_NODES,
} from '../queries/relationship-queries.js';
import type { EntityRecord } from './career-graph.js';
import type { GraphSnapshot } from './graph-snapshot.js';

export type { RelationshipPageRequest };

/** Per-request DataLoaders: every lookup and relationship field of one request is batched by them. */
export interface Loaders {
  entityByKey: DataLoader<string, EntityRecord | null>;
  entitiesByName: DataLoader<NameLookup, EntityRecord[], string>;
  /** The crosswalk's counterparts of an entity, by key. */
  sameAs: DataLoader<string, EntityRecord[]>;
  /**
   * One loader per field, request and plan, so parents asking for the same page share a round trip. A
   * page loaded with nested pages keeps them (`primedPage`): the nodes' own fields then need no round trip.
   */
  relationshipPage(
    field: RelationshipField,
    request: RelationshipPageRequest,
    plan?: PagePlan,
  ): DataLoader<string, RelationshipPage>;
  /**
   * The page a parent's field was primed with by a page loaded before (a nested page), if any: the
   * resolver can then answer at once, without a promise per field.
   */
  primedPage(
    field: RelationshipField,
    request: RelationshipPageRequest,
    plan: PagePlan,
    parentKey: string,
  ): RelationshipPage | undefined;
  /** Caches what a page holds: its whole nodes by key, and its nodes' nested pages as their loaders' answers. */
  primePage(page: RelationshipPage, plan: PagePlan): void;
  /**
   * The graph's version, read once per request before any of its other Cypher (src/server/use-graph-version.ts):
   * what the graph-derived caches and the response cache are looked up by, and what the response reports.
   */
  graphVersion(): Promise<string>;
  /**
   * The whole graph in memory at this request's version, if it is built (see GraphCaches.snapshot): what
   * the loaders and lists read instead of Neo4j. Asked once per request.
   */
  snapshot(): Promise<GraphSnapshot | undefined>;
  /**
   * Whether this request may still run a full-text search for "did you mean" suggestions: a few per
   * request, so that a hundred unknown names cost a few searches, not a hundred.
   */
  mayRunSuggestionSearch(): boolean;
  /**
   * Answers under `guess`, a version an earlier request read, instead of waiting for this request's own
   * read, which starts now and is returned: the caller keeps the answer only if the two agree
   * (src/server/use-graph-version.ts).
   */
  assumeVersion(guess: string): Promise<string>;
  /**
   * The version this request's own read gave: `graphVersion()`, unless the request runs under a guess.
   * What a guess may not do (start a whole-graph computation) waits for it.
   */
  confirmedVersion(): Promise<string>;
  /** Whether the request runs under a guessed version (`assumeVersion`). */
  guessing(): boolean;
  /**
   * New loaders for the same request, under `version` (read again if undefined): for running it again,
   * so that nothing the first run still has under way can reach them.
   */
  renewed(version: string | undefined): Loaders;
  /** Drops everything loaded so far, the version too: after this request's own write, it is stale. */
  forgetAll(): void;
}

export const MAX_SUGGESTION_SEARCHES = 3;

/** JSON with object keys sorted: equal requests give equal ids, whatever order their fields were set in. */
export function stableId(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableId).join(',')}]`;
  const fields: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && typeof item !== 'function') fields.push(`${JSON.stringify(key)}:${stableId(item)}`);
  }
  return `{${fields.join(',')}}`;
}

const ids = new WeakMap<object, string>();
/**
 * `stableId` of a request or plan, kept: each is made once per place in a query (see `perPlace`) and asked
 * for by every parent there.
 */
function idOf(value: RelationshipPageRequest | PagePlan): string {
  let id = ids.get(value);
  if (id === undefined) {
    id = stableId(value);
    ids.set(value, id);
  }
  return id;
}

/**
 * `readVersion` reads the graph's version for `graphVersion()`, once per request: the app passes its
 * GraphVersionReader, shared by concurrent requests. `snapshotAt` gives the in-memory graph of a version
 * when it is ready (the app's GraphCaches.snapshot), and with `confirmed` false (a guessed version) only
 * if it is built already: a guess never starts building one. Without it, everything is read from Neo4j.
 * `known` is the version, when it is known already.
 */
export function createLoaders(
  database: Database,
  readVersion: () => Promise<string> = () => readGraphVersion(database),
  snapshotAt: (version: string, confirmed: boolean) => GraphSnapshot | undefined = () => undefined,
  known?: string,
): Loaders {
  let version: Promise<string> | undefined = known === undefined ? undefined : Promise.resolve(known);
  /** This request's own read, while it runs under a guess. */
  let confirmed: Promise<string> | undefined;
  let snapshot: Promise<GraphSnapshot | undefined> | undefined;
  const graphVersion = () => {
    version ??= readVersion();
    return version;
  };
  const snapshotOfRequest = () => {
    snapshot ??= graphVersion().then(
      (at) => snapshotAt(at, confirmed === undefined),
      () => undefined,
    );
    return snapshot;
  };
  const entityByKey = new DataLoader<string, EntityRecord | null>(async (keys) => {
    const graph = await snapshotOfRequest();
    return graph ? keys.map((key) => graph.entity(key)) : loadEntitiesByKey(database, keys);
  });
  const primeEntities = (entities: EntityRecord[]) => {
    for (const entity of entities) entityByKey.prime(entity.key, entity);
  };
  const pageLoaders = new Map<string, DataLoader<string, RelationshipPage>>();
  let suggestionSearches = 0;
  const primed = new Map<string, RelationshipPage>();
  const loaderId = (field: RelationshipField, request: RelationshipPageRequest, plan: PagePlan) =>
    `${field}:${idOf(request)}${plan === WHOLE_NODES ? '' : `:${idOf(plan)}`}`;
  const relationshipPage = (
    field: RelationshipField,
    request: RelationshipPageRequest,
    plan: PagePlan = WHOLE_NODES,
  ): DataLoader<string, RelationshipPage> => {
    const id = loaderId(field, request, plan);
    let loader = pageLoaders.get(id);
    if (!loader) {
      loader = new DataLoader(async (parentKeys) => {
        const graph = await snapshotOfRequest();
        const pages = graph
          ? parentKeys.map((key) => graph.relationshipPage(field, key, request, plan))
          : await loadRelationshipPages(database, field, parentKeys, request, plan);
        for (const page of pages) primeFrom(page, plan);
        return pages;
      });
      pageLoaders.set(id, loader);
    }
    return loader;
  };
  /** Whole nodes are cached by key; the nodes' nested pages are kept for their resolvers (`primedPage`). */
  const primeFrom = (page: RelationshipPage, plan: PagePlan) => {
    for (const edge of page.edges) {
      if (plan.properties === 'all') entityByKey.prime(edge.node.key, edge.node);
      plan.nested.forEach((child, index) => {
        const nested = edge.nested?.[index];
        if (!nested) return;
        const id = `${loaderId(child.field, child.request, child.plan)}|${edge.node.key}`;
        if (primed.has(id)) return;
        primed.set(id, nested);
        primeFrom(nested, child.plan);
      });
    }
  };

  const entitiesByName = new DataLoader<NameLookup, EntityRecord[], string>(
    async (lookups) => {
      const graph = await snapshotOfRequest();
      const known = lookups.map((lookup) => graph?.findByName(lookup));
      // What the snapshot cannot answer alike (aliases, and text Neo4j may lower-case otherwise) Neo4j does.
      const asked = lookups.filter((_, index) => known[index] === undefined);
      const found = asked.length > 0 ? await findEntitiesByName(database, asked) : [];
      let next = 0;
      const results = known.map((matches) => (matches ? inKeyOrder(matches) : (found[next++] as EntityRecord[])));
      primeEntities(results.flat());
      return results;
    },
    {
      cacheKeyFn: (lookup) =>
        `${lookup.byKey ? 'key|' : ''}${[...lookup.labels].sort().join(',')}:${lookup.name.toLowerCase()}`,
    },
  );
  const sameAs = new DataLoader<string, EntityRecord[]>(async (keys) => {
    const graph = await snapshotOfRequest();
    const results = graph ? keys.map((key) => graph.sameAs(key)) : await loadSameAs(database, keys);
    primeEntities(results.flat());
    return results;
  });

  return {
    assumeVersion: (guess) => {
      const read = readVersion();
      confirmed = read;
      version = Promise.resolve(guess);
      snapshot = undefined;
      // The version read may start building its snapshot, for the requests after this one.
      read.then(
        (at) => snapshotAt(at, true),
        () => {},
      );
      return read;
    },
    confirmedVersion: () => confirmed ?? graphVersion(),
    guessing: () => confirmed !== undefined,
    renewed: (at) => createLoaders(database, readVersion, snapshotAt, at),
    forgetAll: () => {
      version = undefined;
      confirmed = undefined;
      snapshot = undefined;
      entityByKey.clearAll();
      entitiesByName.clearAll();
      sameAs.clearAll();
      pageLoaders.clear();
      primed.clear();
    },
    mayRunSuggestionSearch: () => {
      suggestionSearches += 1;
      return suggestionSearches <= MAX_SUGGESTION_SEARCHES;
    },
    graphVersion,
    snapshot: snapshotOfRequest,
    entityByKey,
    entitiesByName,
    sameAs,
    relationshipPage,
    primePage: primeFrom,
    primedPage: (field, request, plan, parentKey) => primed.get(`${loaderId(field, request, plan)}|${parentKey}`),
  };
}
