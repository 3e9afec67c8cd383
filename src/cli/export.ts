import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { countGraphExport, type GraphExport, openGraphExport, parseExportSelection } from '../domain/graph-export.js';
import { BadUserInputError } from '../errors.js';
import { nodesCsv, relationshipsCsv } from '../export/graph-csv.js';
import { graphGraphml } from '../export/graph-graphml.js';
import { graphJson } from '../export/graph-json.js';
import { findProjectRoot } from '../project-root.js';
import { ProgressDisplay } from './progress-display.js';
import { runCli } from './run-cli.js';

const HELP = `usage: npm run export -- --format <json|csv|graphml> --out <path> [--source seed,esco,onet] [--kind role,skill,tool]
  --format json     one JSON file: { graphVersion, nodes, relationships }
  --format csv      a directory with nodes.csv and relationships.csv
  --format graphml  one GraphML file (Gephi, yEd, networkx)
  --source, --kind  only these nodes, and the relationships between them
The same files as GET /export/… on the service. Nothing is left half-written: the files appear when complete.`;

type Format = 'json' | 'csv' | 'graphml';
const FILES: Record<Format, [string, (graph: GraphExport) => AsyncGenerator<string>][]> = {
  json: [['', graphJson]],
  graphml: [['', graphGraphml]],
  csv: [
    ['nodes.csv', nodesCsv],
    ['relationships.csv', relationshipsCsv],
  ],
};

runCli(async () => {
  const { values } = parseOptions();
  if (values.help) {
    console.log(HELP);
    return;
  }
  const format = values.format as Format | undefined;
  if (!format || !(format in FILES)) {
    throw new BadUserInputError(`--format must be json, csv or graphml, not "${format ?? ''}"; see --help.`, 'format');
  }
  if (!values.out) throw new BadUserInputError('--out names the file (or, for csv, the directory) to write.', 'out');
  const options: [string, string][] = [];
  if (values.source !== undefined) options.push(['source', values.source]);
  if (values.kind !== undefined) options.push(['kind', values.kind]);
  const selection = parseExportSelection(options);

  const projectRoot = findProjectRoot();
  const config = loadConfig();
  const { database, close } = await openDatabase(config, projectRoot, (message) => console.error(message));
  const progress = new ProgressDisplay();
  const written: string[] = [];
  try {
    await migrateDatabase(database, projectRoot);
    const started = performance.now();
    const counts = await countGraphExport(database, selection);
    const out = resolve(values.out);
    if (format === 'csv') await mkdir(out, { recursive: true });
    let graphVersion = '';
    for (const [name, write] of FILES[format]) {
      const file = name ? join(out, name) : out;
      const graph = await openGraphExport(database, selection);
      graphVersion = graph.graphVersion;
      const partial = `${file}.partial`;
      written.push(partial);
      await pipeline(Readable.from(write(withProgress(graph, progress, counts))), createWriteStream(partial));
      await rename(partial, file);
      written.pop();
    }
    progress.stop();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Wrote ${counts.nodes.toLocaleString('en-US')} nodes and ${counts.relationships.toLocaleString('en-US')} relationships (graph version ${graphVersion}) to ${out} in ${seconds} s.`,
    );
  } finally {
    progress.stop();
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await close();
  }
});

/** The export, reporting its pages to the progress display as they are read. */
function withProgress(
  graph: GraphExport,
  progress: ProgressDisplay,
  counts: { nodes: number; relationships: number },
): GraphExport {
  return {
    graphVersion: graph.graphVersion,
    async *nodes() {
      let done = 0;
      for await (const page of graph.nodes()) {
        done += page.length;
        progress.update('writing nodes', done, counts.nodes, 'nodes');
        yield page;
      }
    },
    async *relationships() {
      let done = 0;
      for await (const page of graph.relationships()) {
        done += page.length;
        progress.update('writing relationships', done, counts.relationships, 'relationships');
        yield page;
      }
    },
  };
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        format: { type: 'string' },
        out: { type: 'string' },
        source: { type: 'string' },
        kind: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new BadUserInputError(`${(error as Error).message.replace(/\.$/, '')}; see \`npm run export -- --help\`.`);
  }
}
