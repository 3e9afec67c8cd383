import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalNeo4jError } from './local-neo4j-error.js';

const execFileAsync = promisify(execFile);

export const NEO4J_VERSION = '5.26.19';
export const APOC_VERSION = '5.26.19';

/** Where Maven puts the server jars (`lib/`) and the APOC procedures (`plugins/`). */
export function distributionDir(neo4jDir: string): string {
  return join(neo4jDir, 'dist', NEO4J_VERSION);
}

/** A tool of the Java install (`java`, `javac`, `jar`): JAVA_HOME's, or the one on the PATH. */
export function javaTool(name: string): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', name) : name;
}

export async function checkJava(): Promise<void> {
  let output: string;
  try {
    const result = await execFileAsync(javaTool('java'), ['-version']);
    output = `${result.stdout}${result.stderr}`;
  } catch (error) {
    throw new LocalNeo4jError(
      `Java was not found (${(error as Error).message.split('\n')[0]}). The managed Neo4j needs Java 17 or 21: ` +
        'install it (e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME, ' +
        'or set NEO4J_URI to use a Neo4j you run yourself.',
    );
  }
  const major = Number(/version "(\d+)/.exec(output)?.[1]);
  if (major !== 17 && major !== 21) {
    throw new LocalNeo4jError(
      `Neo4j ${NEO4J_VERSION} runs on Java 17 or 21, but \`java -version\` reports ${major || 'an unknown version'}. ` +
        'Point JAVA_HOME at a Java 17 or 21 install, or set NEO4J_URI to use a Neo4j you run yourself.',
    );
  }
}

/**
 * Downloads Neo4j Community and APOC core from Maven Central with `mvn` (scripts/neo4j/pom.xml) unless
 * they are already there. Maven writes into a staging folder that is renamed at the end, so an
 * interrupted download never leaves a half distribution behind.
 */
export async function ensureDistribution(
  projectRoot: string,
  neo4jDir: string,
  log: (message: string) => void,
): Promise<string> {
  const dist = distributionDir(neo4jDir);
  if (existsSync(join(dist, 'lib', `neo4j-${NEO4J_VERSION}.jar`))) return dist;

  try {
    await execFileAsync('mvn', ['-v']);
  } catch {
    throw new LocalNeo4jError(
      'Maven (`mvn`) was not found. The managed Neo4j is fetched from Maven Central with Maven: ' +
        'install it (e.g. `apt-get install maven`), or set NEO4J_URI to use a Neo4j you run yourself.',
    );
  }

  log(`Fetching Neo4j Community ${NEO4J_VERSION} and APOC ${APOC_VERSION} from Maven Central (first run only)…`);
  const staging = `${dist}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    await execFileAsync(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        join(projectRoot, 'scripts', 'neo4j', 'pom.xml'),
        'dependency:copy-dependencies@lib',
        'dependency:copy-dependencies@plugins',
        `-Dneo4j.version=${NEO4J_VERSION}`,
        `-Dapoc.version=${APOC_VERSION}`,
        `-Dneo4j.dist=${staging}`,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const errors = `${stdout}\n${stderr}`
      .split('\n')
      .filter((line) => line.includes('ERROR'))
      .slice(0, 6)
      .join('\n');
    throw new LocalNeo4jError(
      `Maven could not download Neo4j ${NEO4J_VERSION} from Maven Central.\n${errors}\n` +
        'Check that Maven Central (or the mirror in ~/.m2/settings.xml) is reachable and retry `npm run db:start`, ' +
        'or set NEO4J_URI to use a Neo4j you run yourself.',
    );
  }
  await rm(dist, { recursive: true, force: true });
  await rename(staging, dist);
  return dist;
}
