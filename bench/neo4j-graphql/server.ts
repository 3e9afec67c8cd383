/**
 * The peer of `npm run bench:peers`: the career graph served by the Neo4j GraphQL Library 7 with
 * graphql-yoga, as its documentation sets it up (a driver, `new Neo4jGraphQL({ typeDefs, driver })`,
 * `getSchema()`, `createYoga({ schema })` on node:http) and nothing tuned.
 *
 * Environment: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, PORT (on 127.0.0.1). Prints `listening` once it
 * serves; stops on SIGTERM or SIGINT.
 */
import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { typeDefs } from './type-defs.js';

const driver = neo4j.driver(
  process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  neo4j.auth.basic(process.env.NEO4J_USERNAME ?? 'neo4j', process.env.NEO4J_PASSWORD ?? ''),
);
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphiql: false, logging: 'warn' });
const server = createServer(yoga);
server.listen(Number(process.env.PORT ?? 4111), '127.0.0.1', () => console.log('listening'));

const stop = () => {
  server.close();
  server.closeAllConnections();
  void driver.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
