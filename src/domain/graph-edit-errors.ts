/**
 * The expected failures of a write through the API. They are results, not GraphQL errors: the mutations
 * list them as members of their result unions (src/graphql/types/edit-errors.ts), so a client reads which
 * rule failed where, and nothing was written.
 */

/** One broken rule: where in the mutation's arguments (`input.level`, `changes[2].name`) and why. */
export interface EditProblem {
  path: string;
  message: string;
  /** For a prerequisite cycle: its skills' keys, each a prerequisite of the next, the first again last. */
  cycle?: string[];
}

export class EditValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly problems: EditProblem[]) {
    super(
      problems.length === 1
        ? `${problems[0]?.path}: ${problems[0]?.message}`
        : `${problems.length} problems, the first: ${problems[0]?.path}: ${problems[0]?.message}`,
    );
  }
}

/** The write was based on a graph version or a node's `updatedAt` that is no longer current. */
export class EditConflictError extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly path: string,
    readonly expected: string,
    readonly actual: string | null,
  ) {
    super(message);
  }
}

/** A change names an entity or relationship the graph does not have (or will not have, by then). */
export class EditNotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(
    message: string,
    readonly path: string,
    /** `Role`, `Skill`, `Tool`, or a relationship type. */
    readonly kind: string,
    /** The entity's key; for a relationship, `<from key>-><to key>`. */
    readonly key: string,
  ) {
    super(message);
  }
}
