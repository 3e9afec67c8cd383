import type { ImportSet } from './import-model.js';
import type { ImportCounts, ImportReport } from './write-import.js';

/** What was read, before anything is written: counts per label and type, and rows left out with why. */
export function describeImportSet(set: ImportSet, elapsedMs: number): string {
  const count = <T>(items: T[], by: (item: T) => string) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(by(item), (counts.get(by(item)) ?? 0) + 1);
    return [...counts].map(([name, n]) => `${n} ${name}`).join(', ');
  };
  const lines = [
    `Read ${set.release.title} ${set.release.version} in ${(elapsedMs / 1000).toFixed(1)} s: ` +
      `${count(set.nodes, (node) => node.label)}; ${count(set.relationships, (r) => r.type)}.`,
  ];
  const groups = [
    {
      title: 'Left out:',
      rows: set.skipped.map(({ count, file, reason, examples }) => ({ count, file, what: reason, examples })),
    },
    {
      title: 'Kept, but changed:',
      rows: (set.adjusted ?? []).map(({ count, file, change, examples }) => ({ count, file, what: change, examples })),
    },
  ];
  for (const { title, rows } of groups) {
    if (rows.length === 0) continue;
    lines.push(title);
    for (const row of rows) {
      lines.push(`  ${row.count} × ${row.file}: ${row.what}`);
      for (const example of row.examples.slice(0, 3)) lines.push(`      e.g. ${example}`);
    }
  }
  return lines.join('\n');
}

export function summarizeImportReport(report: ImportReport): string {
  const line = (name: string, c: ImportCounts) =>
    `  ${name.padEnd(16)} ${c.created} created, ${c.updated} updated, ${c.removed} removed, ${c.unchanged} unchanged`;
  return [
    `${report.source} ${report.version}: ${report.changed ? 'written' : 'already up to date; nothing changed'} ` +
      `in ${(report.elapsedMs / 1000).toFixed(1)} s (one transaction).`,
    ...Object.entries(report.nodes).map(([label, counts]) => line(label, counts)),
    ...Object.entries(report.relationships).map(([type, counts]) => line(type, counts)),
    `  crosswalk        ${report.crosswalk.created} SAME_AS links made, ${report.crosswalk.removed} removed`,
  ].join('\n');
}
