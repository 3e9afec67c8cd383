import type { Database } from '../database/database.js';
import { GraphChangedError } from '../errors.js';
import {
  countExport,
  type ExportedNode,
  type ExportedRelationship,
  type ExportSelection,
  readNodePage,
  readRelationshipPage,
} from '../queries/graph-export-queries.js';
import { graphVersionIn } from '../queries/graph-version.js';
import type { DataSourceName, EntityLabel } from './career-graph.js';
import { listOption, SOURCE_OPTION_VALUES, singleOptions } from './query-options.js';

export type { ExportedNode, ExportedRelationship, ExportSelection };

/** How many nodes and relationships an export of `selection` holds now: for progress, not for the export. */
export function countGraphExport(database: Database, selection: ExportSelection) {
  return database.read((tx) => countExport(tx, selection));
}

const KINDS: Record<string, EntityLabel> = { role: 'Role', skill: 'Skill', tool: 'Tool' };

/**
 * The selection that export options ask for: `source` (seed, esco, onet) and `kind` (role, skill, tool),
 * each given at most once as a comma-separated list. Anything else is refused, naming the option.
 */
export function parseExportSelection(options: Iterable<[string, string]>): ExportSelection {
  const given = singleOptions(options, ['source', 'kind'], 'an export');
  return {
    sources: listOption<DataSourceName>(given, 'source', SOURCE_OPTION_VALUES),
    labels: listOption<EntityLabel>(given, 'kind', KINDS),
  };
}

export interface GraphExport {
  /** The graph version every page was read at. */
  readonly graphVersion: string;
  /** The selected nodes by key, a slice of a page at a time. */
  nodes(): AsyncGenerator<ExportedNode[]>;
  /** The relationships between selected nodes, by start key, type and end key, a slice at a time. */
  relationships(): AsyncGenerator<ExportedRelationship[]>;
}

/** Nodes per page: one page is one short read transaction. */
export const EXPORT_PAGE_SIZE = 500;

/**
 * Items handed to a writer at a time: formatting a slice is a few milliseconds of the event loop, so other
 * requests are served between slices even when a page is large (a hundred roles with their requirements).
 */
const SLICE_SIZE = 250;

function* slices<T>(items: T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += SLICE_SIZE) yield items.slice(start, start + SLICE_SIZE);
}

/**
 * An export of the selected part of the graph, read a page at a time as the consumer asks for it (so a
 * slow reader holds one page, not the graph), each page in its own read transaction. A write landing
 * between two pages would mix two graphs: the page that sees a new graph version fails with GRAPH_CHANGED.
 */
export async function openGraphExport(
  database: Database,
  selection: ExportSelection,
  { pageSize = EXPORT_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<GraphExport> {
  const graphVersion = await database.read(graphVersionIn);
  const readPage = <T>(read: Parameters<typeof database.read<T>>[0]) =>
    database.read(async (tx) => {
      const version = await graphVersionIn(tx);
      if (version !== graphVersion) throw new GraphChangedError('it was written during the export');
      return read(tx);
    });
  return {
    graphVersion,
    async *nodes() {
      for (let after = ''; ; ) {
        const page = await readPage((tx) => readNodePage(tx, selection, after, pageSize));
        if (page.length === 0) return;
        yield* slices(page);
        after = page.at(-1)?.key ?? after;
      }
    },
    async *relationships() {
      for (let after = ''; ; ) {
        // A page of start nodes can bring hundreds of relationships each: fewer of them per transaction.
        const page = await readPage((tx) =>
          readRelationshipPage(tx, selection, after, Math.max(1, Math.floor(pageSize / 5))),
        );
        if (page.length === 0) return;
        yield* slices(page.flatMap((start) => start.relationships));
        after = page.at(-1)?.key ?? after;
      }
    },
  };
}
