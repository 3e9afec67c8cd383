import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { findProjectRoot } from '../project-root.js';
import { loadSeed, summarizeSeedReport } from '../seed/load-seed.js';
import { SeedError } from '../seed/seed-errors.js';
import { writeSeed } from '../seed/write-seed.js';
import { runCli } from './run-cli.js';

const HELP = `usage: npm run seed [-- --reset | --check] [--dir DIR]
  (no flag)  validate the seed files, then merge them into the graph (idempotent)
  --reset    validate, then replace every curated Role, Skill and Tool with the seed (imports stay)
  --check    validate only; touch no database
  --dir DIR  read the seed from DIR instead of seed/`;

runCli(async () => {
  const values = parseOptions();
  if (values.help) {
    console.log(HELP);
    return;
  }
  const projectRoot = findProjectRoot();
  const graph = await loadSeed(projectRoot, values.dir ? resolve(values.dir) : undefined);
  console.log(
    `Seed is valid: ${graph.roles.length} roles, ${graph.skills.length} skills, ${graph.tools.length} tools.`,
  );
  if (values.check) return;

  const config = loadConfig();
  const { database, close } = await openDatabase(config, projectRoot, (message) => console.log(message));
  try {
    await migrateDatabase(database, projectRoot);
    const report = await writeSeed(database, graph, { reset: values.reset, timeoutMs: config.writeTimeoutMs });
    console.log(summarizeSeedReport(report));
  } finally {
    await close();
  }
});

function parseOptions() {
  try {
    return parseArgs({
      options: {
        reset: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        dir: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    // Node's message names the option: "Option '--dir <value>' argument missing".
    throw new SeedError(`${(error as Error).message.replace(/\.$/, '')}; see \`npm run seed -- --help\`.`);
  }
}
