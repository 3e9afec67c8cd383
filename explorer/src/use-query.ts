import { useEffect, useState } from 'preact/hooks';
import { QueryError, runQuery, type ViewQuery } from './graphql-client.ts';

export type QueryState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: QueryError }
  | { readonly status: 'done'; readonly data: T };

/** Runs a view's query whenever its text changes; an answer to an older text is dropped. */
export function useQuery<T>(query: ViewQuery | undefined): QueryState<T> {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const text = query?.text;
  useEffect(() => {
    if (text === undefined) return;
    const abort = new AbortController();
    setState({ status: 'loading' });
    runQuery<T>({ text }, abort.signal).then(
      (data) => setState({ status: 'done', data }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState({ status: 'error', error: error instanceof QueryError ? error : new QueryError(String(error)) });
      },
    );
    return () => abort.abort();
  }, [text]);
  return state;
}
