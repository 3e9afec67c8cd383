import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportFormatError, ImportSourceError } from '../../src/import/import-errors.js';
import type { ImportSet } from '../../src/import/import-model.js';
import { onetRoleKey, readOnet, technologySlug } from '../../src/import/read-onet.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

const FIXTURE = join(projectRoot, 'tests/fixtures/onet');
const DATA_SCIENTISTS = 'onet-15-2051-00';
const STATISTICIANS = 'onet-15-2041-00';
const DEVELOPERS = 'onet-15-1252-00';
const ANALYSTS = 'onet-15-1211-00';

const counts = (set: ImportSet) =>
  Object.fromEntries(set.skipped.map(({ file, reason, count }) => [`${file}: ${reason}`, count]));

describe('reading O*NET', () => {
  let set: ImportSet;
  let temp: string;
  beforeEach(async () => {
    set = await readOnet(FIXTURE);
    temp = await mkdtemp(join(tmpdir(), 'skillgraph-onet-'));
    await cp(FIXTURE, temp, { recursive: true });
  });
  afterEach(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it('names the release from Read Me.txt, with its attribution', async () => {
    expect(set.release).toEqual({
      name: 'onet',
      version: '29.3',
      title: 'O*NET 29.3 Database',
      licence: 'CC BY 4.0',
      attribution:
        'This product includes information from the O*NET 29.3 Database by the U.S. Department of Labor, ' +
        'Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license.',
      url: 'https://www.onetcenter.org/database.html',
    });
    await writeFile(join(temp, 'Read Me.txt'), 'O*NET 30.1 Database\nNovember 2025 Release\n');
    const next = (await readOnet(temp)).release;
    expect(next.title).toBe('O*NET 30.1 Database');
    expect(next.attribution).toContain('the O*NET 30.1 Database by');
  });

  it('makes roles keyed by their O*NET-SOC code, with reported titles as aliases', () => {
    expect(onetRoleKey('15-2051.00')).toBe(DATA_SCIENTISTS);
    const roles = set.nodes.filter((n) => n.label === 'Role');
    expect(roles.map((r) => [r.key, r.sourceId, r.name, r.aliases])).toEqual([
      [ANALYSTS, '15-1211.00', 'Computer Systems Analysts', []],
      [DEVELOPERS, '15-1252.00', 'Software Developers', []],
      // A quote is part of the text: the files have no quoting.
      [STATISTICIANS, '15-2041.00', 'Statisticians', ['"Senior" Statistician']],
      // "data scientists" is the name in another case; "Data Scientist" is given twice.
      [DATA_SCIENTISTS, '15-2051.00', 'Data Scientists', ['Data Scientist', 'Machine Learning Engineer']],
    ]);
    expect(roles[3]?.description).toBe(
      'Develop and implement techniques to transform raw data into meaningful information.',
    );
  });

  it('makes a tool per technology example, keys kept apart by spelling out + and # and by suffixes', () => {
    expect(technologySlug('Microsoft Visual C# .NET')).toBe('microsoft-visual-c-sharp-net');
    const tools = set.nodes.filter((n) => n.label === 'Tool');
    expect(tools.map((t) => [t.key, t.name, t.kind, t.hotTechnology, t.inDemand])).toEqual([
      ['onet-tech-c', 'C', 'development-environment-software', false, false],
      ['onet-tech-c-plus-plus', 'C++', 'object-or-component-oriented-development-software', true, true],
      ['onet-tech-c-sharp', 'C#', 'object-or-component-oriented-development-software', true, false],
      [
        'onet-tech-dashboard-builder',
        '"Dashboard" builder',
        'business-intelligence-and-data-analysis-software',
        false,
        false,
      ],
      // "Node JS" and "Node.js" share a slug: neither keeps it, each takes a hash of its own name.
      ['onet-tech-node-js-1fc0c7', 'Node.js', 'web-platform-development-software', false, false],
      ['onet-tech-node-js-5fd655', 'Node JS', 'web-platform-development-software', false, true],
      ['onet-tech-python', 'Python', 'object-or-component-oriented-development-software', true, true],
      // The commodity of the first occupation in code order (15-2041.00), not of the first row.
      ['onet-tech-r', 'R', 'analytical-or-scientific-software', true, true],
    ]);
    expect(tools.find((t) => t.key === 'onet-tech-r')).toMatchObject({
      sourceId: 'R',
      aliases: [],
      description: 'Analytical or scientific software',
    });
    expect(set.adjusted).toEqual([
      {
        file: 'Technology Skills.txt',
        change: 'key suffixed with a hash of the name, as several names share its slug',
        count: 2,
        examples: ['Node JS → onet-tech-node-js-5fd655', 'Node.js → onet-tech-node-js-1fc0c7'],
      },
    ]);
  });

  it('links roles to their tools with the flags for that occupation', () => {
    const uses = set.relationships.filter((r) => r.type === 'USES');
    expect(uses.map(({ from, to, properties }) => [from, to, properties.hotTechnology, properties.inDemand])).toEqual([
      [DEVELOPERS, 'onet-tech-c', false, false],
      [DEVELOPERS, 'onet-tech-c-plus-plus', true, true],
      [DEVELOPERS, 'onet-tech-c-sharp', true, false],
      [DEVELOPERS, 'onet-tech-node-js-5fd655', false, true],
      [DEVELOPERS, 'onet-tech-python', true, false],
      [STATISTICIANS, 'onet-tech-r', false, true],
      [DATA_SCIENTISTS, 'onet-tech-dashboard-builder', false, false],
      [DATA_SCIENTISTS, 'onet-tech-node-js-1fc0c7', false, false],
      // Given twice, the second time unflagged: the flags of both rows count.
      [DATA_SCIENTISTS, 'onet-tech-python', true, true],
      [DATA_SCIENTISTS, 'onet-tech-r', true, false],
    ]);
  });

  it('relates occupations in the direction given, with tier and index', () => {
    const related = set.relationships.filter((r) => r.type === 'RELATED_TO');
    expect(related.map(({ from, to, properties }) => ({ from, to, ...properties }))).toEqual([
      { from: DEVELOPERS, to: ANALYSTS, relatednessTier: 'Supplemental', relatednessIndex: 11 },
      { from: STATISTICIANS, to: DATA_SCIENTISTS, relatednessTier: 'Primary-Short', relatednessIndex: 1 },
      { from: DATA_SCIENTISTS, to: DEVELOPERS, relatednessTier: 'Primary-Long', relatednessIndex: 2 },
      { from: DATA_SCIENTISTS, to: STATISTICIANS, relatednessTier: 'Primary-Short', relatednessIndex: 1 },
    ]);
  });

  it('counts every row left out, by file and reason', () => {
    expect(counts(set)).toEqual({
      'Occupation Data.txt: empty Title': 1,
      'Related Occupations.txt: related occupation not in Occupation Data.txt': 1,
      'Sample of Reported Titles.txt: occupation not in Occupation Data.txt': 1,
      'Technology Skills.txt: occupation not in Occupation Data.txt': 1,
      'Technology Skills.txt: occupation–technology pair given again (flags merged)': 1,
    });
    expect(set.skipped.find((s) => s.file === 'Related Occupations.txt')?.examples).toEqual([
      'line 4: 15-2051.00 → 99-1111.00',
    ]);
  });

  it('does without the optional files: no aliases, the default version', async () => {
    await rm(join(temp, 'Sample of Reported Titles.txt'));
    await rm(join(temp, 'Read Me.txt'));
    const bare = await readOnet(temp);
    expect(bare.release.version).toBe('29.3');
    expect(bare.nodes.every((n) => n.aliases.length === 0)).toBe(true);
    expect(bare.relationships).toEqual(set.relationships);
  });

  it('keeps at most 20 reported titles per occupation', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `15-2041.00\tStatisticians\tTitle ${i + 1}\tN`);
    await writeFile(
      join(temp, 'Sample of Reported Titles.txt'),
      `O*NET-SOC Code\tTitle\tReported Job Title\tShown in My Next Move\n${rows.join('\n')}\n`,
    );
    const capped = await readOnet(temp);
    const aliases = capped.nodes.find((n) => n.key === STATISTICIANS)?.aliases;
    expect(aliases).toHaveLength(20);
    expect(aliases?.[19]).toBe('Title 20');
    expect(capped.adjusted?.map((a) => a.change)).toContain('more than 20 reported titles: the first 20 kept');
  });

  it('gives the same result on every read', async () => {
    expect(await readOnet(FIXTURE)).toEqual(set);
  });

  it('says which files are missing and what the folder holds', async () => {
    await rm(join(temp, 'Technology Skills.txt'));
    await rm(join(temp, 'Related Occupations.txt'));
    await expect(readOnet(temp)).rejects.toThrow(
      new ImportSourceError(
        `The O*NET folder ${temp} lacks "Technology Skills.txt" and "Related Occupations.txt"; it has ` +
          '"Occupation Data.txt", "README.md", "Read Me.txt" and "Sample of Reported Titles.txt".',
      ),
    );
  });

  it('rejects a row with a missing field, naming the file and line', async () => {
    const path = join(temp, 'Technology Skills.txt');
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines[2] = '15-2051.00\tData Scientists\tR\t43232405';
    await writeFile(path, lines.join('\n'));
    const error = await readOnet(temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFormatError);
    expect(error).toMatchObject({ file: path, line: 3 });
    expect((error as Error).message).toMatch(/Technology Skills\.txt, line 3: 4 fields where the header has 7$/);
  });
});
