import type { EntityLabel, EntityRecord } from '../domain/career-graph.js';
import { AmbiguousReferenceError, BadUserInputError } from '../errors.js';
import type { Context } from './context.js';

/**
 * `role(key:, name:)` and its siblings: exactly one of key or name; a name matches a name or an alias,
 * ignoring case. Nothing found is null; a name shared by several is AMBIGUOUS_REFERENCE.
 */
export async function lookupEntity(
  context: Context,
  label: EntityLabel,
  args: { key?: string | null; name?: string | null },
): Promise<EntityRecord | null> {
  if ((args.key == null) === (args.name == null)) {
    throw new BadUserInputError(
      `Give either key or name to look up a ${label.toLowerCase()}, not ${args.key == null ? 'neither' : 'both'}.`,
    );
  }
  if (args.key != null) {
    const entity = await context.loaders.entityByKey.load(args.key);
    return entity?.label === label ? entity : null;
  }
  const name = args.name ?? '';
  const matches = await context.loaders.entitiesByName.load({ labels: [label], name });
  if (matches.length > 1) {
    throw new AmbiguousReferenceError(
      name,
      matches.map((m) => ({ kind: m.label, key: m.key, name: m.name })),
      'name',
    );
  }
  return matches[0] ?? null;
}
