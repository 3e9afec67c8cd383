import type { Database } from '../database/database.js';
import type { Logger } from '../logger.js';

export interface Context {
  database: Database;
  logger: Logger;
  requestId: string;
}
