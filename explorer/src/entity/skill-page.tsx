import { useMemo } from 'preact/hooks';
import { useDocumentTitle } from '../document-title.ts';
import { viewQuery } from '../graphql-client.ts';
import { LazyGraphCanvas } from '../lazy-graph-canvas.tsx';
import { type Connection, type NextPage, PagedList } from '../paged-list.tsx';
import { useQuery } from '../use-query.ts';
import {
  EntityHeader,
  EntityLink,
  hoursText,
  levelText,
  NotFound,
  QueryFailed,
  SameAsSection,
  Section,
} from './entity-parts.tsx';
import { prerequisiteElements, type SkillNeighbourhood } from './prerequisite-drawing.ts';
import RELATED_SKILLS from './related-skills.graphql?raw';
import SKILL from './skill.graphql?raw';
import SKILL_PREREQUISITES from './skill-prerequisites.graphql?raw';
import SKILL_ROLES from './skill-roles.graphql?raw';
import SKILL_TOOLS from './skill-tools.graphql?raw';
import SKILL_UNLOCKS from './skill-unlocks.graphql?raw';

interface SkillNode {
  key: string;
  name: string;
  learningHours: number;
  learningHoursEstimated: boolean;
}
interface PrerequisiteEdge {
  distance: number;
  node: SkillNode & { prerequisites?: { edges: { node: { key: string } }[] } };
}
interface SkillEdge {
  node: SkillNode;
}
interface RoleEdge {
  importance: 'ESSENTIAL' | 'OPTIONAL';
  level: number;
  levelEstimated: boolean;
  node: { key: string; name: string };
}
interface ToolEdge {
  node: { key: string; name: string; kind: string };
}
interface Skill extends SkillNode {
  description: string;
  aliases: string[];
  category: string;
  source: string;
  prerequisites: Connection<PrerequisiteEdge>;
  unlocks: Connection<SkillEdge>;
  roles: Connection<RoleEdge>;
  tools: Connection<ToolEdge>;
  related: Connection<SkillEdge>;
  sameAs: { __typename: 'Role' | 'Skill' | 'Tool'; key: string; name: string; source: string }[];
}

type SkillList<E> = { skill: Record<string, Connection<E>> | null };

function skillPages<E>(document: string, field: string, key: string): NextPage<E> {
  return {
    query: (after, first) => viewQuery(document, { key, first, after }),
    pick: (data) => (data as SkillList<E>).skill?.[field],
  };
}

const distanceText = (distance: number) => (distance === 1 ? 'direct prerequisite' : `${distance} steps before`);

/**
 * `/skill/<key>`: what to learn before it (transitive, drawn as a layered graph), what it unlocks, which
 * roles need it and which tools support it.
 */
export function SkillPage({ entityKey }: { entityKey: string }) {
  const query = useMemo(() => viewQuery(SKILL, { key: entityKey }), [entityKey]);
  const state = useQuery<{ skill: Skill | null }>(query);
  const skill = state.status === 'done' ? state.data.skill : null;
  const elements = useMemo(
    () =>
      skill
        ? prerequisiteElements({
            skill,
            prerequisites: skill.prerequisites.edges as SkillNeighbourhood['prerequisites'],
            unlocks: skill.unlocks.edges,
          })
        : [],
    [skill],
  );
  useDocumentTitle(state.status === 'done' ? (skill?.name ?? 'No such skill') : undefined);
  if (state.status === 'loading') return <p role="status">Loading the skill…</p>;
  if (state.status === 'error') return <QueryFailed message={state.error.message} query={query} />;
  if (!skill) return <NotFound kind="skill" entityKey={entityKey} query={query} />;
  const { prerequisites, unlocks } = skill;
  const drawnPrerequisites = prerequisites.edges.length;
  const drawnUnlocks = unlocks.edges.length;
  const skillItem = (edge: SkillEdge) => (
    <>
      <EntityLink kind="skill" entity={edge.node} /> · {hoursText(edge.node)}
    </>
  );
  return (
    <>
      <EntityHeader kind="Skill" detail={skill.category} entity={skill} query={query} />
      <p>About {hoursText(skill)} to reach working level.</p>
      {drawnPrerequisites + drawnUnlocks > 0 && (
        <Section id="graph" title="Where it sits in the graph">
          <figure class="entity-figure">
            <LazyGraphCanvas
              elements={elements}
              label={`Layered graph of ${skill.name}: ${drawnPrerequisites} of its ${prerequisites.totalCount} prerequisites and ${drawnUnlocks} of the ${unlocks.totalCount} skills it unlocks. The lists below say the same.`}
            />
            <figcaption>
              Blue: to learn before {skill.name}; orange: {skill.name}; purple: what it unlocks. Arrows run from a skill
              to what needs it; a click opens a skill.
              {drawnPrerequisites < prerequisites.totalCount &&
                ` Showing the nearest ${drawnPrerequisites} of ${prerequisites.totalCount} prerequisites.`}
              {drawnUnlocks < unlocks.totalCount &&
                ` Showing ${drawnUnlocks} of ${unlocks.totalCount} skills it unlocks.`}
            </figcaption>
          </figure>
        </Section>
      )}
      <div class="entity-columns">
        <Section id="prerequisites" title={`What to learn first (${prerequisites.totalCount})`}>
          <PagedList
            label={`Prerequisites of ${skill.name}, nearest first`}
            noun="prerequisites"
            first={prerequisites}
            next={skillPages<PrerequisiteEdge>(SKILL_PREREQUISITES, 'prerequisites', skill.key)}
            itemKey={(edge) => edge.node.key}
            empty={`Nothing: ${skill.name} is a place to start.`}
          >
            {(edge) => (
              <>
                <EntityLink kind="skill" entity={edge.node} /> · {hoursText(edge.node)} · {distanceText(edge.distance)}
              </>
            )}
          </PagedList>
        </Section>
        <Section id="unlocks" title={`What it unlocks (${unlocks.totalCount})`}>
          <PagedList
            label={`Skills ${skill.name} is a prerequisite of`}
            noun="unlocked skills"
            first={unlocks}
            next={skillPages<SkillEdge>(SKILL_UNLOCKS, 'unlocks', skill.key)}
            itemKey={(edge) => edge.node.key}
            empty="No skill builds on it directly."
          >
            {skillItem}
          </PagedList>
        </Section>
      </div>
      <div class="entity-columns">
        <Section id="roles" title={`Roles that need it (${skill.roles.totalCount})`}>
          <PagedList
            label={`Roles that need ${skill.name}`}
            noun="roles"
            first={skill.roles}
            next={skillPages<RoleEdge>(SKILL_ROLES, 'roles', skill.key)}
            itemKey={(edge) => edge.node.key}
            empty="No role asks for it."
          >
            {(edge) => (
              <>
                <EntityLink kind="role" entity={edge.node} /> · {edge.importance.toLowerCase()} · {levelText(edge)}
              </>
            )}
          </PagedList>
        </Section>
        <Section id="tools" title={`Tools to practise it with (${skill.tools.totalCount})`}>
          <PagedList
            label={`Tools that support ${skill.name}`}
            noun="tools"
            first={skill.tools}
            next={skillPages<ToolEdge>(SKILL_TOOLS, 'tools', skill.key)}
            itemKey={(edge) => edge.node.key}
            empty="None recorded."
          >
            {(edge) => (
              <>
                <EntityLink kind="tool" entity={edge.node} /> · {edge.node.kind}
              </>
            )}
          </PagedList>
        </Section>
      </div>
      {skill.related.totalCount > 0 && (
        <Section id="related" title={`Related skills (${skill.related.totalCount})`}>
          <PagedList
            label={`Skills related to ${skill.name}`}
            noun="related skills"
            first={skill.related}
            next={skillPages<SkillEdge>(RELATED_SKILLS, 'related', skill.key)}
            itemKey={(edge) => edge.node.key}
          >
            {skillItem}
          </PagedList>
        </Section>
      )}
      <SameAsSection name={skill.name} sameAs={skill.sameAs} />
    </>
  );
}
