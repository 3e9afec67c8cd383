import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase } from '../database/migrations.js';
import { openDatabase } from '../database/open-database.js';
import { ApiKeyError, type ApiKeyRecord, createApiKey, listApiKeys, revokeApiKey } from '../domain/api-keys.js';
import { findProjectRoot } from '../project-root.js';
import { runCli } from './run-cli.js';

const HELP = `usage: npm run keys -- <command>
  create <name> [--scopes read|read,write] [--points-per-minute N]
                     make a key and print it (once: only its SHA-256 is stored); a key with
                     the write scope may also change the graph through the mutations
  list               every key: id, name, scopes, limit, created, revoked (never the key)
  revoke <id|name>   refuse the key from now on (within API_KEY_CACHE_MS on running servers)`;

runCli(async () => {
  const { values, positionals } = parseOptions();
  const [command, argument, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(HELP);
    return;
  }
  if (!['create', 'list', 'revoke'].includes(command)) {
    throw new ApiKeyError(`Unknown command "${command}"; see \`npm run keys -- --help\`.`);
  }
  if (command !== 'list' && argument === undefined) {
    throw new ApiKeyError(`\`keys ${command}\` needs a ${command === 'create' ? 'name' : 'key id or name'}.`);
  }
  if (rest.length > 0 || (command === 'list' && argument !== undefined)) {
    throw new ApiKeyError(`Unexpected argument "${rest[0] ?? argument}"; quote a name with spaces.`);
  }
  const limit = values['points-per-minute'];
  if (limit !== undefined && !/^[1-9]\d*$/.test(limit)) {
    throw new ApiKeyError(`--points-per-minute must be a whole number above 0, not "${limit}".`);
  }
  const pointsPerMinute = limit === undefined ? null : Number(limit);

  const config = loadConfig();
  const projectRoot = findProjectRoot();
  // Progress of a managed Neo4j goes to stderr: stdout carries the key alone after `create`.
  const { database, close } = await openDatabase(config, projectRoot, (message) => console.error(message));
  try {
    await migrateDatabase(database, projectRoot);
    if (command === 'create') {
      const scopes = values.scopes?.split(',').map((scope) => scope.trim());
      const { key, record } = await createApiKey(database, { name: argument ?? '', scopes, pointsPerMinute });
      console.error(`Created ${describeKey(record)}. The key is shown once; store it now:`);
      console.log(key);
    } else if (command === 'list') {
      const keys = await listApiKeys(database);
      if (keys.length === 0) console.log('No API keys; `npm run keys -- create <name>` makes one.');
      for (const key of keys) console.log(describeKey(key));
    } else {
      const record = await revokeApiKey(database, argument ?? '');
      console.log(`Revoked ${describeKey(record)}.`);
    }
  } finally {
    await close();
  }
});

function describeKey(key: ApiKeyRecord): string {
  const limit = key.pointsPerMinute === null ? 'default limit' : `${key.pointsPerMinute} points/min`;
  const state = key.revokedAt ? `revoked ${key.revokedAt}` : 'active';
  return `${key.id}  "${key.name}"  scopes ${key.scopes.join(',')}  ${limit}  created ${key.createdAt}  ${state}`;
}

function parseOptions() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        scopes: { type: 'string' },
        'points-per-minute': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new ApiKeyError(`${(error as Error).message.replace(/\.$/, '')}; see \`npm run keys -- --help\`.`);
  }
}
