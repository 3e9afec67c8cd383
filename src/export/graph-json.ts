import type { GraphExport } from '../domain/graph-export.js';

/**
 * The export as one JSON document, written a page at a time:
 * `{ graphVersion, nodes: [{ key, label, properties }],
 *    relationships: [{ type, from, to, properties }] }`.
 */
export async function* graphJson(graph: GraphExport): AsyncGenerator<string> {
  yield `{"graphVersion":${JSON.stringify(graph.graphVersion)},"nodes":[`;
  let separator = '\n';
  for await (const page of graph.nodes()) {
    yield separator + page.map((node) => JSON.stringify(node)).join(',\n');
    separator = ',\n';
  }
  yield '\n],"relationships":[';
  separator = '\n';
  for await (const page of graph.relationships()) {
    yield separator + page.map((relationship) => JSON.stringify(relationship)).join(',\n');
    separator = ',\n';
  }
  yield '\n]}\n';
}
