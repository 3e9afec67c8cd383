import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Database } from '../database/database.js';
import type { Context } from '../graphql/context.js';
import { schema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { requestIdOf, useRequestLogging } from './use-request-logging.js';

export interface AppOptions {
  database: Database;
  logger: Logger;
  config: Pick<Config, 'corsOrigins'>;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** The HTTP app: GraphQL at /graphql, /health and /ready. Listening is the caller's business. */
export function createApp({ database, logger, config }: AppOptions): App {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: { title: 'SkillGraph' },
    cors: { origin: config.corsOrigins === '*' ? '*' : config.corsOrigins },
    maskedErrors: true,
    logging: logger.child({ component: 'yoga' }),
    context: ({ request }) => {
      const requestId = requestIdOf(request);
      return { database, requestId, logger: logger.child({ requestId }) };
    },
    plugins: [useRequestLogging(logger), useReadinessCheck({ endpoint: '/ready', check: () => database.isReady() })],
  });
}
