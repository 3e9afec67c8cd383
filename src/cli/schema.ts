import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { printServedSchema } from '../graphql/print-schema.js';
import { findProjectRoot } from '../project-root.js';
import { runCli } from './run-cli.js';

runCli(async () => {
  const file = join(findProjectRoot(), 'schema', 'schema.graphql');
  await writeFile(file, printServedSchema());
  console.log(`Wrote ${file}`);
});
