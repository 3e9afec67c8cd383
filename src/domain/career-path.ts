import type { CareerPath, CareerPathSearch } from '../analysis/career-path.js';
import { BadUserInputError } from '../errors.js';
import { careerIndexFor } from './graph-caches.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export interface CareerPathRequest {
  from: string;
  to: string;
  /** The largest move allowed; absent: the smallest limit under which a chain exists. */
  maxStepHours?: number | null;
}

/** A chain found, with the step limit it was searched under and its largest move. */
export type LimitedCareerPath = CareerPath & { stepLimitHours: number; largestStepHours: number };

/**
 * The search for a chain of role changes between two roles named by the user (see analysis/career-path.ts
 * searchCareerPath), run by the career-index worker.
 */
export async function searchCareerPathBetween(
  scope: RequestScope,
  request: CareerPathRequest,
): Promise<CareerPathSearch & { from: string; to: string }> {
  const maxStepHours = request.maxStepHours ?? null;
  if (maxStepHours !== null && maxStepHours < 0) {
    throw new BadUserInputError('Argument "maxStepHours" must not be negative.', 'maxStepHours');
  }
  const [from, to] = await Promise.all([
    resolveReference(scope, { text: request.from, labels: ['Role'], argument: 'from' }),
    resolveReference(scope, { text: request.to, labels: ['Role'], argument: 'to' }),
  ]);
  const search = await (await careerIndexFor(scope)).call('searchCareerPath', from.key, to.key, maxStepHours);
  return { ...search, from: from.key, to: to.key };
}

/** The cheapest chain of feasible role changes; null when none exists within the step limit. */
export async function planCareerPath(
  scope: RequestScope,
  request: CareerPathRequest,
): Promise<LimitedCareerPath | null> {
  const search = await searchCareerPathBetween(scope, request);
  return search.path && withLimit(search.path, search.stepLimitHours);
}

export function withLimit(path: CareerPath, stepLimitHours: number): LimitedCareerPath {
  return { ...path, stepLimitHours, largestStepHours: Math.max(0, ...path.steps.map((step) => step.hours)) };
}

/** One sentence on what the search found, or why it found nothing (role keys, hours as recorded on skills). */
export function explainCareerPathSearch(search: CareerPathSearch, from: string, to: string): string {
  const limit = search.limitGiven ? `maxStepHours ${search.stepLimitHours}` : 'no maxStepHours';
  switch (search.outcome) {
    case 'SAME_ROLE':
      return `${from} and ${to} are the same role: nothing to learn.`;
    case 'FOUND':
      return search.limitGiven
        ? `The chain with the fewest total hours whose every move needs at most ${search.stepLimitHours} h.`
        : `With ${limit}, the step limit is the smallest under which a chain exists, ${search.smallestFeasibleStepHours} h (the direct move needs ${search.directMoveHours} h); this is the chain with the fewest total hours under it.`;
    case 'NO_CHAIN_WITHIN_LIMIT': {
      const first = search.cheapestFirstMove;
      const firstMove = first
        ? search.stepLimitHours < first.hours
          ? ` Every move out of ${from} needs more than that: the cheapest, to ${first.to}, needs ${first.hours} h.`
          : ` The cheapest move out of ${from}, to ${first.to}, needs ${first.hours} h, but no chain goes on to ${to} within the limit.`
        : '';
      return `No chain of moves of at most ${search.stepLimitHours} h leads from ${from} to ${to}: every chain has a move of at least ${search.smallestFeasibleStepHours} h (the direct move needs ${search.directMoveHours} h).${firstMove} Raise maxStepHours to ${search.smallestFeasibleStepHours}, or leave it out.`;
    }
  }
}
