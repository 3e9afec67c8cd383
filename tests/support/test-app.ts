import { pino } from 'pino';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/database/database.js';
import { type App, type AppOptions, createApp } from '../../src/server/app.js';

export const silentLogger = pino({ level: 'silent' });

export function createTestApp(database: Database, overrides: Partial<AppOptions['config']> = {}): App {
  const { corsOrigins, graphiql, introspection, limits } = loadConfig({});
  return createApp({
    database,
    logger: silentLogger,
    config: { corsOrigins, graphiql, introspection, limits, ...overrides },
  });
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

/** POSTs a GraphQL operation to the app in-process. */
export async function postGraphQL<T = Record<string, unknown>>(
  app: App,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse<T>> {
  const response = await app.fetch('http://yoga/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

export interface QueryBody {
  data?: any;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/**
 * `query` returns the whole body; `data` expects no errors and returns the data. Each call uses a new
 * app (so no cache outlives a test's writes) on the suite's test database.
 */
export function graphQLOn(database: () => Database) {
  const query = async (text: string): Promise<QueryBody> =>
    (await postGraphQL(createTestApp(database()), text)).body as QueryBody;
  const data = async (text: string): Promise<any> => {
    const body = await query(text);
    expect(body.errors).toBeUndefined();
    return body.data;
  };
  return { query, data };
}
