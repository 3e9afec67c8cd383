import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'preact/hooks';

/**
 * A chart drawn by Observable Plot. It is a picture of the text next to it (a table or a list, which carry
 * the same figures for screen readers, keyboards and tests), so it is an image with a summary for a label.
 */
export function PlotFigure({
  options,
  label,
  colorLegend,
  class: className,
}: {
  options: Plot.PlotOptions;
  label: string;
  /** A legend of the color scale, above the chart. */
  colorLegend?: Plot.LegendOptions;
  class?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = Plot.plot(options);
    const legend = colorLegend && chart.legend('color', colorLegend);
    // the summary (the label) stands for the picture: Plot's own labels of its parts are not read
    for (const part of [chart, legend]) part?.setAttribute('aria-hidden', 'true');
    container.current?.replaceChildren(...(legend ? [legend] : []), chart);
    return () => {
      chart.remove();
      legend?.remove();
    };
  }, [options, colorLegend]);
  return <div ref={container} class={className ? `plot ${className}` : 'plot'} role="img" aria-label={label} />;
}
