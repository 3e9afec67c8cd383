import { pathGraphOf } from '../analysis/path-index.js';
import type { PathGraphRows } from '../queries/shortest-path-queries.js';
import type { SearchableGraph } from '../workers/path-search.js';

/** The path graph of one graph version, with what a path's steps carry besides their ends and types. */
export interface PathGraphSnapshot {
  searchable: SearchableGraph;
  /** Per relationship (by position in the PathGraph): its elementId, importance and level. */
  relationshipIds: string[];
  importance: (string | null)[];
  level: (number | null)[];
  levelEstimated: boolean[];
}

/** Ids of the graphs given to path search threads, unique in the process. */
let lastGraphId = 0;

/** The snapshot of the rows read at one graph version; built on the main thread, searched in the thread. */
export function pathGraphSnapshotOf(rows: PathGraphRows): PathGraphSnapshot {
  const relationships = rows.relationships;
  return {
    searchable: { id: ++lastGraphId, graph: pathGraphOf(rows.nodes, relationships) },
    relationshipIds: relationships.map((r) => r.id),
    importance: relationships.map((r) => r.importance),
    level: relationships.map((r) => r.level),
    levelEstimated: relationships.map((r) => r.levelEstimated === true),
  };
}
