import type { AdjustedRows, SkippedRows } from './import-model.js';

const MAX_EXAMPLES = 5;

interface Group {
  file: string;
  text: string;
  count: number;
  examples: string[];
}

/** Collects the rows a reader leaves out or changes, grouped by file and reason, with the first few examples. */
export class ImportLog {
  private readonly skips = new Map<string, Group>();
  private readonly adjustments = new Map<string, Group>();

  skip(file: string, reason: string, example: string): void {
    add(this.skips, file, reason, example);
  }

  adjust(file: string, change: string, example: string): void {
    add(this.adjustments, file, change, example);
  }

  skipped(): SkippedRows[] {
    return sorted(this.skips).map(({ file, text, count, examples }) => ({ file, reason: text, count, examples }));
  }

  adjusted(): AdjustedRows[] {
    return sorted(this.adjustments).map(({ file, text, count, examples }) => ({ file, change: text, count, examples }));
  }
}

function add(groups: Map<string, Group>, file: string, text: string, example: string): void {
  const id = `${file}\n${text}`;
  let group = groups.get(id);
  if (!group) {
    group = { file, text, count: 0, examples: [] };
    groups.set(id, group);
  }
  group.count += 1;
  if (group.examples.length < MAX_EXAMPLES) group.examples.push(example);
}

function sorted(groups: Map<string, Group>): Group[] {
  return [...groups.values()].sort((a, b) => compareText(a.file, b.file) || compareText(a.text, b.text));
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
