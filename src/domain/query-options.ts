import { BadUserInputError } from '../errors.js';
import type { DataSourceName } from './career-graph.js';

/** The values of `source=`, as the exports and overlap.csv spell them. */
export const SOURCE_OPTION_VALUES: Record<string, DataSourceName> = { seed: 'seed', esco: 'esco', onet: 'onet' };

/**
 * The options of a request (a URL's query, a command line's flags) by name, each given at most once; an
 * unknown or repeated option is refused, naming it. `what` says who takes them (`an export`).
 */
export function singleOptions(
  options: Iterable<[string, string]>,
  known: readonly string[],
  what: string,
): Map<string, string> {
  const given = new Map<string, string>();
  for (const [name, value] of options) {
    if (!known.includes(name)) {
      throw new BadUserInputError(`Unknown option "${name.slice(0, 40)}"; ${what} takes ${inWords(known)}.`, name);
    }
    if (given.has(name)) {
      throw new BadUserInputError(`Option "${name}" is given twice; list its values once, comma-separated.`, name);
    }
    given.set(name, value);
  }
  return given;
}

/**
 * A comma-separated option whose values come from `allowed` (any case), without repeats; null when it is
 * not given. A value `allowed` does not know, or an empty one, is refused, naming the option.
 */
export function listOption<T>(
  given: ReadonlyMap<string, string>,
  name: string,
  allowed: Record<string, T>,
): T[] | null {
  const value = given.get(name);
  if (value === undefined) return null;
  const items = value.split(',').map((item) => item.trim().toLowerCase());
  const unknown = items.find((item) => !Object.hasOwn(allowed, item));
  if (unknown !== undefined) {
    throw new BadUserInputError(
      `Option "${name}" has ${unknown === '' ? 'an empty value' : `"${unknown.slice(0, 40)}"`}; it takes ${Object.keys(allowed).join(', ')}.`,
      name,
    );
  }
  return [...new Set(items.map((item) => allowed[item] as T))];
}

/** `a`, `a and b`, `a, b and c`. */
function inWords(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? 'nothing') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
