import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import neo4jDriver, { type Driver } from 'neo4j-driver';
import { LocalNeo4j } from '../src/local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../src/project-root.js';

export const root = findProjectRoot();
/** The real taxonomies, never copied into the project. */
export const TAXONOMIES = join(root, '..', 'shared', 'data');

export interface TaxonomyBench {
  neo4j: LocalNeo4j;
  /** The environment the service and the CLIs get: this Neo4j, quiet logs. */
  env: NodeJS.ProcessEnv;
  driver: Driver;
}

/**
 * For the benchmarks at the size of the real taxonomies: exits (0) saying so when ../shared/data lacks
 * them; otherwise a fresh managed Neo4j `.neo4j/<instance>` on BENCH_NEO4J_PORT (or `defaultPort`).
 */
export async function startTaxonomyBench(name: string, instance: string, defaultPort: number): Promise<TaxonomyBench> {
  if (!existsSync(join(TAXONOMIES, 'esco-v1.1.1')) || !existsSync(join(TAXONOMIES, 'onet-29.3'))) {
    console.log(`${name} needs the taxonomies in ${TAXONOMIES} (ESCO v1.1.1, O*NET 29.3); they are absent.`);
    process.exit(0);
  }
  const password = 'skillgraph-bench';
  rmSync(join(root, '.neo4j', instance), { recursive: true, force: true });
  const neo4j = new LocalNeo4j({
    projectRoot: root,
    instance,
    port: Number(process.env.BENCH_NEO4J_PORT ?? defaultPort),
    password,
    heapSize: '1g',
    pageCacheSize: '512m',
    log: (message) => console.log(`[bench neo4j] ${message}`),
  });
  await neo4j.start();
  const env = {
    ...process.env,
    NEO4J_URI: neo4j.uri,
    NEO4J_USERNAME: 'neo4j',
    NEO4J_PASSWORD: password,
    NEO4J_DATABASE: 'neo4j',
    LOG_LEVEL: 'warn',
  };
  const driver = neo4jDriver.driver(neo4j.uri, neo4jDriver.auth.basic('neo4j', password), {
    disableLosslessIntegers: true,
  });
  return { neo4j, env, driver };
}
