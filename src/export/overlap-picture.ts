import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { HEATMAP_LEGEND, heatmapOptions, overlapCells, type Role } from '../shared/overlap-heatmap.js';
import { type PictureElement, SVG_NS, standalonePicture } from '../shared/svg-picture.js';

/** The colour ramp's stops in the legend's gradient (of the 256 pixels Plot paints). */
const RAMP_STOPS = 17;

/** The minimal DOM element of linkedom used here (the service is compiled without DOM types). */
interface Element extends PictureElement {
  querySelectorAll(selectors: string): Iterable<Element>;
  replaceWith(...nodes: Element[]): void;
  prepend(...nodes: Element[]): void;
  toString(): string;
}

interface RampCanvas {
  width: number;
  height: number;
  colors: string[];
  getContext(kind: string): { fillStyle: string; fillRect(x: number): void };
  toDataURL(): string;
}

/**
 * A document for Plot in Node: linkedom's, with a stand-in for the one canvas Plot uses (it paints a
 * continuous legend's ramp on a canvas, pixel by pixel, and embeds it as a PNG). The stand-in keeps the
 * colours, and the ramp becomes an SVG gradient of them (see gradientRamps).
 */
function plotDocument() {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const ramps: RampCanvas[] = [];
  const createElement = document.createElement.bind(document);
  document.createElement = ((name: string, options?: unknown) => {
    if (name.toLowerCase() !== 'canvas') return createElement(name, options as never);
    const canvas: RampCanvas = {
      width: 0,
      height: 0,
      colors: [],
      getContext() {
        const context = {
          fillStyle: '',
          fillRect(x: number) {
            canvas.colors[x] = context.fillStyle;
          },
        };
        return context;
      },
      toDataURL: () => `#ramp-${ramps.indexOf(canvas)}`,
    };
    ramps.push(canvas);
    return canvas;
  }) as typeof document.createElement;
  return { document, ramps };
}

/** Replaces each ramp image of a legend by a rect filled with a linear gradient of the ramp's colours. */
function gradientRamps(document: ReturnType<typeof plotDocument>['document'], legend: Element, ramps: RampCanvas[]) {
  const create = (name: string) => document.createElementNS(SVG_NS, name) as unknown as Element;
  for (const image of Array.from(legend.querySelectorAll('image'))) {
    const href = image.getAttribute('xlink:href') ?? image.getAttribute('href') ?? '';
    const ramp = ramps[Number(/^#ramp-(\d+)$/.exec(href)?.[1] ?? -1)];
    if (!ramp) continue;
    const id = `ramp-${ramps.indexOf(ramp)}`;
    const gradient = create('linearGradient');
    gradient.setAttribute('id', id);
    for (let i = 0; i < RAMP_STOPS; i++) {
      const pixel = Math.round((i / (RAMP_STOPS - 1)) * (ramp.colors.length - 1));
      const stop = create('stop');
      stop.setAttribute('offset', String(i / (RAMP_STOPS - 1)));
      stop.setAttribute('stop-color', ramp.colors[pixel] ?? 'white');
      gradient.append(stop as never);
    }
    const defs = create('defs');
    defs.append(gradient as never);
    legend.prepend(defs);
    const rect = create('rect');
    for (const name of ['x', 'y', 'width', 'height', 'opacity']) {
      const value = image.getAttribute(name);
      if (value !== null) rect.setAttribute(name, value);
    }
    rect.setAttribute('fill', `url(#${id})`);
    image.replaceWith(rect);
  }
}

/**
 * The explorer's heatmap of an overlap matrix as a standalone SVG document: the colour legend above a cell per
 * pair with its figure (two decimals), the same Plot options as the explorer's (src/shared/overlap-heatmap.ts).
 */
export function overlapPicture(
  roles: readonly Role[],
  matrix: readonly (readonly number[])[],
  measure: string,
): string {
  const { document, ramps } = plotDocument();
  const cells = overlapCells(roles, matrix);
  const options = heatmapOptions(roles, cells);
  const label =
    measure === 'WEIGHTED_JACCARD'
      ? 'Weighted Jaccard index (essential skills and higher levels count more)'
      : (options.color?.label ?? null);
  const chart = Plot.plot({ ...options, color: { ...options.color, label }, document: document as never });
  const legend = chart.legend('color', HEATMAP_LEGEND) as unknown as Element | undefined;
  if (legend) gradientRamps(document, legend, ramps);
  const title = `${measure === 'WEIGHTED_JACCARD' ? 'Weighted Jaccard' : 'Jaccard'} overlaps of ${roles.length} ${roles.length === 1 ? 'role' : 'roles'}`;
  const parts = [legend, chart as unknown as Element].filter((part): part is Element => part !== undefined);
  const picture = standalonePicture(document as never, parts, title) as Element;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${picture.toString()}\n`;
}
