import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { javaTool, NEO4J_VERSION } from './distribution.js';
import { LocalNeo4jError } from './local-neo4j-error.js';

const execFileAsync = promisify(execFile);

const COMMIT_NOTICES_JAR = 'skillgraph-commit-notices.jar';

/**
 * Builds the commit-notices plugin (neo4j-plugin/, the `skillgraph.awaitCommit` procedure) against the
 * managed Neo4j's own jars with the JDK's javac and jar, once per version of its sources, and returns
 * the jar. Without a JDK it returns undefined: Neo4j runs without the plugin, and the service reads the
 * graph's version for every request, as it does on any Neo4j without it.
 */
export async function ensureCommitNoticesPlugin(
  projectRoot: string,
  neo4jDir: string,
  dist: string,
  log: (message: string) => void,
): Promise<string | undefined> {
  const sourceRoot = join(projectRoot, 'neo4j-plugin', 'src', 'main');
  const files = await listFiles(sourceRoot);
  const hash = createHash('sha256').update(NEO4J_VERSION);
  for (const file of files) hash.update(relative(sourceRoot, file)).update(await readFile(file));
  const jar = join(neo4jDir, 'plugin', hash.digest('hex').slice(0, 16), COMMIT_NOTICES_JAR);
  if (existsSync(jar)) return jar;

  const javac = javaTool('javac');
  try {
    await execFileAsync(javac, ['-version']);
  } catch {
    log(
      'No Java compiler (javac) here, only a runtime: Neo4j starts without the commit-notices plugin, and the ' +
        'service reads the graph version for every request. Install a JDK (e.g. openjdk-17-jdk-headless) to build it.',
    );
    return undefined;
  }
  log('Building the commit-notices plugin for Neo4j (neo4j-plugin/)…');
  const staging = await mkdtemp(join(neo4jDir, 'plugin-build-'));
  try {
    const classes = join(staging, 'classes');
    const sources = files.filter((file) => file.endsWith('.java'));
    await execFileAsync(javac, [
      '--release',
      '17',
      '-proc:none',
      '-nowarn',
      '-d',
      classes,
      '-cp',
      `${join(dist, 'lib')}/*`,
      ...sources,
    ]);
    await cp(join(sourceRoot, 'resources'), classes, { recursive: true });
    const built = join(staging, COMMIT_NOTICES_JAR);
    await execFileAsync(javaTool('jar'), ['--create', '--file', built, '-C', classes, '.']);
    await mkdir(dirname(jar), { recursive: true });
    await rename(built, jar);
    return jar;
  } catch (error) {
    const { stderr = '', message } = error as { stderr?: string; message: string };
    throw new LocalNeo4jError(`Could not build the commit-notices plugin (neo4j-plugin/):\n${stderr || message}`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
