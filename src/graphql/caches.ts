import { loadCareerGraph } from '../graph/career-queries.js';
import { GraphDerivedCache } from '../graph/graph-version.js';
import { buildCareerIndex, type CareerIndex } from '../paths/career-path.js';

/** Results derived from the whole graph, kept for the app's lifetime and refreshed when the graph changes. */
export interface GraphCaches {
  careerIndex: GraphDerivedCache<CareerIndex>;
}

export function createGraphCaches(): GraphCaches {
  return {
    careerIndex: new GraphDerivedCache(async (database) => buildCareerIndex(await loadCareerGraph(database))),
  };
}
