import * as Plot from '@observablehq/plot';

export interface BridgeSkill {
  readonly score: number;
  readonly exact: boolean;
  readonly errorBound: number;
  readonly skill: { readonly key: string; readonly name: string };
}

/** Betweenness as shown: whole numbers (the scores are sums of path shares), in the chart and the list. */
export const formatScore = (score: number) => Math.round(score).toLocaleString('en-GB');

/** The ranking as a horizontal bar chart, highest first, each bar labelled with its score. */
export function bridgeChartOptions(ranking: readonly BridgeSkill[]): Plot.PlotOptions {
  const longest = Math.max(10, ...ranking.map((bridge) => bridge.skill.name.length));
  return {
    width: 760,
    height: 56 + ranking.length * 28,
    marginBottom: 46,
    marginLeft: Math.min(260, 16 + longest * 7),
    marginRight: 60,
    style: { fontSize: '13px' },
    x: { label: 'Betweenness (shortest paths through the skill)', grid: true, labelOffset: 40 },
    y: { label: null, domain: ranking.map((bridge) => bridge.skill.name), tickSize: 0 },
    marks: [
      Plot.barX(ranking, { x: 'score', y: (bridge: BridgeSkill) => bridge.skill.name, fill: '#1f5bb5' }),
      Plot.text(ranking, {
        x: 'score',
        y: (bridge: BridgeSkill) => bridge.skill.name,
        text: (bridge: BridgeSkill) => formatScore(bridge.score),
        textAnchor: 'start',
        dx: 4,
        fill: '#1a1a1a',
      }),
      Plot.ruleX([0]),
    ],
  };
}
