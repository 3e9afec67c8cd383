import { stringify } from 'csv-stringify/sync';
import type { GraphExport } from '../domain/graph-export.js';
import { cellOf, NODE_PROPERTY_COLUMNS, RELATIONSHIP_PROPERTY_COLUMNS } from './export-columns.js';

/** nodes.csv: `key,label,` then NODE_PROPERTY_COLUMNS, one row per node, by key. */
export async function* nodesCsv(graph: GraphExport): AsyncGenerator<string> {
  yield stringify([['key', 'label', ...NODE_PROPERTY_COLUMNS.map((column) => column.name)]]);
  for await (const page of graph.nodes()) {
    yield stringify(
      page.map((node) => [
        node.key,
        node.label,
        ...NODE_PROPERTY_COLUMNS.map((column) => cellOf(node.properties[column.name], column.type)),
      ]),
    );
  }
}

/** relationships.csv: `type,from,to,` then RELATIONSHIP_PROPERTY_COLUMNS, by from, type and to. */
export async function* relationshipsCsv(graph: GraphExport): AsyncGenerator<string> {
  yield stringify([['type', 'from', 'to', ...RELATIONSHIP_PROPERTY_COLUMNS.map((column) => column.name)]]);
  for await (const page of graph.relationships()) {
    yield stringify(
      page.map((relationship) => [
        relationship.type,
        relationship.from,
        relationship.to,
        ...RELATIONSHIP_PROPERTY_COLUMNS.map((column) => cellOf(relationship.properties[column.name], column.type)),
      ]),
    );
  }
}
