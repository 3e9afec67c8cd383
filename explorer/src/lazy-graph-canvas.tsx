import { useEffect, useState } from 'preact/hooks';
import type { GraphCanvas, GraphCanvasProps } from './graph-canvas.tsx';

let loading: Promise<typeof GraphCanvas> | undefined;

/**
 * The graph canvas, its code (cytoscape and dagre) loaded when a view first draws, so the views that only
 * sometimes draw stay small. Until then, the same labelled box, busy.
 */
export function LazyGraphCanvas(props: GraphCanvasProps) {
  const [Canvas, setCanvas] = useState<typeof GraphCanvas>();
  useEffect(() => {
    loading ??= import('./graph-canvas.tsx').then((module) => module.GraphCanvas);
    let mounted = true;
    void loading.then((canvas) => mounted && setCanvas(() => canvas));
    return () => {
      mounted = false;
    };
  }, []);
  if (Canvas) return <Canvas {...props} />;
  return <div class="graph" role="img" aria-label={props.label} aria-busy="true" />;
}
