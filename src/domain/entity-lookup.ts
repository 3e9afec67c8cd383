import type { EntityLabel, EntityRecord } from '../domain/career-graph.js';
import { AmbiguousReferenceError, BadUserInputError } from '../errors.js';
import type { RequestScope } from './request-scope.js';

/**
 * `role(key:, name:)` and its siblings: exactly one of key or name. A name is matched ignoring case against
 * names first and, only when no entity of the label has that name, against aliases. Nothing found is null;
 * several tied in that tier (two with that name, or no such name and two with that alias) is
 * AMBIGUOUS_REFERENCE.
 */
export async function lookupEntity(
  scope: RequestScope,
  label: EntityLabel,
  args: { key?: string | null; name?: string | null },
): Promise<EntityRecord | null> {
  if ((args.key == null) === (args.name == null)) {
    throw new BadUserInputError(
      `Give either key or name to look up a ${label.toLowerCase()}, not ${args.key == null ? 'neither' : 'both'}.`,
    );
  }
  if (args.key != null) {
    // Keys are lower-case kebab-case, so a key in any case names the same node, as in path arguments.
    const entity = await scope.loaders.entityByKey.load(args.key.toLowerCase());
    return entity?.label === label ? entity : null;
  }
  const name = args.name ?? '';
  const matches = await scope.loaders.entitiesByName.load({ labels: [label], name });
  if (matches.length > 1) {
    throw new AmbiguousReferenceError(
      name,
      matches.map((m) => ({ kind: m.label, key: m.key, name: m.name })),
      'name',
    );
  }
  return matches[0] ?? null;
}
