import type { LearningPathQuery } from './gql/graphql.js';
import { graphql } from './gql/index.js';
import { type SkillGraph, SkillGraphError } from './skillgraph-client.js';

export const LearningPathDocument = graphql(`
  query LearningPath($from: ProfileInput!, $to: String!, $afterPosition: Int!, $first: Int) {
    graphVersion
    skillGap(from: $from, to: $to) {
      coverage
      hoursToClose
      missingTools {
        name
      }
    }
    learningPlan(from: $from, to: $to) {
      stepCount
      totalHours
      hoursEstimated
      steps(afterPosition: $afterPosition, first: $first) {
        position
        hours
        runningTotalHours
        reason
        skill {
          key
          name
        }
      }
    }
  }
`);

export interface Profile {
  role?: string;
  skills?: string[];
  tools?: string[];
}

type Plan = LearningPathQuery['learningPlan'];

export interface LearningPath {
  /** The version of the graph the answer came from: plans of one version page consistently. */
  graphVersion: string;
  coverage: number;
  missingTools: string[];
  totalHours: number;
  hoursEstimated: boolean;
  steps: Plan['steps'];
}

/** Entities SkillGraph suggested for a name it did not find. */
export class UnknownName extends Error {
  constructor(
    message: string,
    readonly argument: string,
    readonly suggestions: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The whole plan from a profile to a target role, fetched a page at a time. A page size over the service's
 * limit is lowered to the limit it reports (LIMIT_EXCEEDED carries `max`) rather than failing.
 */
export async function learningPath(
  skillGraph: SkillGraph,
  from: Profile,
  to: string,
  pageSize: number,
  onPageSizeLowered: (limit: number) => void = () => {},
): Promise<LearningPath> {
  const steps: Plan['steps'] = [];
  let first = pageSize;
  for (;;) {
    let data: LearningPathQuery;
    try {
      data = await skillGraph.query(LearningPathDocument, { from, to, afterPosition: steps.length, first });
    } catch (error) {
      if (
        error instanceof SkillGraphError &&
        error.code === 'LIMIT_EXCEEDED' &&
        typeof error.extensions.max === 'number'
      ) {
        if (error.extensions.max < first && error.extensions.max > 0) {
          first = error.extensions.max;
          onPageSizeLowered(first);
          continue;
        }
      }
      throw explainNotFound(error);
    }
    steps.push(...data.learningPlan.steps);
    if (steps.length >= data.learningPlan.stepCount || data.learningPlan.steps.length === 0) {
      return {
        graphVersion: data.graphVersion,
        coverage: data.skillGap.coverage,
        missingTools: data.skillGap.missingTools.map((tool) => tool.name),
        totalHours: data.learningPlan.totalHours,
        hoursEstimated: data.learningPlan.hoursEstimated,
        steps,
      };
    }
  }
}

function explainNotFound(error: unknown): unknown {
  if (!(error instanceof SkillGraphError) || error.code !== 'NOT_FOUND') return error;
  const suggestions = (error.extensions.suggestions as { name: string }[] | undefined) ?? [];
  return new UnknownName(
    error.message,
    String(error.extensions.argument ?? ''),
    suggestions.map((suggestion) => suggestion.name),
  );
}
