import { compareText } from './import-log.js';

export interface DirectedEdge {
  from: string;
  to: string;
}

/**
 * Splits edges into a DAG and the rest: a depth-first walk from every node in key order, following edges in key
 * order, keeps each edge except those that lead back to a node still on the walk's path (back edges). Removing
 * every back edge leaves no cycle, and the result depends only on the edges, not on their order.
 * Edges are expected to be distinct and without self-loops.
 */
export function breakCycles<E extends DirectedEdge>(edges: readonly E[]): { kept: E[]; dropped: E[] } {
  const outgoing = new Map<string, E[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.from);
    if (list) list.push(edge);
    else outgoing.set(edge.from, [edge]);
  }
  for (const list of outgoing.values()) list.sort((a, b) => compareText(a.to, b.to));

  const ON_PATH = 1;
  const DONE = 2;
  const state = new Map<string, number>();
  const kept: E[] = [];
  const dropped: E[] = [];
  for (const root of [...outgoing.keys()].sort(compareText)) {
    if (state.has(root)) continue;
    state.set(root, ON_PATH);
    const stack: { node: string; next: number }[] = [{ node: root, next: 0 }];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { node: string; next: number };
      const edge = outgoing.get(frame.node)?.[frame.next];
      if (!edge) {
        state.set(frame.node, DONE);
        stack.pop();
        continue;
      }
      frame.next += 1;
      const seen = state.get(edge.to);
      if (seen === ON_PATH) {
        dropped.push(edge);
        continue;
      }
      kept.push(edge);
      if (seen === undefined) {
        state.set(edge.to, ON_PATH);
        stack.push({ node: edge.to, next: 0 });
      }
    }
  }
  return { kept, dropped };
}
