import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './schema.js';

/** The served schema as SDL, exactly as committed in schema/schema.graphql. */
export function printServedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
