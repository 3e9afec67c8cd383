import type { TestProject } from 'vitest/node';
import { LocalNeo4j } from '../../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../../src/project-root.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: { uri: string; username: string; password: string; database: string };
  }
}

/**
 * Integration tests run against a real Neo4j: NEO4J_URI when given (its database is wiped!), otherwise a
 * managed instance of their own in .neo4j/test on NEO4J_TEST_PORT (default 7688), stopped afterwards
 * unless KEEP_TEST_NEO4J=1 keeps it for the next run.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    });
    return undefined;
  }
  const password = 'skillgraph-test';
  const neo4j = new LocalNeo4j({
    projectRoot: findProjectRoot(),
    instance: process.env.NEO4J_TEST_INSTANCE ?? 'test',
    port: Number(process.env.NEO4J_TEST_PORT ?? 7688),
    password,
    heapSize: '1g',
    pageCacheSize: '256m',
    log: (message) => console.log(`[test neo4j] ${message}`),
  });
  const { alreadyRunning } = await neo4j.start();
  project.provide('neo4j', { uri: neo4j.uri, username: 'neo4j', password, database: 'neo4j' });
  return async () => {
    if (!alreadyRunning && process.env.KEEP_TEST_NEO4J !== '1') await neo4j.stop();
  };
}
