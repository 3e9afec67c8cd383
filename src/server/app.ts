import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Config } from '../config.js';
import type { Database } from '../database/database.js';
import { createGraphCaches } from '../graphql/caches.js';
import type { Context } from '../graphql/context.js';
import { loadExampleQueries } from '../graphql/examples.js';
import { createLoaders } from '../graphql/loaders.js';
import { schema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { useOverlapExport } from './use-overlap-export.js';
import { useQueryLimits } from './use-query-limits.js';
import { requestIdOf, useRequestLogging } from './use-request-logging.js';

export interface AppOptions {
  database: Database;
  logger: Logger;
  config: Pick<Config, 'corsOrigins' | 'graphiql' | 'introspection' | 'limits'>;
}

export type App = YogaServerInstance<Record<string, unknown>, Context>;

/** The HTTP app: GraphQL (and GraphiQL) at /graphql, /health and /ready. Listening is the caller's business. */
export function createApp({ database, logger, config }: AppOptions): App {
  const plugins: Plugin[] = [
    useRequestLogging(logger),
    useReadinessCheck({ endpoint: '/ready', check: () => database.isReady() }),
    ...useQueryLimits(config.limits),
  ];
  if (!config.introspection) plugins.push(useDisableIntrospection());
  const caches = createGraphCaches();
  const createContext = (request: Request): Context => {
    const requestId = requestIdOf(request);
    return {
      database,
      requestId,
      logger: logger.child({ requestId }),
      loaders: createLoaders(database, caches),
      maxPageSize: config.limits.maxPageSize,
    };
  };
  plugins.push(useOverlapExport(createContext, logger));

  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: config.graphiql
      ? () => ({
          title: 'SkillGraph',
          defaultTabs: loadExampleQueries().map(({ query }) => ({ query })),
        })
      : false,
    // GraphiQL's assets come inlined from @graphql-yoga/render-graphiql, not from a CDN: the playground
    // works offline and behind firewalls.
    renderGraphiQL,
    cors: { origin: config.corsOrigins === '*' ? '*' : config.corsOrigins },
    maskedErrors: true,
    logging: logger.child({ component: 'yoga' }),
    context: ({ request }) => createContext(request),
    plugins,
  });
}
