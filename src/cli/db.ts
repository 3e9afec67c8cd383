import { loadConfig } from '../config.js';
import { migrateDatabase } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { defaultLocalNeo4j } from '../local-neo4j/local-neo4j.js';
import { findProjectRoot } from '../project-root.js';
import { runCli } from './run-cli.js';

const USAGE = 'usage: npm run db:start | db:stop | db:status | db:migrate';

runCli(async () => {
  const command = process.argv[2];
  const config = loadConfig();
  const projectRoot = findProjectRoot();
  const localNeo4j = defaultLocalNeo4j(config, projectRoot, (message) => console.log(message));

  switch (command) {
    case 'start': {
      const { alreadyRunning } = await localNeo4j.start();
      console.log(alreadyRunning ? `Neo4j already runs on ${localNeo4j.uri}.` : `Neo4j is ready on ${localNeo4j.uri}.`);
      return;
    }
    case 'stop': {
      const { wasRunning } = await localNeo4j.stop();
      console.log(wasRunning ? 'Neo4j stopped.' : 'Neo4j was not running.');
      return;
    }
    case 'status': {
      const status = await localNeo4j.status();
      if (!status.running) {
        console.log(`Neo4j is not running (${status.home}).`);
        process.exitCode = 3;
        return;
      }
      console.log(
        `Neo4j is running: pid ${status.pid}, ${status.uri}, Bolt ${status.boltReady ? 'accepts connections' : 'does not answer yet'} (${status.home}).`,
      );
      return;
    }
    case 'migrate': {
      const { database, close } = await openDatabase(config, projectRoot, (message) => console.log(message));
      try {
        const report = await migrateDatabase(database, projectRoot);
        for (const m of report.applied) console.log(`applied ${m.version} ${m.name}`);
        console.log(`${report.applied.length} applied, ${report.alreadyApplied.length} already applied.`);
      } finally {
        await close();
      }
      return;
    }
    default:
      throw new Error(USAGE);
  }
});
