import type * as Plot from '@observablehq/plot';
import type { OverlapCell } from '../../../src/shared/overlap-heatmap.ts';

// The heatmap's options are shared with the service's GET /export/overlap.svg; only the clicks are the explorer's.
export {
  closestPair,
  formatJaccard,
  HEATMAP_LEGEND,
  heatmapOptions,
  type OverlapCell,
  overlapCells,
  type Role,
} from '../../../src/shared/overlap-heatmap.ts';

/** The render transform of the pairs' cells: a click on a cell selects its pair. */
export function clickablePairs(onSelect: (cell: OverlapCell) => void) {
  return (pairs: readonly OverlapCell[]): Plot.RenderFunction =>
    function render(index, scales, values, dimensions, context, next) {
      const group = next?.(index, scales, values, dimensions, context) ?? null;
      // Plot draws one rect per datum, in index order
      group?.querySelectorAll('rect').forEach((rect, i) => {
        const cell = pairs[index[i] as number];
        if (!cell) return;
        rect.dataset.pair = `${cell.a.key},${cell.b.key}`;
        rect.style.cursor = 'pointer';
        rect.addEventListener('click', () => onSelect(cell));
      });
      return group;
    };
}
