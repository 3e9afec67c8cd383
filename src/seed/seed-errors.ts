/** A seed failure whose message says what happened and what to do; command lines print it alone. */
export class SeedError extends Error {
  override name = 'SeedError';
}
