import type { ElementDefinition } from 'cytoscape';
import type { StoredRelationship } from './stored-direction.ts';

/** The shortest path's nodes and relationships, each arrow in its stored direction, labelled by its verb. */
export function connectionElements(relationships: readonly StoredRelationship[]): ElementDefinition[] {
  const nodes = new Map<string, ElementDefinition>();
  const edges: ElementDefinition[] = [];
  relationships.forEach(({ source, target, relation }, index) => {
    for (const node of [source, target])
      nodes.set(node.key, { data: { id: node.key, label: node.name }, classes: node.__typename });
    edges.push({
      data: { id: `step-${index}`, source: source.key, target: target.key, label: relation.toLowerCase() },
    });
  });
  return [...nodes.values(), ...edges];
}
