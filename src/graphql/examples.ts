import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findProjectRoot } from '../project-root.js';

export interface ExampleQuery {
  file: string;
  query: string;
}

/** The example operations of schema/examples/, in file-name order: GraphiQL opens with one tab each. */
export function loadExampleQueries(dir = join(findProjectRoot(), 'schema', 'examples')): ExampleQuery[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => ({ file, query: readFileSync(join(dir, file), 'utf8') }));
}
