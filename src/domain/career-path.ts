import { type CareerPath, findCareerPath } from '../analysis/career-path.js';
import { BadUserInputError } from '../errors.js';
import { careerIndexFor } from './graph-caches.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

export const DEFAULT_MAX_STEP_HOURS = 300;

/** The cheapest chain of feasible role changes between two roles named by the user; null when none exists. */
export async function planCareerPath(
  scope: RequestScope,
  request: { from: string; to: string; maxStepHours?: number | null },
): Promise<CareerPath | null> {
  const maxStepHours = request.maxStepHours ?? DEFAULT_MAX_STEP_HOURS;
  if (maxStepHours < 0) throw new BadUserInputError('Argument "maxStepHours" must not be negative.', 'maxStepHours');
  const [from, to] = await Promise.all([
    resolveReference(scope, { text: request.from, labels: ['Role'], argument: 'from' }),
    resolveReference(scope, { text: request.to, labels: ['Role'], argument: 'to' }),
  ]);
  return findCareerPath(await careerIndexFor(scope), from.key, to.key, maxStepHours);
}
