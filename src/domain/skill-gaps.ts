import type { LearningPlan, SkillGap } from '../analysis/skill-gap.js';
import { careerIndexFor } from './graph-caches.js';
import { type ProfileArgument, resolveProfile } from './profile.js';
import { resolveReference } from './references.js';
import type { RequestScope } from './request-scope.js';

interface GapRequest {
  from: ProfileArgument;
  /** The target role: a key, name or alias. */
  to: string;
}

async function resolveGapRequest(scope: RequestScope, request: GapRequest) {
  const [profile, target] = await Promise.all([
    resolveProfile(scope, request.from, 'from'),
    resolveReference(scope, { text: request.to, labels: ['Role'], argument: 'to' }),
  ]);
  return { profile, target: target.key };
}

/** What a profile lacks for a target role, and the hours to close the gap. */
export async function skillGapTo(scope: RequestScope, request: GapRequest): Promise<SkillGap> {
  const { profile, target } = await resolveGapRequest(scope, request);
  return (await careerIndexFor(scope)).call('computeSkillGap', profile, target);
}

/** The skills to learn from a profile to a target role, each after its prerequisites. */
export async function learningPlanTo(
  scope: RequestScope,
  request: GapRequest & { includeOptional?: boolean | null },
): Promise<LearningPlan> {
  const { profile, target } = await resolveGapRequest(scope, request);
  return (await careerIndexFor(scope)).call('buildLearningPlan', profile, target, request.includeOptional ?? false);
}
