import { isDeepStrictEqual } from 'node:util';
import { Document, isMap, isSeq, Scalar, type YAMLMap } from 'yaml';
import type { CuratedGraph } from './read-curated-graph.js';
import {
  type FileLayout,
  type LaidOutEntry,
  type LaidOutSection,
  layOutSeedFile,
  SEED_SECTIONS,
  type SeedSection,
} from './seed-layout.js';
import type { CrosswalkEntry, RoleEntry, SeedFileText, SkillEntry, ToolEntry } from './seed-model.js';

type Entry = RoleEntry | SkillEntry | ToolEntry | CrosswalkEntry;
type Fields = Record<string, unknown>;

/** The fields of each kind of entry in the order the seed writes them. */
const FIELD_ORDER: Record<SeedSection, readonly string[]> = {
  roles: ['key', 'name', 'aliases', 'description', 'skills', 'tools'],
  skills: ['key', 'name', 'aliases', 'category', 'learningHours', 'description', 'prerequisites', 'related'],
  tools: ['key', 'name', 'aliases', 'kind', 'description', 'supports'],
  links: ['key', 'esco', 'onet'],
};

/** Where a new entry goes when no seed file holds its kind yet. */
export const DEFAULT_FILES: Record<SeedSection, string> = {
  roles: 'roles.yaml',
  skills: 'skills.yaml',
  tools: 'tools.yaml',
  links: 'crosswalk.yaml',
};

/** Descriptions are folded at this column, as the seed's are (by hand, at about 100 to 105). */
const DESCRIPTION_COLUMNS = 104;

/** The fields the seed leaves out when they have nothing to say. */
function isWritten(field: string, value: unknown): boolean {
  if (field === 'esco' || field === 'onet') return value !== undefined;
  if (field === 'related') return Array.isArray(value) && value.length > 0;
  return true;
}

export interface RenderedSeed {
  files: SeedFileText[];
  /** Entries no seed file held when last seeded, and the file each went to. */
  added: { section: SeedSection; key: string; file: string }[];
  /** Entries the files held that the graph no longer has. */
  removed: { section: SeedSection; key: string; file: string }[];
}

/**
 * Writes the curated graph as seed files laid out like `recorded`, the files as last seeded: each entry
 * stays in its file and place, each field whose value did not change keeps its lines (comments, line
 * breaks and all), lists keep their order with new items after the old in key order. A changed field
 * is written in the seed's style: lists in brackets, descriptions folded, role skills one per line.
 *
 * A new entry goes to the file holding the most entries of its kind and group (a skill's category, a
 * tool's kind, a link's kind of entity), else of its kind, else to DEFAULT_FILES; there, after the last
 * entry of its group, else last; new entries at one place are in key order.
 */
export function renderSeedFiles(graph: CuratedGraph, recorded: readonly SeedFileText[]): RenderedSeed {
  const layouts = [...recorded].sort((a, b) => compare(a.name, b.name)).map(layOutSeedFile);
  const placed = new Map<string, { layout: FileLayout; section: LaidOutSection; entry: LaidOutEntry }>();
  for (const layout of layouts) {
    for (const section of layout.sections) {
      for (const entry of section.entries) {
        const id = `${section.name}:${entry.value?.key}`;
        if (entry.value && !placed.has(id)) placed.set(id, { layout, section, entry });
      }
    }
  }
  const written = <T>(section: SeedSection, key: string) =>
    placed.get(`${section}:${key}`)?.entry.value as T | undefined;

  const kindOf = new Map<string, SeedSection>([
    ...graph.roles.map((role) => [role.key, 'roles'] as const),
    ...graph.skills.map((skill) => [skill.key, 'skills'] as const),
    ...graph.tools.map((tool) => [tool.key, 'tools'] as const),
  ]);
  const current: Record<SeedSection, Map<string, Entry>> = {
    roles: new Map(
      graph.roles.map((role) => {
        const before = written<RoleEntry>('roles', role.key);
        const skills = keepOrder(
          before?.skills.map((s) => s.skill),
          role.skills,
          (s) => s.skill,
        );
        return [role.key, { ...role, skills, tools: keepOrder(before?.tools, role.tools, (t) => t) }];
      }),
    ),
    skills: new Map(withRelated(graph, (key) => written<SkillEntry>('skills', key)).map((s) => [s.key, s])),
    tools: new Map(
      graph.tools.map((tool) => [
        tool.key,
        { ...tool, supports: keepOrder(written<ToolEntry>('tools', tool.key)?.supports, tool.supports, (s) => s) },
      ]),
    ),
    links: new Map(graph.links.map((link) => [link.key, link])),
  };
  const groupOf = (section: SeedSection, value: Fields | undefined): string | undefined => {
    if (!value) return undefined;
    if (section === 'skills') return value.category as string;
    if (section === 'tools') return value.kind as string;
    if (section === 'links') return kindOf.get(value.key as string);
    return undefined;
  };

  // New entries: their file and the entry they follow (undefined: at the end).
  const additions = new Map<LaidOutSection | string, { after: LaidOutEntry | undefined; entry: Entry }[]>();
  const added: RenderedSeed['added'] = [];
  const newSections = new Map<string, Map<SeedSection, Entry[]>>();
  for (const section of SEED_SECTIONS) {
    for (const entry of [...current[section].values()].sort((a, b) => compare(a.key, b.key))) {
      if (placed.has(`${section}:${entry.key}`)) continue;
      const group = groupOf(section, entry as unknown as Fields);
      const holding = (layout: FileLayout, inGroup: boolean) =>
        layout.sections
          .filter((s) => s.name === section)
          .flatMap((s) => s.entries)
          .filter((e) => e.value && (!inGroup || groupOf(section, e.value as Fields) === group)).length;
      const best = (inGroup: boolean) =>
        layouts
          .filter((layout) => holding(layout, inGroup) > 0)
          .sort((a, b) => holding(b, inGroup) - holding(a, inGroup) || compare(a.name, b.name))[0];
      const layout = (group !== undefined ? best(true) : undefined) ?? best(false);
      const target = layout?.sections.find((s) => s.name === section);
      if (!layout || !target) {
        const file = layout?.name ?? DEFAULT_FILES[section];
        const sections = newSections.get(file) ?? new Map<SeedSection, Entry[]>();
        sections.set(section, [...(sections.get(section) ?? []), entry]);
        newSections.set(file, sections);
        added.push({ section, key: entry.key, file });
        continue;
      }
      const after = target.entries.findLast(
        (e) => group !== undefined && groupOf(section, e.value as Fields | undefined) === group,
      );
      additions.set(target, [...(additions.get(target) ?? []), { after, entry }]);
      added.push({ section, key: entry.key, file: layout.name });
    }
  }

  const removed: RenderedSeed['removed'] = [];
  const files: SeedFileText[] = layouts.map((layout) => {
    const lines = [...layout.lead];
    for (const section of layout.sections) {
      const kept = section.entries.filter((e) => e.value && current[section.name].has(e.value.key));
      for (const e of section.entries) {
        if (e.value && !kept.includes(e) && placed.get(`${section.name}:${e.value.key}`)?.entry === e) {
          removed.push({ section: section.name, key: e.value.key, file: layout.name });
        }
      }
      lines.push(...renderSection(section, additions.get(section) ?? [], current[section.name]));
    }
    const extra = newSections.get(layout.name);
    if (extra) {
      lines.push(...renderNewSections(extra, lines.length > 0 && lines.at(-1) === ''));
      newSections.delete(layout.name);
    }
    return { name: layout.name, text: lines.join('\n') };
  });
  for (const [name, sections] of newSections) {
    files.push({ name, text: renderNewSections(sections, true).join('\n') });
  }
  return { files: files.sort((a, b) => compare(a.name, b.name)), added, removed };
}

/** The items of `now` in the order of `before`, then those `before` lacks in `now`'s order (key order). */
function keepOrder<T>(before: readonly string[] | undefined, now: readonly T[], keyOf: (item: T) => string): T[] {
  const position = new Map((before ?? []).map((key, index) => [key, index]));
  const old = now.filter((item) => position.has(keyOf(item)));
  old.sort((a, b) => (position.get(keyOf(a)) ?? 0) - (position.get(keyOf(b)) ?? 0));
  return [...old, ...now.filter((item) => !position.has(keyOf(item)))];
}

/**
 * Each skill's `related`: the graph stores a pair once, the files list it under one skill or both. A pair
 * keeps the sides that listed it; a new pair is listed under its smaller key.
 */
function withRelated(graph: CuratedGraph, written: (key: string) => SkillEntry | undefined): SkillEntry[] {
  const listed = new Map<string, string[]>();
  const list = (from: string, to: string) => listed.set(from, [...(listed.get(from) ?? []), to]);
  for (const [a, b] of graph.relatedPairs) {
    const byA = written(a)?.related.includes(b) === true;
    const byB = written(b)?.related.includes(a) === true;
    if (byA || !byB) list(a, b);
    if (byB) list(b, a);
  }
  return graph.skills.map((skill) => {
    const before = written(skill.key);
    return {
      ...skill,
      prerequisites: keepOrder(before?.prerequisites, skill.prerequisites, (p) => p),
      related: keepOrder(before?.related, listed.get(skill.key) ?? [], (r) => r),
    };
  });
}

function renderSection(
  section: LaidOutSection,
  additions: { after: LaidOutEntry | undefined; entry: Entry }[],
  current: Map<string, Entry>,
): string[] {
  const kept = section.entries.filter((e) => e.value && current.has(e.value.key));
  const unchanged =
    additions.length === 0 &&
    kept.length === section.entries.length &&
    kept.every((e) => isDeepStrictEqual(e.value, current.get(e.value?.key ?? '')));
  if (unchanged) return [...section.head, ...section.entries.flatMap((e) => [...e.gap, ...e.lines]), ...section.tail];

  const dash = section.entries.find((e) => e.dash.trim() === '-')?.dash ?? '  - ';
  const newEntry = (entry: Entry) => renderEntry(section.name, entry as unknown as Fields, dash);
  if (!section.block) {
    // Written again whole, in the seed's block style.
    const entries = [...kept.map((e) => current.get(e.value?.key ?? '') as Entry), ...additions.map((a) => a.entry)];
    const head = section.head.slice(0, section.keyLine);
    if (entries.length === 0) return [...head, `${section.name}: []`, ...section.head.slice(section.keyLine + 1)];
    return [...head, `${section.name}:`, ...entries.flatMap(newEntry)];
  }

  const gap = usualGap(section);
  const lines = [...section.head];
  const atEnd = additions.filter((a) => a.after === undefined).map((a) => a.entry);
  // The comments before an entry that is gone (a category's heading) stay, before the next entry.
  let orphanComments: string[] | undefined;
  let written = 0;
  const writeGap = (own: string[]) => {
    if (written > 0 || orphanComments)
      lines.push(...(orphanComments ? [...orphanComments, ...own.filter(isComment)] : own));
    orphanComments = undefined;
  };
  for (const laidOut of section.entries) {
    const entry = laidOut.value ? current.get(laidOut.value.key) : undefined;
    if (!entry) {
      if (laidOut.gap.some(isComment)) {
        orphanComments = orphanComments ? [...orphanComments, ...laidOut.gap.filter(isComment)] : laidOut.gap;
      }
      continue;
    }
    writeGap(laidOut.gap);
    lines.push(...renderKeptEntry(section.name, laidOut, entry as unknown as Fields));
    written++;
    for (const addition of additions.filter((a) => a.after === laidOut)) {
      writeGap(gap);
      lines.push(...newEntry(addition.entry));
      written++;
    }
  }
  for (const entry of atEnd) {
    writeGap(gap);
    lines.push(...newEntry(entry));
    written++;
  }
  if (orphanComments) lines.push(...orphanComments.filter(isComment));
  if (written === 0) {
    lines[section.keyLine] = `${section.name}: []`;
  }
  return [...lines, ...section.tail];
}

function isComment(line: string): boolean {
  return line.trim().startsWith('#');
}

/** What usually stands between two entries of the section that no comment separates (a blank line, or nothing). */
function usualGap(section: LaidOutSection): string[] {
  const counts = new Map<string, { gap: string[]; count: number }>();
  for (const entry of section.entries.slice(1)) {
    if (entry.gap.some(isComment)) continue;
    const id = JSON.stringify(entry.gap);
    counts.set(id, { gap: entry.gap, count: (counts.get(id)?.count ?? 0) + 1 });
  }
  const [usual] = [...counts.values()].sort((a, b) => b.count - a.count);
  return usual?.gap ?? [''];
}

/** An entry the files had: its unchanged fields as written, the others in the seed's style. */
function renderKeptEntry(section: SeedSection, laidOut: LaidOutEntry, entry: Fields): string[] {
  const before = laidOut.value as unknown as Fields;
  if (isDeepStrictEqual(before, entry)) return laidOut.lines;
  if (!laidOut.fields) return renderEntry(section, entry, laidOut.dash);
  const indent = ' '.repeat(laidOut.dash.length);
  const order = FIELD_ORDER[section];
  const out: { name: string; lines: string[] }[] = [];
  for (const field of laidOut.fields) {
    if (!isWritten(field.name, entry[field.name])) continue;
    out.push(
      isDeepStrictEqual(before[field.name], entry[field.name])
        ? field
        : { name: field.name, lines: renderField(section, field.name, entry[field.name], indent) },
    );
  }
  for (const name of order) {
    if (out.some((field) => field.name === name) || laidOut.fields.some((field) => field.name === name)) continue;
    if (!isWritten(name, entry[name]) || isDeepStrictEqual(before[name], entry[name])) continue;
    const rank = order.indexOf(name);
    const previous = out.findLastIndex((field) => order.indexOf(field.name) < rank);
    out.splice(previous + 1, 0, { name, lines: renderField(section, name, entry[name], indent) });
  }
  // The entry's first line starts with the dash, other fields' with the indent, wherever they were before.
  return out.flatMap((field, i) =>
    field.lines.map((line, j) => (j === 0 ? (i === 0 ? laidOut.dash : indent) + line.slice(indent.length) : line)),
  );
}

/** A whole entry in the seed's style, its first line starting with `dash`. */
function renderEntry(section: SeedSection, entry: Fields, dash: string): string[] {
  const indent = ' '.repeat(dash.length);
  const lines = FIELD_ORDER[section]
    .filter((name) => isWritten(name, entry[name]))
    .flatMap((name) => renderField(section, name, entry[name], indent));
  return lines.map((line, i) => (i === 0 ? dash + line.slice(dash.length) : line));
}

function renderNewSections(sections: Map<SeedSection, Entry[]>, startsOnNewLine: boolean): string[] {
  const lines: string[] = startsOnNewLine ? [] : [''];
  for (const [name, entries] of sections) {
    if (lines.length > 0 && lines.at(-1) !== '') lines.push('');
    lines.push(`${name}:`);
    entries.forEach((entry, i) => {
      if (i > 0) lines.push('');
      lines.push(...renderEntry(name, entry as unknown as Fields, '  - '));
    });
  }
  return [...lines, ''];
}

/** One field in the seed's style, each line starting with `indent`. */
function renderField(section: SeedSection, name: string, value: unknown, indent: string): string[] {
  const document = new Document({ [name]: value });
  const node = (document.contents as YAMLMap).items[0]?.value;
  let options = { lineWidth: 0, flowCollectionPadding: false };
  if (name === 'description' && node instanceof Scalar) {
    node.type = Scalar.BLOCK_FOLDED;
    options = { ...options, lineWidth: DESCRIPTION_COLUMNS - indent.length };
  } else if (name === 'onet' && node instanceof Scalar) {
    node.type = Scalar.QUOTE_DOUBLE;
  } else if (section === 'roles' && name === 'skills' && isSeq(node)) {
    for (const item of node.items) if (isMap(item)) item.flow = true;
    options = { ...options, flowCollectionPadding: true };
  } else if (isSeq(node)) {
    node.flow = true;
  }
  return document
    .toString(options)
    .trimEnd()
    .split('\n')
    .map((line) => indent + line);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
