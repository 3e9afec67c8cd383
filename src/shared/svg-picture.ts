// One standalone SVG file from the SVG elements Plot draws (a legend above its chart), in the browser (the
// explorer's downloads) and in Node with linkedom (GET /export/overlap.svg). Only the DOM calls below are used,
// typed structurally so that the service, which has no DOM types, compiles it too.

export const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

export interface PictureElement {
  readonly tagName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly childNodes: ArrayLike<unknown>;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  setAttributeNS(namespace: string | null, name: string, value: string): void;
  append(...nodes: never[]): void;
  cloneNode(deep?: boolean): unknown;
}

export interface PictureDocument {
  createElementNS(namespace: string, name: string): unknown;
}

/** Attributes of Plot's `<svg>` that size it or speak for it in the page, not kept on its group. */
const SVG_ONLY = new Set(['width', 'height', 'viewBox', 'aria-hidden', 'xmlns', 'xmlns:xlink']);

/**
 * An `<svg>` (with its namespaces, for a file) holding `parts` one under the other, each as a group that keeps
 * its presentation attributes (font, fill, text anchor, style) and its content, on a white background (a PNG
 * drawn from it is not transparent). The parts themselves are left as they are (their copies are moved).
 */
export function standalonePicture(
  document: PictureDocument,
  parts: readonly PictureElement[],
  title?: string,
): PictureElement {
  const create = (name: string) => document.createElementNS(SVG_NS, name) as PictureElement;
  const svg = create('svg');
  svg.setAttributeNS(XMLNS_NS, 'xmlns', SVG_NS);
  svg.setAttributeNS(XMLNS_NS, 'xmlns:xlink', XLINK_NS);
  const width = Math.ceil(Math.max(0, ...parts.map((part) => Number(part.getAttribute('width') ?? 0))));
  const heights = parts.map((part) => Math.ceil(Number(part.getAttribute('height') ?? 0)));
  const height = heights.reduce((sum, value) => sum + value, 0);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (title) {
    const element = create('title');
    (element as unknown as { textContent: string }).textContent = title;
    svg.append(element as never);
  }
  const background = create('rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', 'white');
  svg.append(background as never);
  let top = 0;
  parts.forEach((part, i) => {
    const copy = part.cloneNode(true) as PictureElement;
    const group = create('g');
    for (const { name, value } of Array.from(copy.attributes)) {
      if (!SVG_ONLY.has(name)) group.setAttribute(name, value);
    }
    if (top > 0) group.setAttribute('transform', `translate(0,${top})`);
    group.append(...(Array.from(copy.childNodes) as never[]));
    svg.append(group as never);
    top += heights[i] ?? 0;
  });
  return svg;
}
