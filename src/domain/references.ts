import type { EntityLabel, EntityRecord } from '../domain/career-graph.js';
import { AmbiguousReferenceError, BadUserInputError, type EntitySummary, echoInput, NotFoundError } from '../errors.js';
import { searchEntities } from '../queries/search.js';
import type { RequestScope } from './request-scope.js';

export interface Reference {
  /** A key, or a name or alias matched case-insensitively (in that order: see resolveReference). */
  text: string;
  labels: readonly EntityLabel[];
  /** The argument it came from, named in errors. */
  argument: string;
}

function summary(entity: EntityRecord): EntitySummary {
  return { kind: entity.label, key: entity.key, name: entity.name };
}

function describeLabels(labels: readonly EntityLabel[]): string {
  return labels.length === 3 ? 'role, skill or tool' : labels.map((l) => l.toLowerCase()).join(' or ');
}

/**
 * The one entity a user's reference names, in tiers: the one whose key it is (keys are lower-case, so in
 * any case), else the one whose source id it is (an ESCO URI, an O*NET code), else those whose name it is
 * ignoring case, else those with it as an alias ignoring case — each tier among the allowed labels only,
 * and within a tier the curated entries before imported ones. Unknown: NOT_FOUND with the closest matches as suggestions;
 * several in the best tier that has any: AMBIGUOUS_REFERENCE with them all.
 */
export async function resolveReference(scope: RequestScope, reference: Reference): Promise<EntityRecord> {
  const text = reference.text.trim();
  if (text === '') throw new BadUserInputError(`Argument ${reference.argument} must not be empty.`, reference.argument);

  // Every tier in one round trip, the key first: a reference is most often a key.
  const found = await scope.loaders.entitiesByName.load({ labels: reference.labels, name: text, byKey: true });
  if (found.length === 1 && found[0]) return found[0];
  if (found.length > 1) throw new AmbiguousReferenceError(text, found.map(summary), reference.argument);

  // Suggestions are a courtesy: if the search fails, the answer is still NOT_FOUND.
  const hits = scope.loaders.mayRunSuggestionSearch()
    ? await searchEntities(scope.database, text, reference.labels, 5).catch(() => [])
    : [];
  // Suggest only matches close to the best one: a far weaker one is a mention in a description.
  const best = hits[0]?.score ?? 0;
  const suggestions = hits.filter((hit) => Math.floor(hit.score) === Math.floor(best) && hit.score >= best - 0.25);
  throw new NotFoundError(
    `No ${describeLabels(reference.labels)} is called "${echoInput(text)}" (argument ${reference.argument})` +
      (suggestions.length > 0 ? `; did you mean ${suggestions.map((hit) => `"${hit.node.name}"`).join(', ')}?` : '.'),
    { argument: reference.argument, suggestions: suggestions.map((hit) => summary(hit.node)) },
  );
}

export function resolveOptionalReference(
  scope: RequestScope,
  reference: Omit<Reference, 'text'> & { text: string | null | undefined },
): Promise<EntityRecord | null> {
  return reference.text == null
    ? Promise.resolve(null)
    : resolveReference(scope, { ...reference, text: reference.text });
}
