import { viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { ROLES_OF_THE_BRIEF } from '../roles-of-the-brief.ts';
import { navigate } from '../router.tsx';
import { useQuery } from '../use-query.ts';
import ENTITY from './entity.graphql?raw';

interface Entity {
  key: string;
  name: string;
  description: string;
  learningHours?: number;
}

/** A first, short entity page: what it is, and for a role, routes to it. (The full pages are to come.) */
export function EntityView({ kind, entityKey }: { kind: string; entityKey: string }) {
  const query = viewQuery(ENTITY, { key: entityKey });
  const state = useQuery<Record<'role' | 'skill' | 'tool', Entity | null>>(query);
  if (state.status === 'loading') return <p role="status">Loading…</p>;
  if (state.status === 'error') return <p role="alert">{state.error.message}</p>;
  const entity = state.data[kind as 'role' | 'skill' | 'tool'];
  if (!entity)
    return (
      <h1>
        No {kind} with the key “{entityKey}”
      </h1>
    );
  return (
    <>
      <h1>{entity.name}</h1>
      <p class="kind-label">{kind[0]?.toUpperCase() + kind.slice(1)}</p>
      <p>{entity.description}</p>
      {entity.learningHours !== undefined && <p>About {entity.learningHours} hours to reach working level.</p>}
      {kind === 'role' && <RouteForm to={entity} />}
      <p>
        <OpenInGraphiQL query={query} />
      </p>
    </>
  );
}

function RouteForm({ to }: { to: Entity }) {
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const from = new FormData(event.currentTarget as HTMLFormElement).get('from');
    navigate(`/route?${new URLSearchParams(from ? { from: String(from), to: to.key } : { to: to.key })}`);
  };
  return (
    <form class="route-form" action="/route" method="get" onSubmit={onSubmit}>
      <label for="route-from">Route to {to.name} from</label>
      <select id="route-from" name="from">
        <option value="">nothing yet</option>
        {ROLES_OF_THE_BRIEF.filter((role) => role.key !== to.key).map((role) => (
          <option key={role.key} value={role.key}>
            {role.name}
          </option>
        ))}
      </select>
      <input type="hidden" name="to" value={to.key} />
      <button type="submit">Show the route</button>
    </form>
  );
}
