import { useMemo } from 'preact/hooks';
import { useDocumentTitle } from '../document-title.ts';
import { viewQuery } from '../graphql-client.ts';
import { type Connection, type NextPage, PagedList } from '../paged-list.tsx';
import { useQuery } from '../use-query.ts';
import { EntityHeader, EntityLink, hoursText, NotFound, QueryFailed, SameAsSection, Section } from './entity-parts.tsx';
import TOOL from './tool.graphql?raw';
import TOOL_ROLES from './tool-roles.graphql?raw';
import TOOL_SKILLS from './tool-skills.graphql?raw';

interface SkillEdge {
  node: { key: string; name: string; learningHours: number; learningHoursEstimated: boolean };
}
interface RoleEdge {
  node: { key: string; name: string };
}
interface Tool {
  key: string;
  name: string;
  description: string;
  aliases: string[];
  kind: string;
  source: string;
  hotTechnology: boolean | null;
  inDemand: boolean | null;
  skills: Connection<SkillEdge>;
  roles: Connection<RoleEdge>;
  sameAs: { __typename: 'Role' | 'Skill' | 'Tool'; key: string; name: string; source: string }[];
}

function toolPages<E>(document: string, field: string, key: string): NextPage<E> {
  return {
    query: (after, first) => viewQuery(document, { key, first, after }),
    pick: (data) => (data as { tool: Record<string, Connection<E>> | null }).tool?.[field],
  };
}

/** `/tool/<key>`: the skills one practises with the tool and the roles that use it. */
export function ToolPage({ entityKey }: { entityKey: string }) {
  const query = useMemo(() => viewQuery(TOOL, { key: entityKey }), [entityKey]);
  const state = useQuery<{ tool: Tool | null }>(query);
  useDocumentTitle(state.status === 'done' ? (state.data.tool?.name ?? 'No such tool') : undefined);
  if (state.status === 'loading') return <p role="status">Loading the tool…</p>;
  if (state.status === 'error') return <QueryFailed message={state.error.message} query={query} />;
  const { tool } = state.data;
  if (!tool) return <NotFound kind="tool" entityKey={entityKey} query={query} />;
  const demand = [tool.hotTechnology && 'a hot technology', tool.inDemand && 'in demand'].filter(Boolean);
  return (
    <>
      <EntityHeader kind="Tool" detail={tool.kind} entity={tool} query={query} />
      {demand.length > 0 && <p>O*NET lists it as {demand.join(' and ')}.</p>}
      <div class="entity-columns">
        <Section id="skills" title={`Skills practised with it (${tool.skills.totalCount})`}>
          <PagedList
            label={`Skills practised with ${tool.name}`}
            noun="skills"
            first={tool.skills}
            next={toolPages<SkillEdge>(TOOL_SKILLS, 'skills', tool.key)}
            itemKey={(edge) => edge.node.key}
            empty="None recorded."
          >
            {(edge) => (
              <>
                <EntityLink kind="skill" entity={edge.node} /> · {hoursText(edge.node)}
              </>
            )}
          </PagedList>
        </Section>
        <Section id="roles" title={`Roles that use it (${tool.roles.totalCount})`}>
          <PagedList
            label={`Roles that use ${tool.name}`}
            noun="roles"
            first={tool.roles}
            next={toolPages<RoleEdge>(TOOL_ROLES, 'roles', tool.key)}
            itemKey={(edge) => edge.node.key}
            empty="No role lists it."
          >
            {(edge) => <EntityLink kind="role" entity={edge.node} />}
          </PagedList>
        </Section>
      </div>
      <SameAsSection name={tool.name} sameAs={tool.sameAs} />
    </>
  );
}
