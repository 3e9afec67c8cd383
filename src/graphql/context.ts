import type { Writer } from '../domain/graph-edits.js';
import type { RequestScope } from '../domain/request-scope.js';
import type { Logger } from '../logger.js';

/** The GraphQL context of one request: the domain's request scope, plus its id and logger. */
export interface Context extends RequestScope {
  logger: Logger;
  requestId: string;
  /** The id of the API key the request came with; absent for anonymous requests. */
  apiKeyId?: string;
  /** The API key, when it has the write scope: mutations refuse to run without one. */
  writer?: Writer;
}
