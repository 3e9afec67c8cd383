import { pino } from 'pino';
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
