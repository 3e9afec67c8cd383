import type { PathGraphColumns } from '../queries/shortest-path-queries.js';
import type { SearchableGraph } from '../workers/path-search.js';

/** The path graph of one graph version, with what a path's steps carry besides their ends and types. */
export interface PathGraphSnapshot extends Omit<PathGraphColumns, 'graph'> {
  searchable: SearchableGraph;
}

/** Ids of the graphs given to path search threads, unique in the process. */
let lastGraphId = 0;

/**
 * The snapshot of the columns read at one graph version: nothing more to build on the main thread; the
 * search thread indexes the graph when first sent it.
 */
export function pathGraphSnapshotOf({ graph, ...columns }: PathGraphColumns): PathGraphSnapshot {
  return { searchable: { id: ++lastGraphId, graph }, ...columns };
}
