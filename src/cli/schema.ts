import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printServedSchema } from '../graphql/print-schema.js';
import { findProjectRoot } from '../project-root.js';
import { runCli } from './run-cli.js';

/** `npm run schema` prints the served schema; `-- --release` also records it as the released one. */
runCli(async () => {
  const { values } = parseArgs({ options: { release: { type: 'boolean', default: false } } });
  const dir = join(findProjectRoot(), 'schema');
  const file = join(dir, 'schema.graphql');
  await writeFile(file, printServedSchema());
  console.log(`Wrote ${file}`);
  if (!values.release) return;
  const released = join(dir, 'released.graphql');
  const header = (await readFile(released, 'utf8')).split('\n\n')[0];
  await writeFile(released, `${header}\n\n${printServedSchema()}`);
  console.log(`Recorded it as the released schema in ${released}; move CHANGELOG.md's Unreleased under the version.`);
});
