import type { Database } from '../database/database.js';
import type { Logger } from '../logger.js';
import type { Loaders } from './loaders.js';

export interface Context {
  database: Database;
  loaders: Loaders;
  logger: Logger;
  requestId: string;
  /** Largest `first`/`last` a connection accepts (MAX_PAGE_SIZE, at most 100). */
  maxPageSize: number;
}
