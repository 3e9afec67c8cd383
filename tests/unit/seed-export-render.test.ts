import { describe, expect, it } from 'vitest';
import { checkSeedsTheGraph } from '../../src/seed/export-seed.js';
import type { CuratedGraph } from '../../src/seed/read-curated-graph.js';
import { renderSeedFiles } from '../../src/seed/render-seed-files.js';
import type { SkillEntry } from '../../src/seed/seed-model.js';

const skill = (key: string, fields: Partial<SkillEntry> = {}): SkillEntry => ({
  key,
  name: key.replace(/-/g, ' '),
  aliases: [],
  category: 'data',
  learningHours: 10,
  description: `About ${key}.`,
  prerequisites: [],
  related: [],
  ...fields,
});

const graphOf = (skills: SkillEntry[], relatedPairs: [string, string][] = []): CuratedGraph => ({
  roles: [],
  skills,
  tools: [],
  relatedPairs,
  links: [],
});

const recorded = `# Skills.
skills:
  # ---- data
  - key: cleaning
    name: cleaning
    aliases: []
    category: data
    learningHours: 10
    description: About cleaning.
    prerequisites: []
  # ---- maths
  - key: algebra
    name: algebra
    aliases: []
    category: maths
    learningHours: 10
    description: About algebra.
    prerequisites: []
    related: [cleaning]
  - key: calculus
    name: calculus
    aliases: []
    category: maths
    learningHours: 10
    description: About calculus.
    prerequisites: [algebra]
`;

const maths = { category: 'maths' } as const;
const unchanged = graphOf(
  [skill('algebra', maths), skill('calculus', { ...maths, prerequisites: ['algebra'] }), skill('cleaning')],
  [['algebra', 'cleaning']],
);

function render(graph: CuratedGraph): string {
  const { files } = renderSeedFiles(graph, [{ name: 'skills.yaml', text: recorded }]);
  checkSeedsTheGraph(files, graph);
  return files[0]?.text ?? '';
}

describe('seed:export rendering', () => {
  it('writes an unchanged graph as the recorded file', () => {
    expect(render(unchanged)).toBe(recorded);
  });

  it('adds a field where the seed writes it, and lists a new related pair under its smaller key', () => {
    const graph = {
      ...unchanged,
      relatedPairs: [...unchanged.relatedPairs, ['calculus', 'cleaning']] as [string, string][],
    };
    expect(render(graph)).toBe(recorded.replace('[algebra]\n', '[algebra]\n    related: [cleaning]\n'));
  });

  it('keeps the heading of a removed entry for the next one, and drops a related list that empties', () => {
    const graph = graphOf([skill('calculus', maths), skill('cleaning')]);
    expect(render(graph)).toBe(
      recorded
        .replace(/ {2}- key: algebra\n(.*\n){7}/, '')
        .replace('    prerequisites: [algebra]\n', '    prerequisites: []\n'),
    );
  });

  it('puts a new entry after the last of its group, in the seed style', () => {
    const description = `${'A long description that has to be folded. '.repeat(4)}End.`;
    const graph = graphOf(
      [...unchanged.skills, skill('vectors', { ...maths, description, aliases: ['a, b'] })],
      unchanged.relatedPairs,
    );
    expect(render(graph)).toBe(
      `${recorded}  - key: vectors
    name: vectors
    aliases: ["a, b"]
    category: maths
    learningHours: 10
    description: >-
      A long description that has to be folded. A long description that has to be folded. A long
      description that has to be folded. A long description that has to be folded. End.
    prerequisites: []
`,
    );
  });

  it('writes `[]` for a section left empty, and a graph with no recorded layout in the seed style', () => {
    expect(render(graphOf([]))).toBe('# Skills.\nskills: []\n  # ---- data\n  # ---- maths\n');
    const { files } = renderSeedFiles(unchanged, []);
    checkSeedsTheGraph(files, unchanged);
    expect(files.map((file) => file.name)).toEqual(['skills.yaml']);
  });

  it('refuses a graph the seed would refuse, naming the problem', () => {
    const graph = graphOf([skill('algebra', { aliases: ['cleaning'] }), skill('cleaning')]);
    expect(() => render(graph)).toThrow(/name or alias "cleaning" also names/);
  });
});
