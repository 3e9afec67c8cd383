import cytoscape, { type ElementDefinition, type StylesheetJson } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import { useEffect, useRef } from 'preact/hooks';
import { navigate } from './router.tsx';

cytoscape.use(dagre);

const STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 'label',
      height: 'label',
      padding: '8px',
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '120px',
      'text-valign': 'center',
      'font-size': '12px',
      'font-family': 'system-ui, sans-serif',
      color: '#111',
      'background-color': '#e8eef9',
      'border-width': 1,
      'border-color': '#5b7bb5',
    },
  },
  { selector: 'node.have', style: { 'background-color': '#e3f4e6', 'border-color': '#2f7d3b' } },
  { selector: 'node.target, node.Role', style: { 'background-color': '#fff1d6', 'border-color': '#a66300' } },
  { selector: 'node.Tool, node.unlocked', style: { 'background-color': '#f1e8f9', 'border-color': '#6b3fa0' } },
  { selector: 'node.focus', style: { 'background-color': '#fff1d6', 'border-color': '#a66300', 'border-width': 2 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#7a869a',
      'target-arrow-color': '#7a869a',
      'target-arrow-shape': 'triangle',
      'curve-style': 'bezier',
    },
  },
  {
    selector: 'edge[label]',
    style: { label: 'data(label)', 'font-size': '10px', 'text-background-color': '#fff', 'text-background-opacity': 1 },
  },
  { selector: 'edge.required', style: { 'line-style': 'dashed' } },
  { selector: 'edge.alternative', style: { 'line-color': '#b3bccb', 'target-arrow-color': '#b3bccb' } },
];

export interface GraphCanvasProps {
  elements: ElementDefinition[];
  /** What the drawing shows, in words: its accessible name. */
  label: string;
  direction?: 'LR' | 'TB';
}

/**
 * A layered drawing (dagre) of the given elements. The drawing is a picture of the text beside it, which
 * carries the same content for screen readers and tests; so it is an image with a summary for a label.
 * A node whose data has an `href` opens that page when clicked (the list beside it has the same links).
 */
export function GraphCanvas({ elements, label, direction = 'LR' }: GraphCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements,
      style: STYLE,
      layout: { name: 'dagre', rankDir: direction, nodeSep: 8, rankSep: 36, edgeSep: 4 } as cytoscape.LayoutOptions,
      autoungrabify: true,
      boxSelectionEnabled: false,
      minZoom: 0.2,
      maxZoom: 2,
    });
    const element = container.current;
    cy.on('tap', 'node[href]', (event) => navigate(event.target.data('href') as string));
    cy.on('mouseover', 'node[href]', () => element.style.setProperty('cursor', 'pointer'));
    cy.on('mouseout', 'node[href]', () => element.style.removeProperty('cursor'));
    return () => cy.destroy();
  }, [elements, direction]);
  return <div ref={container} class="graph" role="img" aria-label={label} />;
}
