import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { IMPORT_READERS, type ImportReaderName } from '../import/import-readers.js';
import { describeImportSet, summarizeImportReport } from '../import/import-report.js';
import { writeImport } from '../import/write-import.js';
import { findProjectRoot } from '../project-root.js';
import { loadSeed } from '../seed/load-seed.js';
import { SeedError } from '../seed/seed-errors.js';
import { ProgressDisplay } from './progress-display.js';
import { runCli } from './run-cli.js';

const HELP = `usage: npm run import -- <esco|onet> <dir> [--check]
  esco DIR   ESCO v1.1.1: the two zips as distributed, or their extracted CSVs
  onet DIR   O*NET 29.3: the tab-separated .txt files
  --check    read and validate only; touch no database
The import is one transaction: all of it is written, or nothing. Importing the same release again
changes nothing; a newer release updates what changed and removes what it no longer has.`;

runCli(async () => {
  const { values, positionals } = parseOptions();
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    return;
  }
  const [sourceName, dir] = positionals;
  if (!(sourceName && sourceName in IMPORT_READERS) || !dir || positionals.length > 2) {
    throw new SeedError(
      `Expected \`npm run import -- <esco|onet> <dir>\`, got "${positionals.join(' ')}"; see --help.`,
    );
  }
  const projectRoot = findProjectRoot();
  const progress = new ProgressDisplay();
  const readStarted = performance.now();
  const set = await IMPORT_READERS[sourceName as ImportReaderName](resolve(dir), (read) =>
    progress.update(`reading ${read.file}`, read.bytesRead, read.totalBytes, 'bytes'),
  );
  progress.stop();
  console.log(describeImportSet(set, performance.now() - readStarted));
  if (values.check) return;

  const { links } = await loadSeed(projectRoot);
  const config = loadConfig();
  const { database, close } = await openDatabase(config, projectRoot, (message) => console.log(message));
  try {
    await migrateDatabase(database, projectRoot);
    const report = await writeImport(database, set, {
      links,
      timeoutMs: config.writeTimeoutMs,
      onProgress: ({ phase, done, total }) => progress.update(`writing ${phase}`, done, total, 'rows'),
    });
    progress.stop();
    console.log(summarizeImportReport(report));
  } finally {
    progress.stop();
    await close();
  }
});

function parseOptions() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { check: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new SeedError(`${(error as Error).message.replace(/\.$/, '')}; see \`npm run import -- --help\`.`);
  }
}
