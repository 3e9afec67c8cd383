import { betweennessCentrality } from '../analysis/betweenness.js';
import { buildCareerIndex, type CareerIndex } from '../analysis/career-path.js';
import { loadRoleSkillGraph } from '../queries/bridge-queries.js';
import { loadCareerGraph } from '../queries/career-queries.js';
import { GraphDerivedCache } from './graph-derived-cache.js';

/** Results derived from the whole graph, kept for the app's lifetime and refreshed when the graph changes. */
export interface GraphCaches {
  careerIndex: GraphDerivedCache<CareerIndex>;
  /** Skills with their betweenness in the role–skill graph, highest first, ties by key. */
  bridgeSkills: GraphDerivedCache<{ skill: string; score: number }[]>;
}

export function createGraphCaches(): GraphCaches {
  return {
    careerIndex: new GraphDerivedCache(async (database) => {
      const { version, value } = await loadCareerGraph(database);
      return { version, value: buildCareerIndex(value) };
    }),
    bridgeSkills: new GraphDerivedCache(async (database) => {
      const { version, value: graph } = await loadRoleSkillGraph(database);
      const scores = betweennessCentrality(graph.nodes, graph.edges);
      const ranking = [...graph.skills]
        .map((skill) => ({ skill, score: scores.get(skill) ?? 0 }))
        .sort((a, b) => b.score - a.score || (a.skill < b.skill ? -1 : 1));
      return { version, value: ranking };
    }),
  };
}
