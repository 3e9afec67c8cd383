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

/** How many times a plan is fetched again from its first page when the graph changes while it is paged. */
const GRAPH_CHANGE_RETRIES = 3;

/**
 * The whole plan from a profile to a target role, fetched a page at a time. Positions are stable only
 * within one graph version, so a page from another version than the first starts the plan again. A page
 * size over the service's limit is lowered to the limit it reports (LIMIT_EXCEEDED on `pageSize` carries
 * `max`) rather than failing.
 */
export async function learningPath(
  skillGraph: SkillGraph,
  from: Profile,
  to: string,
  pageSize: number,
  onPageSizeLowered: (limit: number) => void = () => {},
): Promise<LearningPath> {
  let first = pageSize;
  for (let attempt = 0; ; attempt++) {
    const steps: Plan['steps'] = [];
    let version: string | undefined;
    for (;;) {
      let data: LearningPathQuery;
      try {
        data = await skillGraph.query(LearningPathDocument, { from, to, afterPosition: steps.length, first });
      } catch (error) {
        const max =
          error instanceof SkillGraphError && error.code === 'LIMIT_EXCEEDED' && error.extensions.limit === 'pageSize'
            ? error.extensions.max
            : undefined;
        if (typeof max === 'number' && max > 0 && max < first) {
          first = max;
          onPageSizeLowered(first);
          continue;
        }
        throw explainNotFound(error);
      }
      version ??= data.graphVersion;
      if (data.graphVersion !== version) break;
      steps.push(...data.learningPlan.steps);
      if (steps.length >= data.learningPlan.stepCount || data.learningPlan.steps.length === 0) {
        return {
          graphVersion: version,
          coverage: data.skillGap.coverage,
          missingTools: data.skillGap.missingTools.map((tool) => tool.name),
          totalHours: data.learningPlan.totalHours,
          hoursEstimated: data.learningPlan.hoursEstimated,
          steps,
        };
      }
    }
    if (attempt >= GRAPH_CHANGE_RETRIES) {
      throw new SkillGraphError(
        'The graph kept changing while the plan was paged; try again later.',
        'GRAPH_CHANGED',
        {},
      );
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
