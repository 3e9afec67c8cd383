import { GraphQLError } from 'graphql';

/** Codes clients can rely on in `extensions.code`. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'AMBIGUOUS_REFERENCE'
  | 'BAD_USER_INPUT'
  | 'LIMIT_EXCEEDED'
  | 'DATABASE_UNAVAILABLE';

export class DatabaseUnavailableError extends GraphQLError {
  constructor(cause?: unknown) {
    super('The database is unavailable; try again shortly.', {
      extensions: { code: 'DATABASE_UNAVAILABLE' satisfies ErrorCode, http: { status: 503 } },
    });
    // Kept as `cause`, not `originalError`: yoga masks a GraphQLError whose originalError is not one.
    Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
  }
}
