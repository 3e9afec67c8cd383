import type { ElementDefinition } from 'cytoscape';
import type { StoredRelationship } from './stored-direction.ts';

/**
 * Paths' nodes and relationships (one path, or the alternatives together, each node and relationship once),
 * each arrow in its stored direction, labelled by its verb; a click on a node opens its page.
 */
export function connectionElements(paths: readonly (readonly StoredRelationship[])[]): ElementDefinition[] {
  const nodes = new Map<string, ElementDefinition>();
  const edges = new Map<string, ElementDefinition>();
  for (const path of paths)
    for (const { source, target, relation } of path) {
      for (const node of [source, target])
        nodes.set(node.key, {
          data: {
            id: node.key,
            label: node.name,
            href: `/${node.__typename.toLowerCase()}/${encodeURIComponent(node.key)}`,
          },
          classes: node.__typename,
        });
      const id = `${source.key} ${relation} ${target.key}`;
      edges.set(id, { data: { id, source: source.key, target: target.key, label: relation.toLowerCase() } });
    }
  return [...nodes.values(), ...edges.values()];
}
