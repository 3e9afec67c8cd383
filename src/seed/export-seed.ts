import { isDeepStrictEqual } from 'node:util';
import type { Database } from '../database/database.js';
import { type CuratedGraph, readCuratedGraph } from './read-curated-graph.js';
import { parseSeedText, type SeedEntries } from './read-seed-files.js';
import { type RenderedSeed, renderSeedFiles } from './render-seed-files.js';
import { SeedError } from './seed-errors.js';
import { formatProblem, type SeedFileText, type SeedGraph } from './seed-model.js';
import { validateSeed } from './validate-seed.js';

export interface ExportedSeed extends RenderedSeed {
  counts: { roles: number; skills: number; tools: number; links: number };
}

/**
 * The curated graph as seed files (see renderSeedFiles), read in one read transaction. The files are read
 * back as `npm run seed` reads them before they are returned: a graph the seed would refuse (two entities
 * sharing an alias, say) is a SeedError listing why, and files that would not seed this very graph are a bug.
 */
export async function exportSeed(database: Database): Promise<ExportedSeed> {
  const { graph, files } = await readCuratedGraph(database);
  if (files.length === 0) {
    throw new SeedError(
      'The graph has no record of the seed files it was seeded from (it was seeded before seed:export existed, ' +
        'or never): run `npm run seed` once, then export again. Nothing was written.',
    );
  }
  const rendered = renderSeedFiles(graph, files);
  checkSeedsTheGraph(rendered.files, graph);
  return {
    ...rendered,
    counts: {
      roles: graph.roles.length,
      skills: graph.skills.length,
      tools: graph.tools.length,
      links: graph.links.length,
    },
  };
}

/** Reads `files` as the seed does and checks that they hold exactly `graph`. */
export function checkSeedsTheGraph(files: readonly SeedFileText[], graph: CuratedGraph): void {
  const entries: SeedEntries = { roles: [], skills: [], tools: [], links: [] };
  const problems = files.flatMap((file) => {
    const found: ReturnType<typeof validateSeed>['problems'] = [];
    parseSeedText(file.text, file.name, entries, found);
    return found;
  });
  const validated = validateSeed(entries);
  const all = [...problems, ...validated.problems];
  if (all.length > 0 || !validated.graph) {
    throw new SeedError(
      `The graph does not make a valid seed (${all.length} problem${all.length === 1 ? '' : 's'}, in the files it ` +
        `would write); nothing was written:\n${all.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`,
    );
  }
  const written = contentOf({ ...validated.graph, relatedPairs: relatedPairsOf(validated.graph) });
  if (!isDeepStrictEqual(written, contentOf(graph))) {
    throw new Error('seed:export: the files written would not seed the graph read (a bug); nothing was written.');
  }
}

function relatedPairsOf(graph: SeedGraph): [string, string][] {
  const pairs = graph.skills.flatMap((skill) => skill.related.map((other) => [skill.key, other].sort().join('|')));
  return [...new Set(pairs)].map((pair) => pair.split('|') as [string, string]);
}

/** What a seed says, whatever the order of entries and lists (aliases keep theirs: the graph keeps it). */
function contentOf(graph: CuratedGraph): unknown {
  const byKey = <T extends { key: string }>(list: T[]) => [...list].sort((a, b) => compare(a.key, b.key));
  const sorted = (list: string[]) => [...list].sort(compare);
  return {
    roles: byKey(graph.roles).map((role) => ({
      ...role,
      skills: [...role.skills].sort((a, b) => compare(a.skill, b.skill)),
      tools: sorted(role.tools),
    })),
    skills: byKey(graph.skills).map((skill) => ({
      ...skill,
      prerequisites: sorted(skill.prerequisites),
      related: [],
    })),
    tools: byKey(graph.tools).map((tool) => ({ ...tool, supports: sorted(tool.supports) })),
    relatedPairs: graph.relatedPairs.map((pair) => pair.join('|')).sort(compare),
    links: byKey(graph.links),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
