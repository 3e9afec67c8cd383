import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { QueryError, runQuery, type ViewQuery } from './graphql-client.ts';
import { OpenInGraphiQL } from './open-in-graphiql.tsx';

/** A page of a list, as the API's connections give it (Relay style). */
export interface Connection<E> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: readonly E[];
}

export interface NextPage<E> {
  /** The query of the `first` items after `after`: what "Show more" runs and "Open in GraphiQL" opens. */
  query: (after: string, first: number) => ViewQuery;
  /** The connection in that query's answer (undefined when its owner is gone). */
  pick: (data: unknown) => Connection<E> | undefined;
}

interface PagedListProps<E> {
  /** The list's accessible name. */
  label: string;
  /** What it lists, plural and distinct on its page ("essential skills"): it names the button. */
  noun: string;
  /** The first page, from the view's own query. */
  first: Connection<E>;
  next: NextPage<E>;
  itemKey: (edge: E) => string;
  children: (edge: E) => ComponentChildren;
  /** Said instead of an empty list. */
  empty?: ComponentChildren;
}

/**
 * A list that shows one page of a connection and fetches the next on demand, through the API's cursors
 * ("Showing 20 of 143" and a button), so a role with a hundred skills is no heavier than one with ten.
 */
export function PagedList<E>({ label, noun, first, next, itemKey, children, empty }: PagedListProps<E>) {
  const [more, setMore] = useState<{ edges: readonly E[]; pageInfo: Connection<E>['pageInfo']; query: ViewQuery }>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const edges = more ? [...first.edges, ...more.edges] : first.edges;
  const pageInfo = more?.pageInfo ?? first.pageInfo;
  // the view's query sets the page size; the next pages are as long as its first
  const pageSize = Math.max(first.edges.length, 1);
  if (first.totalCount === 0) return <p>{empty ?? `No ${noun}.`}</p>;

  const showMore = async () => {
    if (!pageInfo.endCursor) return;
    const query = next.query(pageInfo.endCursor, pageSize);
    setLoading(true);
    setError(undefined);
    try {
      const page = next.pick(await runQuery(query));
      if (!page) throw new QueryError(`The ${noun} are no longer there.`);
      setMore({ edges: [...(more?.edges ?? []), ...page.edges], pageInfo: page.pageInfo, query });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  };
  const remaining = first.totalCount - edges.length;
  return (
    <>
      <ul aria-label={label} class="entity-list">
        {edges.map((edge) => (
          <li key={itemKey(edge)}>{children(edge)}</li>
        ))}
      </ul>
      {(pageInfo.hasNextPage || more) && (
        <p class="paging">
          <span role="status">
            Showing {edges.length} of {first.totalCount} {noun}.
          </span>{' '}
          {pageInfo.hasNextPage && (
            <button type="button" onClick={showMore} disabled={loading}>
              {loading ? 'Loading…' : `Show ${Math.min(pageSize, Math.max(remaining, 1))} more ${noun}`}
            </button>
          )}{' '}
          {more && <OpenInGraphiQL query={more.query} label={`Open the last page of ${noun} in GraphiQL`} />}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
    </>
  );
}
