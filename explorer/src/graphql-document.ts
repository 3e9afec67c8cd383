/**
 * The explorer sends each view's named document with its values written in as literals, so the query a
 * view ran is one self-contained text that GraphiQL can open from its `?query=` parameter (GraphiQL reads
 * no variables from the URL).
 */

/** A value of a GraphQL enum, written bare (`ESSENTIAL`) where a string would be quoted. */
export class EnumValue {
  constructor(readonly name: string) {}
}

/** A JSON value as a GraphQL literal: strings and numbers as in JSON, lists, input objects, enums, null. */
export function graphqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return `[${value.map(graphqlLiteral).join(', ')}]`;
  if (typeof value === 'object') {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    return `{${fields.map(([name, field]) => `${name}: ${graphqlLiteral(field)}`).join(', ')}}`;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return JSON.stringify(value);
  throw new TypeError(`no GraphQL literal for ${typeof value}`);
}

/**
 * Writes the variables' values into a document of one operation: its variable definitions go, and every
 * `$name` becomes the value's literal. Our documents hold no string literals, so a `$` is always a variable.
 */
export function inlineVariables(document: string, variables: Readonly<Record<string, unknown>>): string {
  const header = /^(\s*(?:#[^\n]*\n\s*)*query\s+\w+)\s*\(([^)]*)\)/.exec(document);
  if (!header) return document;
  const [whole, operation] = header;
  const body = document.slice(whole.length).replace(/\$(\w+)/g, (_match, name: string) => {
    if (!(name in variables)) throw new Error(`no value for $${name}`);
    return graphqlLiteral(variables[name]);
  });
  return `${operation}${body}`;
}
