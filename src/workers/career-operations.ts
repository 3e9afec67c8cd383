import { buildCareerIndex, type CareerGraph, type CareerIndex, searchCareerPath } from '../analysis/career-path.js';
import { gapsToRole } from '../analysis/gaps-to.js';
import { findSimilarRoles, overlapMatrix, overlapMatrixRows, overlapOfRoles } from '../analysis/role-overlap.js';
import { buildLearningPlan, computeSkillGap } from '../analysis/skill-gap.js';

/** What the career-index worker answers: functions of the index, with arguments and results that clone. */
export const careerOperations = {
  searchCareerPath,
  computeSkillGap,
  buildLearningPlan,
  overlapOfRoles,
  findSimilarRoles,
  overlapMatrix,
  gapsToRole,
  overlapMatrixRows,
} satisfies Record<string, (index: CareerIndex, ...args: never[]) => unknown>;

export type CareerOperations = typeof careerOperations;
export type CareerOperationName = keyof CareerOperations;
export type ArgumentsOf<K extends CareerOperationName> =
  Parameters<CareerOperations[K]> extends [CareerIndex, ...infer Rest] ? Rest : never;

export type CareerWorkerRequest =
  | { id: number; kind: 'load'; version: string; graph: CareerGraph }
  | { id: number; kind: 'call'; version: string; operation: CareerOperationName; args: unknown[] };

export type CareerWorkerReply =
  | { id: number; value: unknown; buildMs?: number }
  | { id: number; error: string }
  | { id: number; unknownVersion: true };

/** Indexes kept by the worker, most recently used last: a few graph versions may be served at once. */
export const KEPT_INDEXES = 3;

/** The worker's state and its answer to one request (plain, so it can be tested on the main thread). */
export function createCareerIndexHost() {
  const indexes = new Map<string, CareerIndex>();
  return (request: CareerWorkerRequest): CareerWorkerReply => {
    try {
      if (request.kind === 'load') {
        const started = performance.now();
        indexes.delete(request.version);
        indexes.set(request.version, buildCareerIndex(request.graph));
        while (indexes.size > KEPT_INDEXES) indexes.delete(indexes.keys().next().value as string);
        return { id: request.id, value: null, buildMs: performance.now() - started };
      }
      const index = indexes.get(request.version);
      if (!index) return { id: request.id, unknownVersion: true };
      indexes.delete(request.version);
      indexes.set(request.version, index);
      const operation = careerOperations[request.operation] as (index: CareerIndex, ...args: unknown[]) => unknown;
      return { id: request.id, value: operation(index, ...request.args) };
    } catch (error) {
      return { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
