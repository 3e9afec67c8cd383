import { graphiqlHref, type ViewQuery } from './graphql-client.ts';

/** Opens the playground with exactly the query the view ran, so the explorer teaches the API as it goes. */
export function OpenInGraphiQL({ query, label = 'Open in GraphiQL' }: { query: ViewQuery; label?: string }) {
  return (
    <a class="graphiql-link" href={graphiqlHref(query)}>
      {label}
    </a>
  );
}
