import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap } from 'yaml';
import { MAX_ALIAS_COUNT } from './read-seed-files.js';
import { crosswalkEntry, roleEntry, type SeedFileText, skillEntry, toolEntry } from './seed-model.js';

export type SeedSection = 'roles' | 'skills' | 'tools' | 'links';

export const SEED_SECTIONS: readonly SeedSection[] = ['roles', 'skills', 'tools', 'links'];

const ENTRY_SCHEMAS = { roles: roleEntry, skills: skillEntry, tools: toolEntry, links: crosswalkEntry } as const;

/** One field of an entry and the lines it takes, as written (its key's line to the next key's). */
export interface LaidOutField {
  name: string;
  lines: string[];
}

/** An entry of a seed file as written. */
export interface LaidOutEntry {
  /** The entry as the seed reads it (defaults filled in); undefined when it does not read as one. */
  value: { key: string } | undefined;
  /** The lines between the previous entry and this one: blank lines, comments. */
  gap: string[];
  lines: string[];
  /** Field by field, when each field starts a line of its own (the seed's block style); else undefined. */
  fields: LaidOutField[] | undefined;
  /** What comes before the first field on the entry's first line (`  - `); other fields are indented as far. */
  dash: string;
}

/** A `roles:`, `skills:`, `tools:` or `links:` list of a seed file. */
export interface LaidOutSection {
  name: SeedSection;
  /** From the section's first line (the file's first, for the first section) to its first entry's. */
  head: string[];
  /** Where the `name:` line is in `head`. */
  keyLine: number;
  entries: LaidOutEntry[];
  /** The lines after the last entry, up to the next section. */
  tail: string[];
  /** False for a list written otherwise than one `- ` entry after another (`skills: []`, a flow list). */
  block: boolean;
}

export interface FileLayout {
  name: string;
  /** Lines before the first section (all of them when the file holds no section). */
  lead: string[];
  sections: LaidOutSection[];
}

const isBlankOrComment = (line: string) => line.trim() === '' || line.trim().startsWith('#');

/**
 * Splits a seed file, as the seed last read it, into sections, entries and fields with their lines, so
 * that a writer can keep every line whose value did not change. Parts it cannot split stay whole.
 */
export function layOutSeedFile({ name, text }: SeedFileText): FileLayout {
  const lines = text.split('\n');
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  const lineOf = (offset: number) => lineCounter.linePos(offset).line - 1;
  const columnOf = (offset: number) => lineCounter.linePos(offset).col - 1;
  const top = document.contents;
  if (document.errors.length > 0 || !isMap(top)) return { name, lead: lines, sections: [] };

  const starts = top.items.map((pair) => (isScalar(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : -1));
  if (starts.some((start, i) => start < 0 || (i > 0 && start <= (starts[i - 1] ?? 0)))) {
    return { name, lead: lines, sections: [] };
  }
  const sections: LaidOutSection[] = [];
  top.items.forEach((pair, index) => {
    const sectionName = String((pair.key as { value: unknown }).value) as SeedSection;
    const first = index === 0 ? 0 : (starts[index] ?? 0);
    const end = (starts[index + 1] ?? lines.length) - 1;
    const keyLine = (starts[index] ?? 0) - first;
    const list = pair.value;
    const schema = ENTRY_SCHEMAS[sectionName];
    const entryOf = (item: unknown): LaidOutEntry['value'] => {
      if (!schema) return undefined;
      const parsed = schema.safeParse(
        (item as { toJS?: (doc: unknown, options: unknown) => unknown })?.toJS?.(document, {
          maxAliasCount: MAX_ALIAS_COUNT,
        }),
      );
      return parsed.success ? parsed.data : undefined;
    };
    const dashLines = isSeq(list) ? list.items.map((item) => (item as { range?: number[] })?.range?.[0]) : [];
    const block =
      isSeq(list) && !list.flow && list.items.length > 0 && dashLines.every((offset) => offset !== undefined);
    if (!block) {
      // Read for its values and order; written again whole when anything in it changes.
      sections.push({
        name: sectionName,
        head: lines.slice(first, end + 1),
        keyLine,
        entries: isSeq(list)
          ? list.items.map((item) => ({ value: entryOf(item), gap: [], lines: [], fields: undefined, dash: '  - ' }))
          : [],
        tail: [],
        block: false,
      });
      return;
    }
    const dashes = dashLines.map((offset) => lineOf(offset as number));
    const entries: LaidOutEntry[] = [];
    let previousEnd = -1;
    let tailStart = 0;
    list.items.forEach((item, i) => {
      const dash = dashes[i] as number;
      const boundary = dashes[i + 1] ?? end + 1;
      let last = boundary - 1;
      while (last > dash && isBlankOrComment(lines[last] ?? '')) last--;
      const firstOffset = dashLines[i] as number;
      entries.push({
        value: entryOf(item),
        gap: previousEnd < 0 ? [] : lines.slice(previousEnd + 1, dash),
        lines: lines.slice(dash, last + 1),
        fields: isMap(item) && !item.flow ? fieldsOf(item, lines, lineOf, dash, last) : undefined,
        dash: (lines[dash] ?? '').slice(0, columnOf(firstOffset)),
      });
      previousEnd = last;
      tailStart = last + 1;
    });
    sections.push({
      name: sectionName,
      head: lines.slice(first, dashes[0] as number),
      keyLine,
      entries,
      tail: lines.slice(tailStart, end + 1),
      block: true,
    });
  });
  return { name, lead: [], sections };
}

/** The lines of each field of a block mapping, when each starts its own line and the first is on the dash's line. */
function fieldsOf(
  item: YAMLMap,
  lines: string[],
  lineOf: (offset: number) => number,
  dash: number,
  last: number,
): LaidOutField[] | undefined {
  const keyLines = item.items.map((pair) => (isScalar(pair.key) && pair.key.range ? lineOf(pair.key.range[0]) : -1));
  if (keyLines[0] !== dash || keyLines.some((line, i) => i > 0 && line <= (keyLines[i - 1] ?? 0))) return undefined;
  return item.items.map((pair, i) => ({
    name: String((pair.key as { value: unknown }).value),
    lines: lines.slice(keyLines[i] as number, (keyLines[i + 1] ?? last + 1) as number),
  }));
}
