import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { SeedError } from './seed-errors.js';
import {
  type CrosswalkEntry,
  crosswalkEntry,
  type Located,
  type RoleEntry,
  roleEntry,
  type SeedFileText,
  type SeedProblem,
  type SkillEntry,
  seedFile,
  skillEntry,
  type ToolEntry,
  toolEntry,
} from './seed-model.js';

export interface SeedEntries {
  roles: Located<RoleEntry>[];
  skills: Located<SkillEntry>[];
  tools: Located<ToolEntry>[];
  links: Located<CrosswalkEntry>[];
}

const SECTIONS = { roles: roleEntry, skills: skillEntry, tools: toolEntry, links: crosswalkEntry } as const;

/**
 * How many copies YAML aliases may make (the yaml package's own guard against alias bombs: a few lines
 * of nested aliases can expand to billions of nodes). Seed files need few aliases, if any.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Reads every `*.yaml` file of the seed folder. Each file may hold `roles:`, `skills:`, `tools:` and `links:`
 * (crosswalk) lists.
 * Entries that do not fit their schema become problems naming file, line, entry and field; a folder that
 * cannot be read is a SeedError.
 */
export async function readSeedFiles(
  seedDir: string,
  displayRoot: string,
): Promise<{ entries: SeedEntries; problems: SeedProblem[]; files: SeedFileText[] }> {
  let names: string[];
  try {
    names = await readdir(seedDir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SeedError(`The seed folder ${seedDir} does not exist.`);
    if (code === 'ENOTDIR') throw new SeedError(`The seed folder ${seedDir} is not a folder.`);
    throw new SeedError(`Cannot read the seed folder ${seedDir}: ${(error as Error).message}`);
  }
  const files = names
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => join(seedDir, file));
  // An empty seed would validate, and `--reset` would then delete every Role, Skill and Tool.
  if (files.length === 0) throw new SeedError(`The seed folder ${seedDir} has no *.yaml files; nothing was written.`);

  const entries: SeedEntries = { roles: [], skills: [], tools: [], links: [] };
  const problems: SeedProblem[] = [];
  const texts: SeedFileText[] = [];
  for (const path of files) {
    // Relative to the project when inside it; a folder elsewhere is clearer by its absolute path.
    const fromRoot = relative(displayRoot, path);
    const file = fromRoot.startsWith('..') || isAbsolute(fromRoot) ? path : fromRoot;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      throw new SeedError(`Cannot read the seed file ${file}: ${(error as Error).message}`);
    }
    const text = parseSeedBytes(bytes, file, entries, problems);
    if (text !== undefined) texts.push({ name: relative(seedDir, path).split(sep).join('/'), text });
  }
  return { entries, problems, files: texts };
}

/**
 * Decodes a seed file as strict UTF-8 (a bad byte is a problem, never a silent U+FFFD), then parses it.
 * Returns the text, or undefined when it is not UTF-8.
 */
export function parseSeedBytes(
  bytes: Uint8Array,
  file: string,
  entries: SeedEntries,
  problems: SeedProblem[],
): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = findInvalidUtf8(bytes) ?? { line: 1, column: 1, byte: bytes[0] ?? 0 };
    const hex = bad.byte.toString(16).toUpperCase().padStart(2, '0');
    problems.push({
      at: { file, line: bad.line, entry: '(file)' },
      reason: `not valid UTF-8: byte 0x${hex} at column ${bad.column}; save the file as UTF-8`,
    });
    return undefined;
  }
  parseSeedText(text, file, entries, problems);
  return text;
}

/** Line and column (in characters) where the first invalid UTF-8 sequence starts, and its first byte. */
export function findInvalidUtf8(bytes: Uint8Array): { line: number; column: number; byte: number } | undefined {
  // A newline byte never occurs inside a multi-byte sequence, so lines can be checked one by one.
  let start = 0;
  for (let line = 1; ; line++) {
    const newline = bytes.indexOf(0x0a, start);
    const lineBytes = bytes.subarray(start, newline === -1 ? bytes.length : newline);
    const bad = firstInvalidSequence(lineBytes);
    if (bad) return { line, ...bad };
    if (newline === -1) return undefined;
    start = newline + 1;
  }
}

function firstInvalidSequence(lineBytes: Uint8Array): { column: number; byte: number } | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(lineBytes);
    return undefined;
  } catch {
    // Byte by byte, the decoder fails at the first byte that cannot continue; what it decoded so far
    // ends right before the bad sequence.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let decoded = '';
    try {
      for (let i = 0; i < lineBytes.length; i++) {
        decoded += decoder.decode(lineBytes.subarray(i, i + 1), { stream: true });
      }
      decoder.decode();
    } catch {}
    return { column: [...decoded].length + 1, byte: lineBytes[Buffer.byteLength(decoded)] ?? 0 };
  }
}

export function parseSeedText(text: string, file: string, entries: SeedEntries, problems: SeedProblem[]): void {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push({
        at: { file, line: error.linePos?.[0].line ?? 1, entry: '(file)' },
        reason: `not valid YAML: ${error.message.split('\n')[0]}`,
      });
    }
    return;
  }
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as Node | null)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  // The line of the deepest part of `path` that exists: a field's key, a list's item (a missing field
  // points at its entry).
  const lineOf = (path: (string | number)[]): number => {
    let node: unknown = document.contents;
    let line = lineAt(node) ?? 1;
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
        if (!pair) break;
        line = lineAt(pair.key) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
        node = node.items[part];
        line = lineAt(node) ?? line;
      } else {
        break;
      }
    }
    return line;
  };

  let content: unknown;
  try {
    content = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (error) {
    // Only aliases fail here: too many expansions, or one naming no anchor.
    let aliasLine: number | undefined;
    visit(document, {
      Alias(_, alias) {
        aliasLine = lineAt(alias);
        return visit.BREAK;
      },
    });
    const message = (error as Error).message;
    problems.push({
      at: { file, line: aliasLine ?? 1, entry: '(file)' },
      reason: /excessive alias count/i.test(message)
        ? `YAML aliases expand past the limit of ${MAX_ALIAS_COUNT} copies (an alias bomb?); write the values out`
        : `not valid YAML: ${message}`,
    });
    return;
  }

  const top = seedFile.safeParse(content);
  if (!top.success) {
    for (const issue of top.error.issues) {
      problems.push({
        at: { file, line: lineOf(issueLinePath(issue)), entry: '(file)' },
        reason: describeIssue(issue, content),
      });
    }
    return;
  }
  for (const section of ['roles', 'skills', 'tools', 'links'] as const) {
    (top.data[section] ?? []).forEach((raw, index) => {
      const rawKey = (raw as { key?: unknown } | null)?.key;
      const at = {
        file,
        line: lineOf([section, index]),
        entry: `${section}[${index}]${typeof rawKey === 'string' ? ` (${rawKey})` : ''}`,
      };
      const parsed = SECTIONS[section].safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push({
            at: { ...at, line: lineOf([section, index, ...issueLinePath(issue)]) },
            reason: describeIssue(issue, raw),
          });
        }
        return;
      }
      (entries[section] as Located<unknown>[]).push({ value: parsed.data, at });
    });
  }
}

function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  return issue.path.filter((part): part is string | number => typeof part !== 'symbol');
}

/** Where to point for an issue: an unknown field at its own key. */
function issueLinePath(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issuePath(issue);
  return issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
}

/** The value at `path` in `input`, and whether it is there at all (a YAML `field:` with nothing is null). */
function lookup(input: unknown, path: (string | number)[]): { present: boolean; value: unknown } {
  let value = input;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) {
      return { present: false, value: undefined };
    }
    value = (value as Record<string | number, unknown>)[part];
  }
  return { present: true, value };
}

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  object: 'a mapping of fields',
  boolean: 'true or false',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issuePath(issue);
  const field = path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
  const prefix = field ? `${field}: ` : '';
  if (issue.code === 'unrecognized_keys') {
    return `${prefix}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const { present, value } = lookup(input, path);
  if (issue.code === 'invalid_type' && !present) return `${prefix}is required`;
  // Zod's own messages start "Invalid input"; ours already say what is expected.
  const custom = !issue.message.startsWith('Invalid input');
  if (issue.code === 'invalid_type' && !custom) {
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return `${prefix}expected ${expected}, found ${describeFound(value)}${typeHint(issue.expected, value)}`;
  }
  if (!present || (typeof value === 'string' && value.trim() === '')) return `${prefix}${issue.message}`;
  return `${prefix}${issue.message}, found ${describeValue(value)}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** A value as a type error names it: "the text "forty"", "a list". */
function describeFound(value: unknown): string {
  if (typeof value === 'string') return `the text ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the value ${value}`;
  return describeValue(value);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function typeHint(expected: string, value: unknown): string {
  if (typeof value !== 'string') return '';
  if (expected === 'array') return ` (write [${value}] for a list of one)`;
  if ((expected === 'number' || expected === 'int') && value.trim() !== '' && Number.isFinite(Number(value))) {
    return ' (write it without quotes)';
  }
  return '';
}
