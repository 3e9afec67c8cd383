import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkJava, ensureDistribution } from '../../src/local-neo4j/distribution.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

/** A folder with executables that print what a real java or mvn would, for the failures we explain. */
async function fakeTools(scripts: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fake-tools-'));
  await mkdir(join(dir, 'bin'));
  for (const [name, body] of Object.entries(scripts)) {
    await writeFile(join(dir, 'bin', name), `#!/bin/sh\n${body}\n`);
    await chmod(join(dir, 'bin', name), 0o755);
  }
  return dir;
}

describe('provisioning the managed Neo4j explains what is missing', () => {
  const saved = { PATH: process.env.PATH, JAVA_HOME: process.env.JAVA_HOME };
  beforeEach(() => {
    delete process.env.JAVA_HOME;
  });
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.JAVA_HOME === undefined) delete process.env.JAVA_HOME;
    else process.env.JAVA_HOME = saved.JAVA_HOME;
  });

  it('when there is no Java', async () => {
    process.env.JAVA_HOME = '/nonexistent-java-home';
    await expect(checkJava()).rejects.toThrow(
      /Java was not found .*needs Java 17 or 21: install it .*or set NEO4J_URI/s,
    );
  });

  it('when Java is too old', async () => {
    process.env.JAVA_HOME = await fakeTools({ java: 'echo \'openjdk version "11.0.2" 2019-01-15\' >&2' });
    await expect(checkJava()).rejects.toThrow(/runs on Java 17 or 21, but `java -version` reports 11/);
  });

  it('when there is no Maven', async () => {
    process.env.PATH = '/nonexistent-bin';
    const neo4jDir = await mkdtemp(join(tmpdir(), 'neo4j-'));
    await expect(ensureDistribution(projectRoot, neo4jDir, () => {})).rejects.toThrow(
      /Maven \(`mvn`\) was not found.*install it .*or set NEO4J_URI/s,
    );
  });

  it('when the download fails, leaving no half distribution behind', async () => {
    const tools = await fakeTools({
      mvn: 'if [ "$1" = "-v" ]; then echo "Apache Maven 3.8.7"; exit 0; fi\necho "[ERROR] Could not transfer artifact org.neo4j:neo4j:pom:5.26.19 from/to central"\nexit 1',
    });
    process.env.PATH = `${join(tools, 'bin')}:${saved.PATH}`;
    const neo4jDir = await mkdtemp(join(tmpdir(), 'neo4j-'));
    await expect(ensureDistribution(projectRoot, neo4jDir, () => {})).rejects.toThrow(
      /Maven could not download Neo4j 5\.26\.\d+ from Maven Central\.\n\[ERROR\] Could not transfer artifact.*Check that Maven Central/s,
    );
    expect(await readdir(join(neo4jDir, 'dist'))).toEqual([]);
  });
});
