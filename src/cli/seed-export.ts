import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../database/open-database.js';
import { findProjectRoot } from '../project-root.js';
import { exportSeed } from '../seed/export-seed.js';
import { SeedError } from '../seed/seed-errors.js';
import { checkExportFolder, writeSeedFolder } from '../seed/write-seed-folder.js';
import { ProgressDisplay } from './progress-display.js';
import { runCli } from './run-cli.js';

const HELP = `usage: npm run seed:export -- --dir DIR [--force]
  --dir DIR  write the curated graph (roles, skills, tools and the crosswalk) as seed files into DIR,
             in the files, order and layout of the seed folder last seeded; \`diff -r seed DIR\` shows
             what changed since, and \`npm run seed -- --dir DIR\` seeds the same graph
  --force    replace DIR, and everything in it, when it is not empty
Nothing is left half-written: DIR holds all the new files or none.`;

runCli(async () => {
  const values = parseOptions();
  if (values.help) {
    console.log(HELP);
    return;
  }
  if (values.dir === undefined || values.dir.trim() === '') {
    throw new SeedError('--dir names the folder to write the seed files into; see `npm run seed:export -- --help`.');
  }
  await checkExportFolder(values.dir, values.force);
  const projectRoot = findProjectRoot();
  const config = loadConfig();
  const { database, close } = await openDatabase(config, projectRoot, (message) => console.error(message));
  const progress = new ProgressDisplay();
  try {
    const started = performance.now();
    progress.update('reading the curated graph', 0, 1, 'reads');
    const exported = await exportSeed(database);
    progress.update('reading the curated graph', 1, 1, 'reads');
    await writeSeedFolder(values.dir, exported.files, {
      force: values.force,
      onFile: (written, total) => progress.update('writing seed files', written, total, 'files'),
    });
    progress.stop();
    const { roles, skills, tools, links } = exported.counts;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Wrote ${exported.files.length} seed files (${roles} roles, ${skills} skills, ${tools} tools, ${links} crosswalk links) to ${values.dir} in ${seconds} s.`,
    );
    for (const { section, key, file } of exported.added) {
      console.log(`  new since the last seed: ${section} ${key} → ${file}`);
    }
    for (const { section, key, file } of exported.removed) {
      console.log(`  gone since the last seed: ${section} ${key} (was in ${file})`);
    }
  } finally {
    progress.stop();
    await close();
  }
});

function parseOptions() {
  try {
    return parseArgs({
      options: {
        dir: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    // Node's message names the option: "Unknown option '--out'".
    throw new SeedError(`${(error as Error).message.replace(/\.$/, '')}; see \`npm run seed:export -- --help\`.`);
  }
}
