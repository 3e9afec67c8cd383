/** Kahn's algorithm: every node can be taken once nothing points at it any more. */
export function isAcyclic(edges: readonly { from: string; to: string }[]): boolean {
  const incoming = new Map<string, number>();
  const outgoing = new Map<string, string[]>();
  for (const { from, to } of edges) {
    incoming.set(from, incoming.get(from) ?? 0);
    incoming.set(to, (incoming.get(to) ?? 0) + 1);
    outgoing.set(from, [...(outgoing.get(from) ?? []), to]);
  }
  const ready = [...incoming].filter(([, n]) => n === 0).map(([node]) => node);
  let taken = 0;
  for (let node = ready.pop(); node !== undefined; node = ready.pop()) {
    taken += 1;
    for (const next of outgoing.get(node) ?? []) {
      const left = (incoming.get(next) ?? 0) - 1;
      incoming.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return taken === incoming.size;
}
