import { join } from 'node:path';
import type { Database } from '../database/database.js';
import { readSeedFiles } from './read-seed-files.js';
import { SeedError } from './seed-errors.js';
import { formatProblem, type SeedGraph, type SeedProblem } from './seed-model.js';
import { validateSeed } from './validate-seed.js';
import { type SeedReport, writeSeed } from './write-seed.js';

export class SeedValidationError extends SeedError {
  override name = 'SeedValidationError';
  constructor(readonly problems: SeedProblem[]) {
    super(
      `The seed has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written.\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
  }
}

export function seedDirectory(projectRoot: string): string {
  return join(projectRoot, 'seed');
}

/** Reads and validates every seed file; throws SeedValidationError listing every problem found. */
export async function loadSeed(projectRoot: string, seedDir = seedDirectory(projectRoot)): Promise<SeedGraph> {
  const { entries, problems, files } = await readSeedFiles(seedDir, projectRoot);
  const validated = validateSeed(entries);
  const all = [...problems, ...validated.problems];
  if (all.length > 0 || !validated.graph) throw new SeedValidationError(all);
  return { ...validated.graph, files };
}

/**
 * Seeds the graph when it has no curated Role, Skill or Tool yet (imported ones do not count); returns
 * null when it already had some.
 * `timeoutMs` bounds the write (WRITE_TIMEOUT_MS), not the API's execution time limit.
 */
export async function seedIfEmpty(
  database: Database,
  projectRoot: string,
  { timeoutMs }: { timeoutMs?: number } = {},
): Promise<SeedReport | null> {
  const empty = await database.read(async (tx) => {
    const result = await tx.run(
      "RETURN NOT EXISTS { MATCH (n:Entity) WHERE coalesce(n.source, 'seed') = 'seed' } AS empty",
    );
    return result.records[0]?.get('empty') === true;
  });
  return empty ? writeSeed(database, await loadSeed(projectRoot), { timeoutMs }) : null;
}

export function summarizeSeedReport(report: SeedReport): string {
  const lines: string[] = [];
  if (report.reset) lines.push(`reset: deleted ${report.reset.deletedNodes} nodes`);
  for (const [label, counts] of Object.entries(report.nodes)) {
    lines.push(`${label}: ${counts.created} created, ${counts.updated} updated, ${counts.unchanged} unchanged`);
  }
  for (const [type, counts] of Object.entries(report.relationships)) {
    lines.push(`${type}: ${counts.created} created, ${counts.updated} updated, ${counts.removed} removed`);
  }
  return lines.join('\n');
}
