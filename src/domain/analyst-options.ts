import { BadUserInputError } from '../errors.js';
import type { DataSourceName } from './career-graph.js';

/**
 * The options of a URL (`?source=esco&role=…`) when only `allowed` may appear, each at most once: an
 * unknown option or one given twice is BAD_USER_INPUT naming it, never silently ignored.
 */
export function strictOptions<K extends string>(
  options: Iterable<[string, string]>,
  allowed: readonly K[],
): Partial<Record<K, string>> {
  const given: Partial<Record<K, string>> = {};
  for (const [name, value] of options) {
    if (!(allowed as readonly string[]).includes(name)) {
      const takes = allowed.length === 0 ? 'takes no options' : `takes ${allowed.join(', ')}`;
      throw new BadUserInputError(`Unknown option "${name.slice(0, 40)}"; this export ${takes}.`, name);
    }
    if (given[name as K] !== undefined) {
      throw new BadUserInputError(`Option "${name}" is given twice; give it once.`, name);
    }
    given[name as K] = value;
  }
  return given;
}

const NODE_SOURCES: readonly DataSourceName[] = ['seed', 'esco', 'onet'];

/** `seed,esco,onet` (any of them, comma-separated, any case) as a source filter; absent: every source. */
export function sourcesOption(value: string | undefined, name = 'source'): DataSourceName[] | null {
  if (value === undefined) return null;
  const items = value.split(',').map((item) => item.trim().toLowerCase());
  const unknown = items.find((item) => !(NODE_SOURCES as readonly string[]).includes(item));
  if (unknown !== undefined) {
    throw new BadUserInputError(
      `Option "${name}" has ${unknown === '' ? 'an empty value' : `"${unknown.slice(0, 40)}"`}; it takes ${NODE_SOURCES.join(', ')}.`,
      name,
    );
  }
  return [...new Set(items as DataSourceName[])].sort();
}
