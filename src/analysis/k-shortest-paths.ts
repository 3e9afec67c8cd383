import { comparePaths, type GraphPath, type PathShape, type PathStep, pathIdentity } from './graph-path.js';

/** A request to the shortest-path oracle: the first path of the order from `from` to the target. */
export interface SpurRequest {
  from: string;
  /** Nodes the path must not visit (besides `from`). */
  excludedNodes: string[];
  /** Relationships (by id) the path must not walk. */
  excludedRelationships: string[];
  /** Longest the path may be. */
  maxHops: number;
}

/** A path as Yen's algorithm builds it: nodes with keys (and whatever else the oracle gives them), and steps. */
export interface OraclePath<N extends { key: string } = { key: string }> extends PathShape {
  nodes: N[];
  steps: PathStep[];
}

/**
 * Answers several spur requests towards one target at once (one database round trip, say), each with the
 * first path of the order of `comparePaths` among the shortest ones, or null.
 */
export type ShortestPathOracle<P extends OraclePath<{ key: string }> = GraphPath> = (
  requests: SpurRequest[],
) => Promise<(P | null)[]>;

/**
 * Yen's algorithm: the k shortest simple paths from `source` to the oracle's target, in the order of
 * `comparePaths`. Every round asks the oracle once, for all the spur paths of the last path found.
 */
export async function findKShortestPaths<N extends { key: string }>(
  oracle: ShortestPathOracle<OraclePath<N>>,
  source: string,
  k: number,
  maxHops: number,
): Promise<OraclePath<N>[]> {
  const [first] = await oracle([{ from: source, excludedNodes: [], excludedRelationships: [], maxHops }]);
  if (!first || k < 1) return [];
  const found: OraclePath<N>[] = [first];
  const candidates = new Map<string, OraclePath<N>>();

  while (found.length < k) {
    const last = found.at(-1) as OraclePath<N>;
    const requests: { rootLength: number; request: SpurRequest }[] = [];
    for (let i = 0; i < last.steps.length; i++) {
      const rootKeys = last.nodes.slice(0, i + 1).map((n) => n.key);
      const rootSteps = last.steps.slice(0, i);
      // Paths sharing this root (the same relationships, not just the same nodes: two skills can be
      // joined by more than one relationship) may not leave it the way they already did.
      const excludedRelationships = new Set<string>();
      for (const path of found) {
        if (
          path.steps.length > i &&
          rootSteps.every((step, j) => path.steps[j]?.relationshipId === step.relationshipId)
        ) {
          const step = path.steps[i];
          if (step) excludedRelationships.add(step.relationshipId);
        }
      }
      requests.push({
        rootLength: i,
        request: {
          from: rootKeys[i] as string,
          excludedNodes: rootKeys.slice(0, i),
          excludedRelationships: [...excludedRelationships],
          maxHops: maxHops - i,
        },
      });
    }
    const spurs = await oracle(requests.map((r) => r.request));
    spurs.forEach((spur, index) => {
      const rootLength = requests[index]?.rootLength ?? 0;
      if (!spur) return;
      const candidate: OraclePath<N> = {
        nodes: [...last.nodes.slice(0, rootLength), ...spur.nodes],
        steps: [...last.steps.slice(0, rootLength), ...spur.steps],
      };
      const identity = pathIdentity(candidate);
      if (!found.some((path) => pathIdentity(path) === identity)) candidates.set(identity, candidate);
    });
    const next = [...candidates.values()].sort(comparePaths)[0];
    if (!next) break;
    candidates.delete(pathIdentity(next));
    found.push(next);
  }
  return found;
}
