import { ConfigError } from '../config.js';
import { LocalNeo4jError } from '../local-neo4j/local-neo4j-error.js';
import { SeedValidationError } from '../seed/load-seed.js';

/** Runs a command-line entry point: expected failures print their message alone and exit 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const expected =
      error instanceof ConfigError || error instanceof LocalNeo4jError || error instanceof SeedValidationError;
    console.error(expected ? `\n${(error as Error).message}\n` : error);
    process.exit(1);
  });
}
