import { inlineVariables } from './graphql-document.ts';

/** The only endpoint the explorer talks to: the public GraphQL API. */
export const GRAPHQL_ENDPOINT = '/graphql';

export interface ViewQuery {
  /** The exact text sent, values written in: what "Open in GraphiQL" opens. */
  readonly text: string;
}

export function viewQuery(document: string, variables: Readonly<Record<string, unknown>>): ViewQuery {
  return { text: inlineVariables(document, variables).trim() };
}

/** GraphiQL, with its editor filled with this query. */
export function graphiqlHref(query: ViewQuery): string {
  return `${GRAPHQL_ENDPOINT}?${new URLSearchParams({ query: query.text })}`;
}

export class QueryError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function runQuery<T>(query: ViewQuery, signal?: AbortSignal): Promise<T> {
  const response = await fetch(GRAPHQL_ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: query.text }),
    signal: signal ?? null,
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const [error] = body.errors ?? [];
  if (error) throw new QueryError(error.message, error.extensions?.code);
  if (!response.ok || body.data === undefined) throw new QueryError(`The API answered ${response.status}.`);
  return body.data;
}
