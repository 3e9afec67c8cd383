import { viewQuery } from '../graphql-client.ts';
import { OpenInGraphiQL } from '../open-in-graphiql.tsx';
import { RoutePicker } from '../route-picker.tsx';
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
      {kind === 'role' && (
        <section aria-labelledby="route-heading">
          <h2 id="route-heading">Routes to {entity.name}</h2>
          <RoutePicker
            from={entity.key === 'data-scientist' ? 'machine-learning-engineer' : 'data-scientist'}
            to={entity.key}
          />
        </section>
      )}
      <p>
        <OpenInGraphiQL query={query} />
      </p>
    </>
  );
}
