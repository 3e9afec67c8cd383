import { useMemo } from 'preact/hooks';
import { useDocumentTitle } from '../document-title.ts';
import { viewQuery } from '../graphql-client.ts';
import { EnumValue } from '../graphql-document.ts';
import { type Connection, type NextPage, PagedList } from '../paged-list.tsx';
import { RoutePicker, routeHref } from '../route-picker.tsx';
import { Link } from '../router.tsx';
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
import RELATED_ROLES from './related-roles.graphql?raw';
import ROLE from './role.graphql?raw';
import ROLE_SKILLS from './role-skills.graphql?raw';
import ROLE_TOOLS from './role-tools.graphql?raw';

interface SkillEdge {
  importance: 'ESSENTIAL' | 'OPTIONAL';
  level: number;
  levelEstimated: boolean;
  node: { key: string; name: string; learningHours: number; learningHoursEstimated: boolean };
}
interface ToolEdge {
  node: { key: string; name: string; kind: string };
}
interface RelatedEdge {
  relatednessTier: string | null;
  node: { key: string; name: string };
}
interface Role {
  key: string;
  name: string;
  description: string;
  aliases: string[];
  source: string;
  essential: Connection<SkillEdge>;
  optional: Connection<SkillEdge>;
  tools: Connection<ToolEdge>;
  similar: { jaccard: number; role: { key: string; name: string } }[];
  relatedRoles: Connection<RelatedEdge>;
  sameAs: { __typename: 'Role' | 'Skill' | 'Tool'; key: string; name: string; source: string }[];
}

type RoleList<E> = { role: Record<string, Connection<E>> | null };

/** The next pages of one of the role's lists, through its own small query. */
function rolePages<E>(document: string, field: string, variables: Record<string, unknown>): NextPage<E> {
  return {
    query: (after, first) => viewQuery(document, { ...variables, first, after }),
    pick: (data) => (data as RoleList<E>).role?.[field],
  };
}

/** `/role/<key>`: what the role needs (skills by importance, with levels and hours), its tools, similar roles. */
export function RolePage({ entityKey }: { entityKey: string }) {
  const query = useMemo(() => viewQuery(ROLE, { key: entityKey }), [entityKey]);
  const state = useQuery<{ role: Role | null }>(query);
  useDocumentTitle(state.status === 'done' ? (state.data.role?.name ?? 'No such role') : undefined);
  if (state.status === 'loading') return <p role="status">Loading the role…</p>;
  if (state.status === 'error') return <QueryFailed message={state.error.message} query={query} />;
  const { role } = state.data;
  if (!role) return <NotFound kind="role" entityKey={entityKey} query={query} />;
  const skillPages = (importance: string) =>
    rolePages<SkillEdge>(ROLE_SKILLS, 'skills', { key: role.key, importance: new EnumValue(importance) });
  const skillItem = (edge: SkillEdge) => (
    <>
      <EntityLink kind="skill" entity={edge.node} /> · {levelText(edge)} · {hoursText(edge.node)}
    </>
  );
  return (
    <>
      <EntityHeader kind="Role" entity={role} query={query} />
      <p>
        <Link href={routeHref({ to: role.key })}>From scratch to {role.name}: what to learn, in order</Link>
      </p>
      <div class="entity-columns">
        <Section id="skills" title="Skills">
          <p class="muted">
            Levels: 1 awareness, 2 basic, 3 working, 4 advanced, 5 expert. Hours to reach working level.
          </p>
          <h3 id="essential-heading">Essential ({role.essential.totalCount})</h3>
          <PagedList
            label={`Essential skills of ${role.name}`}
            noun="essential skills"
            first={role.essential}
            next={skillPages('ESSENTIAL')}
            itemKey={(edge) => edge.node.key}
            empty="None recorded."
          >
            {skillItem}
          </PagedList>
          <h3 id="optional-heading">Optional ({role.optional.totalCount})</h3>
          <PagedList
            label={`Optional skills of ${role.name}`}
            noun="optional skills"
            first={role.optional}
            next={skillPages('OPTIONAL')}
            itemKey={(edge) => edge.node.key}
            empty="None recorded."
          >
            {skillItem}
          </PagedList>
        </Section>
        <div>
          <Section id="tools" title={`Tools (${role.tools.totalCount})`}>
            <PagedList
              label={`Tools of ${role.name}`}
              noun="tools"
              first={role.tools}
              next={rolePages<ToolEdge>(ROLE_TOOLS, 'tools', { key: role.key })}
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
          <Section id="similar" title="Similar roles">
            {role.similar.length === 0 ? (
              <p>No other role shares a skill with it.</p>
            ) : (
              <ul aria-label={`Roles similar to ${role.name}`} class="entity-list">
                {role.similar.map(({ role: other, jaccard }) => (
                  <li key={other.key}>
                    <EntityLink kind="role" entity={other} /> · {Math.round(jaccard * 100)}% skills in common
                  </li>
                ))}
              </ul>
            )}
          </Section>
          {role.relatedRoles.totalCount > 0 && (
            <Section id="related" title="Related occupations (O*NET)">
              <PagedList
                label={`Occupations related to ${role.name}`}
                noun="related occupations"
                first={role.relatedRoles}
                next={rolePages<RelatedEdge>(RELATED_ROLES, 'relatedRoles', { key: role.key })}
                itemKey={(edge) => edge.node.key}
              >
                {(edge) => (
                  <>
                    <EntityLink kind="role" entity={edge.node} />
                    {edge.relatednessTier && ` · ${edge.relatednessTier}`}
                  </>
                )}
              </PagedList>
            </Section>
          )}
          <SameAsSection name={role.name} sameAs={role.sameAs} />
        </div>
      </div>
      <Section id="route" title={`Routes to ${role.name}`}>
        <RoutePicker
          from={role.key === 'data-scientist' ? 'machine-learning-engineer' : 'data-scientist'}
          to={role.key}
          names={{ [role.key]: role.name }}
        />
      </Section>
    </>
  );
}
