import type { EntityRecord, RelationType } from '../domain/career-graph.js';

/** FORWARD: a step walks its relationship from the stored start to the stored end; BACKWARD: against it. */
export type StepDirection = 'FORWARD' | 'BACKWARD';

/** One relationship of a path, in the order the path walks it (which may be against its stored direction). */
export interface PathStep {
  /** Neo4j's elementId: tells parallel relationships between the same two nodes apart. */
  relationshipId: string;
  relation: RelationType;
  from: string;
  to: string;
  /** Whether `from` is the relationship's stored start (FORWARD) or its stored end (BACKWARD). */
  direction?: StepDirection;
  importance?: string;
  level?: number;
  /** `level` is an estimate (imported requirements). */
  levelEstimated?: boolean;
}

/** A simple path: `nodes` has one more entry than `steps`. */
export interface GraphPath {
  nodes: EntityRecord[];
  steps: PathStep[];
}

/** What the order of paths and their identity look at: node keys, relationship types and ids. */
export interface PathShape {
  nodes: readonly { key: string }[];
  steps: readonly Pick<PathStep, 'relationshipId' | 'relation'>[];
}

/**
 * The total order of paths: shorter first, then by the keys of their nodes, then by the relationship types
 * walked. Comparing two paths with a common prefix comes down to comparing what follows it, which is what
 * lets Yen's algorithm return exactly the first k paths of this order.
 */
export function comparePaths(a: PathShape, b: PathShape): number {
  return (
    a.steps.length - b.steps.length ||
    compareSequences(
      a.nodes.map((n) => n.key),
      b.nodes.map((n) => n.key),
    ) ||
    compareSequences(
      a.steps.map((s) => s.relation),
      b.steps.map((s) => s.relation),
    )
  );
}

export function compareSequences(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Identity of a path: its relationships (parallel relationships make paths with the same nodes distinct). */
export function pathIdentity(path: PathShape): string {
  return `${path.nodes[0]?.key ?? ''}|${path.steps.map((s) => s.relationshipId).join('|')}`;
}
