/** A problem with the project-managed Neo4j whose message tells the user what to do. */
export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}
