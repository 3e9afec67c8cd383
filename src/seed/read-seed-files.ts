import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  type Located,
  type RoleEntry,
  roleEntry,
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
}

const SECTIONS = { roles: roleEntry, skills: skillEntry, tools: toolEntry } as const;

/**
 * Reads every `*.yaml` file of the seed folder. Each file may hold `roles:`, `skills:` and `tools:` lists.
 * Entries that do not fit their schema become problems naming file, line, entry and field.
 */
export async function readSeedFiles(
  seedDir: string,
  displayRoot: string,
): Promise<{ entries: SeedEntries; problems: SeedProblem[] }> {
  const files = (await readdir(seedDir, { recursive: true }))
    .filter((file) => /\.ya?ml$/.test(file))
    .sort()
    .map((file) => join(seedDir, file));
  const entries: SeedEntries = { roles: [], skills: [], tools: [] };
  const problems: SeedProblem[] = [];
  for (const path of files) {
    parseSeedText(await readFile(path, 'utf8'), relative(displayRoot, path), entries, problems);
  }
  return { entries, problems };
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
  // The line of the deepest node of `path` that exists (a missing field points at its entry).
  const lineOf = (path: (string | number)[]): number => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return lineCounter.linePos(node.range[0]).line;
    }
    return 1;
  };

  const top = seedFile.safeParse(document.toJS() ?? {});
  if (!top.success) {
    for (const issue of top.error.issues) {
      problems.push({ at: { file, line: 1, entry: '(file)' }, reason: describeIssue(issue) });
    }
    return;
  }
  for (const section of ['roles', 'skills', 'tools'] as const) {
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
            at: { ...at, line: lineOf([section, index, ...issuePath(issue)]) },
            reason: describeIssue(issue),
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

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issuePath(issue)
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
  if (issue.code === 'unrecognized_keys') {
    return `${path ? `${path}: ` : ''}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${path}: is required`;
  return `${path}: ${issue.message}`;
}
