import { ConfigError } from '../config.js';
import { ApiKeyError } from '../domain/api-keys.js';
import { BadUserInputError, DatabaseUnavailableError, GraphChangedError, LimitExceededError } from '../errors.js';
import { ImportSourceError } from '../import/import-errors.js';
import { ImportWriteError } from '../import/write-import.js';
import { LocalNeo4jError } from '../local-neo4j/local-neo4j-error.js';
import { SeedError } from '../seed/seed-errors.js';

/** Failures whose message was written for the person at the terminal. */
const EXPECTED_FAILURES = [
  ApiKeyError,
  ConfigError,
  LocalNeo4jError,
  SeedError,
  ImportSourceError,
  ImportWriteError,
  DatabaseUnavailableError,
  LimitExceededError,
  BadUserInputError,
  GraphChangedError,
];

/**
 * Runs a command-line entry point: any failure prints one clear message and exits 1. Expected failures
 * print their message alone; others `name: message`, with the stack only when DEBUG is set or
 * LOG_LEVEL is debug or trace.
 */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`\n${describeCliFailure(error, process.env)}\n`);
    process.exit(1);
  });
}

export function describeCliFailure(error: unknown, env: NodeJS.ProcessEnv): string {
  if (!(error instanceof Error)) return String(error);
  if (EXPECTED_FAILURES.some((type) => error instanceof type)) {
    return isDebugging(env) && error.cause !== undefined ? `${error.message}\n${causesOf(error)}` : error.message;
  }
  if (isDebugging(env)) return [error.stack ?? `${error.name}: ${error.message}`, causesOf(error)].join('\n').trim();
  const code = (error as NodeJS.ErrnoException).code;
  const firstLine = error.message.split('\n')[0] ?? '';
  return `${error.name}${code ? ` [${code}]` : ''}: ${firstLine} (set DEBUG=1 to print the stack trace)`;
}

function isDebugging(env: NodeJS.ProcessEnv): boolean {
  const debug = env.DEBUG?.trim().toLowerCase();
  return (
    (debug !== undefined && debug !== '' && debug !== '0' && debug !== 'false') ||
    env.LOG_LEVEL === 'debug' ||
    env.LOG_LEVEL === 'trace'
  );
}

function causesOf(error: Error): string {
  const parts: string[] = [];
  for (let cause = error.cause, depth = 0; cause !== undefined && depth < 5; cause = (cause as Error).cause, depth++) {
    parts.push(`Caused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`);
    if (!(cause instanceof Error)) break;
  }
  return parts.join('\n');
}
