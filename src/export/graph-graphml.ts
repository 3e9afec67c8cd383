import { XMLBuilder } from 'fast-xml-parser';
import type { GraphExport } from '../domain/graph-export.js';
import { type Column, cellOf, NODE_PROPERTY_COLUMNS, RELATIONSHIP_PROPERTY_COLUMNS } from './export-columns.js';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';

/** GraphML's attribute types; lists travel as JSON text. */
const ATTRIBUTE_TYPE = { string: 'string', int: 'int', boolean: 'boolean', list: 'string' } as const;

/**
 * Node attributes: `label` is the node's name (what Gephi and yEd show), `type` Role, Skill or Tool; edge
 * attributes: `type`, the relationship type. Key ids are `n_<name>` and `e_<name>`.
 */
const NODE_KEYS: readonly Column[] = [
  { name: 'label', type: 'string', description: 'The name.' },
  { name: 'type', type: 'string', description: 'Role, Skill or Tool.' },
  ...NODE_PROPERTY_COLUMNS.filter((column) => column.name !== 'name'),
];
const EDGE_KEYS: readonly Column[] = [
  { name: 'type', type: 'string', description: 'The relationship type.' },
  ...RELATIONSHIP_PROPERTY_COLUMNS,
];

/** Writes XML from plain objects: `@_x` is attribute x, `#text` an element's text; escapes as it goes. */
const xml = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, indentBy: '  ' });

/**
 * Characters XML 1.0 cannot hold at all, escaped or not (C0 controls but tab and line ends, U+FFFE, U+FFFF,
 * lone surrogates): one in an imported name would make the whole file unreadable, so each becomes U+FFFD.
 */
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

const dataOf = (prefix: string, keys: readonly Column[], values: Record<string, unknown>) =>
  keys
    .filter((key) => values[key.name] !== null && values[key.name] !== undefined)
    .map((key) => ({ '@_key': `${prefix}_${key.name}`, '#text': xmlText(cellOf(values[key.name], key.type)) }));

/**
 * The export as a directed GraphML graph (Gephi, yEd, networkx, igraph read it): node ids are keys, every
 * property a declared attribute. Written a page at a time.
 */
export async function* graphGraphml(graph: GraphExport): AsyncGenerator<string> {
  const keys = [
    ...NODE_KEYS.map((key) => ({ key, scope: 'node', prefix: 'n' })),
    ...EDGE_KEYS.map((key) => ({ key, scope: 'edge', prefix: 'e' })),
  ].map(({ key, scope, prefix }) => ({
    '@_id': `${prefix}_${key.name}`,
    '@_for': scope,
    '@_attr.name': key.name,
    '@_attr.type': ATTRIBUTE_TYPE[key.type],
    desc: key.description,
  }));
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="${GRAPHML_NS}">\n`;
  yield xml.build({ key: keys });
  yield xml.build({ desc: `SkillGraph export at graph version ${graph.graphVersion}` });
  yield '<graph id="skillgraph" edgedefault="directed">\n';
  for await (const page of graph.nodes()) {
    yield xml.build({
      node: page.map((node) => ({
        '@_id': xmlText(node.key),
        data: dataOf('n', NODE_KEYS, { ...node.properties, label: node.properties.name, type: node.label }),
      })),
    });
  }
  for await (const page of graph.relationships()) {
    yield xml.build({
      edge: page.map((relationship) => ({
        '@_source': xmlText(relationship.from),
        '@_target': xmlText(relationship.to),
        data: dataOf('e', EDGE_KEYS, { ...relationship.properties, type: relationship.type }),
      })),
    });
  }
  yield '</graph>\n</graphml>\n';
}
