import { type CareerIndex, haveOf } from './career-path.js';
import { orderByPrerequisites, totalHours, withPrerequisites } from './skill-closure.js';

/** Someone's starting point: a role they hold, skills and tools they have, or nothing at all (keys). */
export interface Profile {
  role?: string;
  skills: readonly string[];
  tools?: readonly string[];
}

/** The tools of a profile: those listed and those of its role. */
function toolsOfProfile(index: CareerIndex, profile: Profile): Set<string> {
  const tools = new Set(profile.tools ?? []);
  if (profile.role !== undefined) for (const tool of index.graph.tools?.get(profile.role) ?? []) tools.add(tool);
  return tools;
}

/** have(profile) = have(role) plus the listed skills and all their transitive prerequisites. */
export function haveOfProfile(index: CareerIndex, profile: Profile): Set<string> {
  const have = withPrerequisites(profile.skills, index.skills);
  if (profile.role !== undefined) {
    for (const skill of haveOf(index, profile.role)) have.add(skill);
  }
  return have;
}

export interface SkillGap {
  missingEssential: string[];
  missingOptional: string[];
  covered: string[];
  /** Share of the target's ESSENTIAL skills already had, 0..1 (1 when it has none). */
  coverage: number;
  /** learningHours of have(target) − have(profile). */
  hoursToClose: number;
  /** The target's tools the profile does not have (its listed tools and its role's), and those it has. */
  missingTools: string[];
  coveredTools: string[];
}

/** How far a profile is from a target role. Skill lists are in key order. */
export function computeSkillGap(index: CareerIndex, profile: Profile, target: string): SkillGap {
  const have = haveOfProfile(index, profile);
  const essential = [...(index.graph.roles.get(target) ?? [])].sort();
  const optional = [...(index.graph.optionalSkills?.get(target) ?? [])].sort();
  const toClose = [...haveOf(index, target)].filter((skill) => !have.has(skill));
  const tools = toolsOfProfile(index, profile);
  const targetTools = [...(index.graph.tools?.get(target) ?? [])].sort();
  return {
    missingEssential: essential.filter((skill) => !have.has(skill)),
    missingOptional: optional.filter((skill) => !have.has(skill)),
    covered: [...essential, ...optional].filter((skill) => have.has(skill)).sort(),
    coverage: essential.length === 0 ? 1 : essential.filter((skill) => have.has(skill)).length / essential.length,
    hoursToClose: totalHours(toClose, index.skills),
    missingTools: targetTools.filter((tool) => !tools.has(tool)),
    coveredTools: targetTools.filter((tool) => tools.has(tool)),
  };
}

export type LearningReason = 'ESSENTIAL' | 'OPTIONAL' | 'PREREQUISITE';

export interface LearningStep {
  position: number;
  skill: string;
  hours: number;
  /** Hours of this step and all before it. */
  runningTotalHours: number;
  reason: LearningReason;
  /** Later skills of the plan this one is a direct prerequisite of, in plan order. */
  unlocks: string[];
}

export interface LearningPlan {
  totalHours: number;
  steps: LearningStep[];
}

/**
 * Exactly have(target) − have(profile) (with includeOptional, also the target's OPTIONAL skills not had
 * and their missing prerequisites), each skill after all of its prerequisites, ties by key.
 */
export function buildLearningPlan(
  index: CareerIndex,
  profile: Profile,
  target: string,
  includeOptional: boolean,
): LearningPlan {
  const have = haveOfProfile(index, profile);
  const essential = new Set(index.graph.roles.get(target) ?? []);
  const optional = new Set(includeOptional ? (index.graph.optionalSkills?.get(target) ?? []) : []);
  const wanted = new Set(haveOf(index, target));
  for (const skill of withPrerequisites(optional, index.skills)) wanted.add(skill);
  const order = orderByPrerequisites(
    [...wanted].filter((skill) => !have.has(skill)),
    index.skills,
  );
  const inPlan = new Set(order);
  const unlocks = new Map<string, string[]>();
  for (const skill of order) {
    for (const prerequisite of index.skills.get(skill)?.prerequisites ?? []) {
      if (inPlan.has(prerequisite)) unlocks.set(prerequisite, [...(unlocks.get(prerequisite) ?? []), skill]);
    }
  }
  let runningTotalHours = 0;
  const steps = order.map((skill, i) => {
    const hours = index.skills.get(skill)?.hours ?? 0;
    runningTotalHours += hours;
    return {
      position: i + 1,
      skill,
      hours,
      runningTotalHours,
      reason: (essential.has(skill)
        ? 'ESSENTIAL'
        : optional.has(skill)
          ? 'OPTIONAL'
          : 'PREREQUISITE') as LearningReason,
      unlocks: unlocks.get(skill) ?? [],
    };
  });
  return { totalHours: steps.reduce((sum, step) => sum + step.hours, 0), steps };
}
