import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSeed, SeedValidationError } from '../../src/seed/load-seed.js';
import { parseSeedText, type SeedEntries } from '../../src/seed/read-seed-files.js';
import { formatProblem, type SeedProblem } from '../../src/seed/seed-model.js';
import { findPrerequisiteCycles, validateSeed } from '../../src/seed/validate-seed.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

/** Every problem of a set of YAML files, formatted as the loader prints them. */
function problemsIn(files: Record<string, string>): string[] {
  const entries: SeedEntries = { roles: [], skills: [], tools: [], links: [] };
  const problems: SeedProblem[] = [];
  for (const [file, text] of Object.entries(files)) parseSeedText(text, file, entries, problems);
  problems.push(...validateSeed(entries).problems);
  return problems.map(formatProblem);
}

const skill = (key: string, extra = '') =>
  `  - key: ${key}\n    name: ${key} name\n    category: data\n    learningHours: 10\n    description: about ${key}\n${extra}`;

describe('seed validation', () => {
  it('accepts a valid seed and returns its graph', async () => {
    const graph = await loadSeed(projectRoot, join(projectRoot, 'tests', 'fixtures', 'seed-small'));
    expect(graph.skills.map((s) => s.key)).toEqual(['python-programming', 'statistics', 'machine-learning']);
    expect(graph.roles[0]?.skills).toContainEqual({ skill: 'statistics', importance: 'ESSENTIAL', level: 4 });
    expect(graph.tools[0]?.aliases).toEqual([]);
  });

  it('reports an unknown key in a reference, with file, line and entry', () => {
    const problems = problemsIn({
      'seed/skills.yaml': `skills:\n${skill('statistics', '    prerequisites: [probabilty]\n')}`,
    });
    expect(problems).toEqual([
      'seed/skills.yaml:2: skills[0] (statistics): prerequisites[0]: unknown skill "probabilty"',
    ]);
  });

  it('reports a reference to the wrong kind', () => {
    const problems = problemsIn({
      'seed/a.yaml': `skills:\n${skill('statistics')}tools:\n  - key: pandas\n    name: Pandas\n    kind: library\n    description: d\n    supports: [pandas]\n`,
    });
    expect(problems).toEqual(['seed/a.yaml:8: tools[0] (pandas): supports[0]: "pandas" is a tool, not a skill']);
  });

  it('reports a duplicate key, across files and kinds', () => {
    const problems = problemsIn({
      'seed/skills.yaml': `skills:\n${skill('python')}`,
      'seed/tools.yaml': 'tools:\n  - key: python\n    name: Python language\n    kind: language\n    description: d\n',
    });
    expect(problems).toEqual([
      'seed/tools.yaml:2: tools[0] (python): duplicate key "python": already used by skills[0] (python) at seed/skills.yaml:2',
    ]);
  });

  it('reports a bad importance', () => {
    const problems = problemsIn({
      'seed/a.yaml': `skills:\n${skill('statistics')}roles:\n  - key: analyst\n    name: Analyst\n    description: d\n    skills:\n      - { skill: statistics, importance: CRUCIAL, level: 3 }\n`,
    });
    expect(problems).toEqual([
      'seed/a.yaml:12: roles[0] (analyst): skills[0].importance: must be ESSENTIAL or OPTIONAL, found "CRUCIAL"',
    ]);
  });

  it('reports a level outside 1..5', () => {
    const problems = problemsIn({
      'seed/a.yaml': `skills:\n${skill('statistics')}roles:\n  - key: analyst\n    name: Analyst\n    description: d\n    skills:\n      - { skill: statistics, importance: ESSENTIAL, level: 6 }\n`,
    });
    expect(problems).toEqual(['seed/a.yaml:12: roles[0] (analyst): skills[0].level: must be 1 to 5, found 6']);
  });

  it('reports non-positive learning hours', () => {
    const problems = problemsIn({
      'seed/skills.yaml':
        'skills:\n  - key: statistics\n    name: Statistics\n    category: data\n    learningHours: 0\n    description: d\n',
    });
    expect(problems).toEqual([
      'seed/skills.yaml:5: skills[0] (statistics): learningHours: must be a positive number of hours, found 0',
    ]);
  });

  it('reports a prerequisite cycle with the cycle itself', () => {
    const problems = problemsIn({
      'seed/skills.yaml': `skills:\n${skill('a-skill', '    prerequisites: [c-skill]\n')}${skill('b-skill', '    prerequisites: [a-skill]\n')}${skill('c-skill', '    prerequisites: [b-skill]\n')}`,
    });
    expect(problems).toEqual([
      'seed/skills.yaml:2: skills[0] (a-skill): prerequisite cycle: a-skill → b-skill → c-skill → a-skill',
    ]);
  });

  it('reports a skill that is its own prerequisite as a cycle', () => {
    expect(findPrerequisiteCycles([{ key: 'x', prerequisites: ['x'] }])).toEqual([['x']]);
  });

  it('reports unknown fields, missing fields and bad keys', () => {
    const problems = problemsIn({
      'seed/tools.yaml': 'tools:\n  - key: Py Torch\n    name: PyTorch\n    kind: framework\n    descripton: typo\n',
    });
    expect(problems).toEqual([
      'seed/tools.yaml:2: tools[0] (Py Torch): key: must be a kebab-case slug such as "feature-engineering", found "Py Torch"',
      'seed/tools.yaml:2: tools[0] (Py Torch): description: is required',
      'seed/tools.yaml:5: tools[0] (Py Torch): unknown field "descripton"',
    ]);
  });

  it('says what type a field expected and what it found, instead of "is required"', () => {
    const problems = problemsIn({
      'seed/skills.yaml':
        'skills:\n  - key: statistics\n    name: Statistics\n    aliases: ML\n    category: data\n' +
        '    learningHours: "forty"\n    description:\n    prerequisites: [probability, 3]\n' +
        '  - key: probability\n    name: Probability\n    category: data\n    learningHours: "40"\n' +
        '    description: d\n    related: { statistics: true }\n',
    });
    expect(problems).toEqual([
      'seed/skills.yaml:4: skills[0] (statistics): aliases: expected a list, found the text "ML" (write [ML] for a list of one)',
      'seed/skills.yaml:6: skills[0] (statistics): learningHours: expected a number, found the text "forty"',
      'seed/skills.yaml:7: skills[0] (statistics): description: expected text, found an empty value',
      'seed/skills.yaml:8: skills[0] (statistics): prerequisites[1]: expected text, found the number 3',
      'seed/skills.yaml:12: skills[1] (probability): learningHours: expected a number, found the text "40" (write it without quotes)',
      'seed/skills.yaml:14: skills[1] (probability): related: expected a list, found a mapping',
    ]);
  });

  it('says what it found for a fractional number, and for an entry or section of the wrong shape', () => {
    const problems = problemsIn({
      'seed/a.yaml': `skills:\n${skill('statistics')}roles:\n  - key: analyst\n    name: Analyst\n    description: d\n    skills:\n      - { skill: statistics, importance: ESSENTIAL, level: 2.5 }\n  - just-a-key\n`,
      'seed/b.yaml': '# tools as a mapping\ntools:\n  pandas: { name: Pandas }\nskils: []\n',
    });
    expect(problems).toEqual([
      'seed/a.yaml:12: roles[0] (analyst): skills[0].level: must be a whole number from 1 to 5, found 2.5',
      'seed/a.yaml:13: roles[1]: expected a mapping of fields, found the text "just-a-key"',
      'seed/b.yaml:2: (file): tools: expected a list, found a mapping',
      'seed/b.yaml:4: (file): unknown field "skils"',
    ]);
  });

  it('reports a name or alias that already names another entity', () => {
    const problems = problemsIn({
      'seed/skills.yaml': `skills:\n${skill('machine-learning', '    aliases: [ML]\n')}${skill('markup-languages', '    aliases: [ml]\n')}`,
    });
    expect(problems).toEqual([
      'seed/skills.yaml:8: skills[1] (markup-languages): name or alias "ml" also names skills[0] (machine-learning) (seed/skills.yaml:2)',
    ]);
  });

  it('reports YAML that does not parse', () => {
    expect(problemsIn({ 'seed/broken.yaml': 'skills:\n  - key: [unclosed\n' })[0]).toMatch(
      /^seed\/broken\.yaml:\d+: \(file\): not valid YAML: /,
    );
  });

  it('throws one SeedValidationError listing every problem', async () => {
    const error = await loadSeed(projectRoot, join(projectRoot, 'tests', 'fixtures', 'seed-invalid')).catch((e) => e);
    expect(error).toBeInstanceOf(SeedValidationError);
    expect(error.problems.length).toBe(3);
    expect(error.message).toMatch(/^The seed has 3 problems; nothing was written\./);
  });
});
