import { KEY_PATTERN } from '../seed/seed-model.js';
import { compareText, type ImportLog } from './import-log.js';
import type { ImportedNode, ImportedRelationship, ImportSet, SourceRelease } from './import-model.js';

/**
 * A source's alternative names as aliases: trimmed, without empties, repeats (ignoring case; the first spelling
 * wins) or the name itself, at most `max`.
 */
export function cleanAliases(candidates: Iterable<string>, name: string, max = Number.POSITIVE_INFINITY): string[] {
  const seen = new Set([name.trim().toLowerCase()]);
  const aliases: string[] = [];
  for (const candidate of candidates) {
    const alias = candidate.trim();
    const lower = alias.toLowerCase();
    if (alias === '' || seen.has(lower)) continue;
    seen.add(lower);
    aliases.push(alias);
    if (aliases.length >= max) break;
  }
  return aliases;
}

/** Why a node cannot be imported, or undefined when it can. */
export function nodeProblem(node: Pick<ImportedNode, 'key' | 'name'>): string | undefined {
  if (!KEY_PATTERN.test(node.key)) return `key "${node.key}" is not kebab-case`;
  if (node.name.trim() === '') return 'empty name';
  return undefined;
}

/**
 * The import set in a deterministic order (nodes by key, relationships by type, from, to), checked: keys are
 * kebab-case and unique, names not empty, every relationship between two of the nodes and given once.
 * A violation is a bug in the reader, so it throws rather than skipping.
 */
export function finishImportSet(
  release: SourceRelease,
  nodes: ImportedNode[],
  relationships: ImportedRelationship[],
  log: ImportLog,
): ImportSet {
  const keys = new Set<string>();
  for (const node of nodes) {
    const problem = nodeProblem(node);
    if (problem) throw new Error(`${release.name} import: ${node.label} ${node.sourceId}: ${problem}`);
    if (keys.has(node.key)) throw new Error(`${release.name} import: the key ${node.key} is given twice`);
    keys.add(node.key);
  }
  const seen = new Set<string>();
  for (const { type, from, to } of relationships) {
    const id = `${type} ${from} ${to}`;
    if (!keys.has(from) || !keys.has(to)) throw new Error(`${release.name} import: ${id} ends outside the import`);
    if (seen.has(id)) throw new Error(`${release.name} import: ${id} is given twice`);
    seen.add(id);
  }
  const adjusted = log.adjusted();
  return {
    release,
    nodes: [...nodes].sort((a, b) => compareText(a.key, b.key)),
    relationships: [...relationships].sort(
      (a, b) => compareText(a.type, b.type) || compareText(a.from, b.from) || compareText(a.to, b.to),
    ),
    skipped: log.skipped(),
    ...(adjusted.length > 0 ? { adjusted } : {}),
  };
}
