import * as Plot from '@observablehq/plot';

// The overlap heatmap as Observable Plot options, drawn by the explorer (explorer/src/overlap) in the browser
// and by the service (GET /export/overlap.svg) with a DOM for Node: nothing here touches a document.

export interface Role {
  readonly key: string;
  readonly name: string;
}

/** One cell of the matrix: roles[row] against roles[column]. */
export interface OverlapCell {
  readonly row: number;
  readonly column: number;
  readonly a: Role;
  readonly b: Role;
  readonly jaccard: number;
}

/** The figure as shown (two decimals), also in the table and the cells' labels. */
export const formatJaccard = (jaccard: number) => jaccard.toFixed(2);

export function overlapCells(roles: readonly Role[], jaccard: readonly (readonly number[])[]): OverlapCell[] {
  return roles.flatMap((a, row) =>
    roles.map((b, column) => ({ row, column, a, b, jaccard: jaccard[row]?.[column] ?? 0 })),
  );
}

/** The pair of different roles that share the most, for the summary. */
export function closestPair(cells: readonly OverlapCell[]): OverlapCell | undefined {
  return cells
    .filter((cell) => cell.row < cell.column)
    .reduce<OverlapCell | undefined>((best, cell) => (!best || cell.jaccard > best.jaccard ? cell : best), undefined);
}

/** The colour ramp above the heatmap (a margin, so the first tick's label is not cut). */
export const HEATMAP_LEGEND: Plot.LegendOptions = { marginLeft: 14, width: 320 };

/**
 * The heatmap as Plot options: a cell per pair coloured by its Jaccard index, the figure written in it. The
 * diagonal (a role with itself, always 1) is grey and left out of the colour scale, so the scale spends its
 * range on the pairs that differ. `renderPairs`, if given, is the render transform of the pairs' cells (the
 * explorer's makes them clickable).
 */
export function heatmapOptions(
  roles: readonly Role[],
  cells: readonly OverlapCell[],
  renderPairs?: (pairs: readonly OverlapCell[]) => Plot.RenderFunction,
): Plot.PlotOptions {
  const names = new Map(roles.map((role) => [role.key, role.name]));
  const pairs = cells.filter((cell) => cell.row !== cell.column);
  const diagonal = cells.filter((cell) => cell.row === cell.column);
  const highest = Math.max(0.05, ...pairs.map((cell) => cell.jaccard));
  const size = Math.max(26, Math.min(64, Math.floor(760 / Math.max(roles.length, 1))));
  const fontSize = size < 34 ? 9 : 12;
  // room for the names: about 0.6 em a character
  const longest = Math.max(...roles.map((role) => role.name.length));
  const charWidth = (fontSize + 2) * 0.6;
  const marginLeft = Math.min(260, 20 + longest * charWidth);
  // many columns: the names turned further, so that they do not run into each other
  const turn = roles.length > 8 ? 60 : 35;
  const marginTop = Math.min(200, 24 + longest * charWidth * Math.sin((turn * Math.PI) / 180));
  const dark = (cell: OverlapCell) => cell.row !== cell.column && cell.jaccard > highest * 0.55;
  // the last column's name, turned, runs to the right
  const marginRight = Math.max(
    10,
    Math.min(220, 10 + longest * charWidth * Math.cos((turn * Math.PI) / 180) - size / 2),
  );
  const domain = roles.map((role) => role.key);
  return {
    width: marginLeft + roles.length * size + marginRight,
    height: marginTop + roles.length * size + 10,
    marginLeft,
    marginTop,
    marginRight,
    style: { fontSize: `${fontSize + 2}px` },
    x: {
      domain,
      axis: 'top',
      tickRotate: -turn,
      tickFormat: (key: string) => names.get(key),
      label: null,
      tickSize: 0,
    },
    y: { domain, tickFormat: (key: string) => names.get(key), label: null, tickSize: 0 },
    color: {
      type: 'linear',
      scheme: 'blues',
      domain: [0, highest],
      label: 'Jaccard index (shared skills / all skills of the two)',
    },
    marks: [
      Plot.cell(diagonal, {
        x: (cell: OverlapCell) => cell.b.key,
        y: (cell: OverlapCell) => cell.a.key,
        fill: '#e4e7ec',
        inset: 1,
      }),
      Plot.cell(pairs, {
        x: (cell: OverlapCell) => cell.b.key,
        y: (cell: OverlapCell) => cell.a.key,
        fill: (cell: OverlapCell) => cell.jaccard,
        inset: 1,
        title: (cell: OverlapCell) =>
          `${cell.a.name} and ${cell.b.name}: ${formatJaccard(cell.jaccard)}${renderPairs ? ' (click for the skills)' : ''}`,
        ...(renderPairs ? { render: renderPairs(pairs) } : {}),
      }),
      Plot.text(cells, {
        x: (cell: OverlapCell) => cell.b.key,
        y: (cell: OverlapCell) => cell.a.key,
        text: (cell: OverlapCell) => formatJaccard(cell.jaccard),
        fill: (cell: OverlapCell) => (dark(cell) ? 'white' : '#1a1a1a'),
        fontSize,
        pointerEvents: 'none',
      }),
    ],
  };
}
