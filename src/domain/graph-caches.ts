import { buildCareerIndex, type CareerIndex } from '../analysis/career-path.js';
import { loadRoleSkillGraph } from '../queries/bridge-queries.js';
import { loadCareerGraph } from '../queries/career-queries.js';
import { loadPathGraph } from '../queries/shortest-path-queries.js';
import { PathSearchThread } from '../workers/path-search.js';
import { type BridgeSkill, rankBridgeSkills } from './bridge-skills.js';
import { GraphDerivedCache } from './graph-derived-cache.js';
import { type PathGraphSnapshot, pathGraphSnapshotOf } from './path-graph.js';
import type { RequestScope } from './request-scope.js';

/** Results derived from the whole graph, kept for the app's lifetime and refreshed when the graph changes. */
export interface GraphCaches {
  careerIndex: GraphDerivedCache<CareerIndex>;
  /** Skills with their betweenness in the role–skill graph, highest first, ties by key. */
  bridgeSkills: GraphDerivedCache<BridgeSkill[]>;
  /** Every node and relationship, in the arrays the path search takes. */
  pathGraph: GraphDerivedCache<PathGraphSnapshot>;
  /** The thread that searches paths in the path graph; started by the first search. */
  pathSearch: PathSearchThread;
  /** Ends what the caches hold besides memory: the path search thread. */
  close(): Promise<void>;
}

export function createGraphCaches(): GraphCaches {
  const pathSearch = new PathSearchThread();
  return {
    careerIndex: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadCareerGraph(database);
      return { version, value: buildCareerIndex(value) };
    }),
    bridgeSkills: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadRoleSkillGraph(database);
      return { version, value: await rankBridgeSkills(value) };
    }),
    pathGraph: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadPathGraph(database);
      return { version, value: pathGraphSnapshotOf(value) };
    }),
    pathSearch,
    close: () => pathSearch.close(),
  };
}

/** The career index of the graph as this request sees it. */
export async function careerIndexFor(scope: RequestScope): Promise<CareerIndex> {
  return scope.caches.careerIndex.get(scope.database, await scope.loaders.graphVersion());
}

/** The bridge-skill ranking of the graph as this request sees it. */
export async function bridgeSkillsFor(scope: RequestScope): Promise<BridgeSkill[]> {
  return scope.caches.bridgeSkills.get(scope.database, await scope.loaders.graphVersion());
}

/** The path graph as this request sees it. */
export async function pathGraphFor(scope: RequestScope): Promise<PathGraphSnapshot> {
  return scope.caches.pathGraph.get(scope.database, await scope.loaders.graphVersion());
}
