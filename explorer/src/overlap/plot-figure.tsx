import * as Plot from '@observablehq/plot';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type PictureElement, standalonePicture } from '../../../src/shared/svg-picture.ts';

/** The chart's picture as a file: its name without the extension, and what it shows (for the buttons' group). */
export interface PictureDownload {
  readonly file: string;
  readonly what: string;
}

/** PNG pixels per SVG pixel: sharp on a high-density screen or in print. */
const PNG_SCALE = 2;

/**
 * A chart drawn by Observable Plot. It is a picture of the text next to it (a table or a list, which carry
 * the same figures for screen readers, keyboards and tests), so it is an image with a summary for a label.
 * With `download`, buttons under it save the picture (the legend above the chart) as SVG or PNG.
 */
export function PlotFigure({
  options,
  label,
  colorLegend,
  download,
  class: className,
}: {
  options: Plot.PlotOptions;
  label: string;
  /** A legend of the color scale, above the chart. */
  colorLegend?: Plot.LegendOptions;
  download?: PictureDownload;
  class?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const parts = useRef<SVGSVGElement[]>([]);
  useEffect(() => {
    const chart = Plot.plot(options);
    const legend = colorLegend && chart.legend('color', colorLegend);
    // the summary (the label) stands for the picture: Plot's own labels of its parts are not read
    for (const part of [chart, legend]) part?.setAttribute('aria-hidden', 'true');
    container.current?.replaceChildren(...(legend ? [legend] : []), chart);
    parts.current = [legend, chart].filter((part): part is SVGSVGElement => part instanceof SVGSVGElement);
    return () => {
      chart.remove();
      legend?.remove();
      parts.current = [];
    };
  }, [options, colorLegend]);
  const figure = <div ref={container} class={className ? `plot ${className}` : 'plot'} role="img" aria-label={label} />;
  if (!download) return figure;
  return (
    <div class="plot-with-downloads">
      {figure}
      <PictureButtons download={download} picture={() => pictureOf(parts.current, label)} />
    </div>
  );
}

/** The chart as one SVG document's text. */
function pictureOf(parts: readonly SVGSVGElement[], title: string): { svg: string; width: number; height: number } {
  const picture = standalonePicture(document, parts as unknown as PictureElement[], title) as unknown as SVGSVGElement;
  return {
    svg: new XMLSerializer().serializeToString(picture),
    width: Number(picture.getAttribute('width')),
    height: Number(picture.getAttribute('height')),
  };
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The SVG drawn on a canvas at PNG_SCALE (a data: address: the page's img-src allows it, blob: it does not). */
async function pngOf({ svg, width, height }: { svg: string; width: number; height: number }): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * PNG_SCALE);
  canvas.height = Math.ceil(height * PNG_SCALE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.scale(PNG_SCALE, PNG_SCALE);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png'),
  );
}

function PictureButtons({
  download,
  picture,
}: {
  download: PictureDownload;
  picture: () => { svg: string; width: number; height: number };
}) {
  const [problem, setProblem] = useState<string>();
  const run = (make: () => Promise<void>) => () => {
    setProblem(undefined);
    make().catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  };
  return (
    <fieldset class="picture-downloads" aria-label={`Download ${download.what}`}>
      <button
        type="button"
        onClick={run(async () => save(new Blob([picture().svg], { type: 'image/svg+xml' }), `${download.file}.svg`))}
      >
        Download SVG
      </button>
      <button type="button" onClick={run(async () => save(await pngOf(picture()), `${download.file}.png`))}>
        Download PNG
      </button>
      {problem && <span role="alert">{problem}</span>}
    </fieldset>
  );
}
