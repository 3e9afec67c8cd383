import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeCliFailure } from '../../src/cli/run-cli.js';
import { ImportFormatError, ImportSourceError } from '../../src/import/import-errors.js';
import type { ImportSet, ReadProgress } from '../../src/import/import-model.js';
import { ESCO_LEARNING_HOURS_ESTIMATE, escoKey, readEsco } from '../../src/import/read-esco.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

const FIXTURE = join(projectRoot, 'tests/fixtures/esco');
const CLASSIFICATION_ZIP = 'ESCO dataset - v1.1.1 - classification - en - csv.zip';
const RELATIONS_ZIP = 'ESCO dataset - v1.1.1 - classification -  - csv.zip'; // two spaces, as distributed

const occupation = (n: number) => `esco-11111111-1111-4111-8111-00000000000${n}`;
const skill = (n: number) => `esco-22222222-2222-4222-8222-00000000000${n}`;
const SOFTWARE_DEVELOPER = 'esco-abcdef01-1111-4111-8111-000000000003';

const counts = (set: ImportSet) =>
  Object.fromEntries(set.skipped.map(({ file, reason, count }) => [`${file}: ${reason}`, count]));
const links = (set: ImportSet, type: string) =>
  set.relationships.filter((r) => r.type === type).map(({ from, to, properties }) => ({ from, to, ...properties }));

describe('reading ESCO', () => {
  let set: ImportSet;
  let temp: string;
  beforeEach(async () => {
    set = await readEsco(FIXTURE);
    temp = await mkdtemp(join(tmpdir(), 'skillgraph-esco-'));
  });
  afterEach(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it('names the release and its attribution', () => {
    expect(set.release).toEqual({
      name: 'esco',
      version: 'v1.1.1',
      title: 'ESCO — European Skills, Competences, Qualifications and Occupations',
      licence: 'Commission Decision 2011/833/EU (reuse with attribution)',
      attribution: 'This service uses the ESCO classification of the European Commission.',
      url: 'https://esco.ec.europa.eu',
    });
  });

  it('keys occupations by the UUID of their URI, lower-cased, with aliases from multi-line altLabels', () => {
    expect(escoKey('http://data.europa.eu/esco/skill/ABCDEF01-1111-4111-8111-000000000003')).toBe(
      'esco-abcdef01-1111-4111-8111-000000000003',
    );
    const roles = set.nodes.filter((n) => n.label === 'Role');
    expect(roles.map((r) => r.key)).toEqual([occupation(1), occupation(2), SOFTWARE_DEVELOPER]);
    expect(roles[0]).toEqual({
      label: 'Role',
      key: occupation(1),
      sourceId: 'http://data.europa.eu/esco/occupation/11111111-1111-4111-8111-000000000001',
      name: 'data scientist',
      // The preferred label (in any case), repeats and blank lines are left out.
      aliases: ['ML scientist', 'machine learning scientist'],
      // No description: the definition stands in.
      description: 'Applies statistics to data.',
    });
    expect(roles[1]).toMatchObject({
      aliases: ['statistical analyst', 'analyst, statistics', '"senior" statistician'],
      description: 'Statisticians collect data.\nThey analyse it.',
    });
    expect(roles[2]?.sourceId).toBe('http://data.europa.eu/esco/occupation/ABCDEF01-1111-4111-8111-000000000003');
  });

  it('gives skills a category, reuse level and estimated learning hours', () => {
    const skills = set.nodes.filter((n) => n.label === 'Skill');
    expect(skills.map((s) => [s.key, s.name, s.category, s.reuseLevel, s.learningHours])).toEqual([
      [skill(1), 'statistics', 'knowledge', 'cross-sector', 40],
      [skill(2), 'use Python', 'skill-competence', 'cross-sector', 20],
      [skill(3), 'train models', 'skill-competence', 'sector-specific', 20],
      [skill(4), 'implement cloud security and compliance', 'unspecified', undefined, 20],
      [skill(5), 'linear algebra', 'knowledge', 'sector-specific', 40],
      [skill(6), 'communicate', 'skill-competence', 'transversal', 20],
    ]);
    expect(skills.every((s) => s.learningHoursEstimated === true)).toBe(true);
    expect(skills[1]?.aliases).toEqual(['Python programming', 'python']);
    expect(skills[5]?.description).toBe('Share information,\nclearly.');
    expect(ESCO_LEARNING_HOURS_ESTIMATE).toEqual({ knowledge: 40, 'skill-competence': 20, unspecified: 20 });
  });

  it('maps occupation–skill relations to REQUIRES with an estimated level, essential winning over optional', () => {
    expect(links(set, 'REQUIRES')).toEqual([
      { from: occupation(1), to: skill(1), importance: 'ESSENTIAL', level: 3, levelEstimated: true },
      { from: occupation(1), to: skill(2), importance: 'ESSENTIAL', level: 3, levelEstimated: true },
      // An empty skillType does not matter when the skill is in skills_en.csv.
      { from: occupation(1), to: skill(4), importance: 'OPTIONAL', level: 2, levelEstimated: true },
      { from: occupation(2), to: skill(1), importance: 'ESSENTIAL', level: 3, levelEstimated: true },
      { from: occupation(2), to: skill(5), importance: 'OPTIONAL', level: 2, levelEstimated: true },
      { from: SOFTWARE_DEVELOPER, to: skill(3), importance: 'ESSENTIAL', level: 3, levelEstimated: true },
    ]);
  });

  it('keeps prerequisites acyclic and relates optional pairs once, from the smaller key', () => {
    // Rows: 2 before 3, 1 before 2, 3 before 1 (a cycle: the walk from skill 1 drops 3 → 1), 1 before 5.
    expect(links(set, 'PREREQUISITE_OF')).toEqual([
      { from: skill(1), to: skill(2) },
      { from: skill(1), to: skill(5) },
      { from: skill(2), to: skill(3) },
    ]);
    // 2–6 given both ways, 6–5 reversed, 6–6 a self-loop, 1–5 already a prerequisite; 3–1 stays, its
    // prerequisite having been dropped.
    expect(links(set, 'RELATED_TO')).toEqual([
      { from: skill(1), to: skill(3) },
      { from: skill(2), to: skill(6) },
      { from: skill(5), to: skill(6) },
    ]);
  });

  it('counts every row left out, by file and reason, with lines to look up', () => {
    expect(counts(set)).toEqual({
      'occupationSkillRelations.csv: occupation not in occupations_en.csv': 2,
      'occupationSkillRelations.csv: occupation–skill pair given again (essential wins)': 2,
      'occupationSkillRelations.csv: relationType is neither essential nor optional': 1,
      'occupationSkillRelations.csv: skill not in skills_en.csv': 1,
      'occupations_en.csv: conceptUri does not end in a UUID': 1,
      'occupations_en.csv: empty preferredLabel': 1,
      'skillSkillRelations.csv: a skill related to itself': 1,
      'skillSkillRelations.csv: optional pair already a prerequisite': 1,
      'skillSkillRelations.csv: optional pair given again (in either direction)': 1,
      'skillSkillRelations.csv: skill not in skills_en.csv': 1,
      'skillSkillRelations.csv: would close a prerequisite cycle': 1,
      'skills_en.csv: UUID already given in occupations_en.csv': 1,
    });
    const example = (reason: string) => set.skipped.find((s) => s.reason === reason)?.examples;
    // Multi-line records: the line is where the row starts in the file.
    expect(example('empty preferredLabel')).toEqual([
      'line 14: http://data.europa.eu/esco/occupation/11111111-1111-4111-8111-000000000004',
    ]);
    expect(example('occupation not in occupations_en.csv')).toEqual([
      'line 7: http://data.europa.eu/esco/occupation/99999999-9999-4999-8999-999999999999',
      'line 8: http://data.europa.eu/esco/occupation/99999999-9999-4999-8999-999999999999',
    ]);
    expect(example('would close a prerequisite cycle')).toEqual([
      'line 4: http://data.europa.eu/esco/skill/22222222-2222-4222-8222-000000000003 → ' +
        'http://data.europa.eu/esco/skill/22222222-2222-4222-8222-000000000001',
    ]);
    expect(set.adjusted?.map(({ file, change, count }) => `${file}: ${change}: ${count}`)).toEqual([
      'occupationSkillRelations.csv: empty skillType: kept, the skill is in skills_en.csv: 1',
      'occupations_en.csv: UUID lower-cased for the key: 1',
      'skills_en.csv: empty skillType: category unspecified: 1',
    ]);
  });

  it('gives the same graph whatever the order of the relation rows', async () => {
    await cp(FIXTURE, temp, { recursive: true });
    for (const file of ['occupationSkillRelations.csv', 'skillSkillRelations.csv']) {
      const [header, ...rows] = (await readFile(join(FIXTURE, file), 'utf8')).trimEnd().split('\n');
      await writeFile(join(temp, file), `${[header, ...rows.reverse()].join('\n')}\n`);
    }
    const reversed = await readEsco(temp);
    expect(reversed.nodes).toEqual(set.nodes);
    expect(reversed.relationships).toEqual(set.relationships);
    expect(counts(reversed)).toEqual(counts(set));
  });

  it('reads the two zips as distributed, the release from their names', async () => {
    const entry = async (file: string) => new Uint8Array(await readFile(join(FIXTURE, file)));
    await writeFile(
      join(temp, CLASSIFICATION_ZIP),
      zipSync({
        'occupations_en.csv': await entry('occupations_en.csv'),
        'skills_en.csv': await entry('skills_en.csv'),
        'skillGroups_en.csv': new TextEncoder().encode('conceptType,conceptUri\n'),
      }),
    );
    await writeFile(
      join(temp, RELATIONS_ZIP),
      zipSync({
        'occupationSkillRelations.csv': await entry('occupationSkillRelations.csv'),
        'skillSkillRelations.csv': await entry('skillSkillRelations.csv'),
      }),
    );
    expect(await readEsco(temp)).toEqual(set);
  });

  it('takes the version from the zip names and prefers extracted CSV files to the zips', async () => {
    const occupations = new TextEncoder().encode(
      'conceptUri,preferredLabel,altLabels,description\n' +
        'http://data.europa.eu/esco/occupation/11111111-1111-4111-8111-000000000001,from the zip,,\n',
    );
    await writeFile(
      join(temp, 'ESCO dataset - v1.2.0 - classification - en - csv.zip'),
      zipSync({ 'occupations_en.csv': occupations }),
    );
    for (const file of ['skills_en.csv', 'occupationSkillRelations.csv', 'skillSkillRelations.csv']) {
      await cp(join(FIXTURE, file), join(temp, file));
    }
    const fromZip = await readEsco(temp);
    expect(fromZip.release.version).toBe('v1.2.0');
    expect(fromZip.nodes.find((n) => n.key === occupation(1))?.name).toBe('from the zip');

    await cp(join(FIXTURE, 'occupations_en.csv'), join(temp, 'occupations_en.csv'));
    expect((await readEsco(temp)).nodes.find((n) => n.key === occupation(1))?.name).toBe('data scientist');
  });

  it('reports progress per file, ending at the file size', async () => {
    const events: ReadProgress[] = [];
    await readEsco(FIXTURE, (progress) => events.push(progress));
    const last = new Map(events.map((e) => [e.file, e]));
    expect([...last.keys()]).toEqual([
      'occupations_en.csv',
      'skills_en.csv',
      'occupationSkillRelations.csv',
      'skillSkillRelations.csv',
    ]);
    expect(last.get('occupations_en.csv')).toMatchObject({ rows: 5 });
    for (const event of last.values()) expect(event.bytesRead).toBe(event.totalBytes);
    expect(last.get('occupationSkillRelations.csv')?.rows).toBe(12);
  });

  it('says which files are missing and what the folder holds', async () => {
    await writeFile(
      join(temp, CLASSIFICATION_ZIP),
      zipSync({ 'occupations_en.csv': new Uint8Array(), 'skills_en.csv': new Uint8Array() }),
    );
    await writeFile(join(temp, 'notes.txt'), 'x');
    const error = await readEsco(temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportSourceError);
    // Written for the person at the terminal: the command line prints it alone.
    expect(describeCliFailure(error, {})).toBe((error as Error).message);
    expect((error as Error).message).toBe(
      `The ESCO folder ${temp} lacks occupationSkillRelations.csv and skillSkillRelations.csv, as CSV files or ` +
        `inside a zip; it has ${CLASSIFICATION_ZIP} (holding occupations_en.csv and skills_en.csv) and notes.txt.`,
    );
    await expect(readEsco(join(temp, 'nowhere'))).rejects.toThrow(
      `The ESCO folder ${join(temp, 'nowhere')} does not exist.`,
    );
  });

  it('rejects a malformed row, naming the file and line', async () => {
    await cp(FIXTURE, temp, { recursive: true });
    const path = join(temp, 'skillSkillRelations.csv');
    await writeFile(path, `${await readFile(path, 'utf8')}http://x,knowledge,"optional\n`);
    const error = await readEsco(temp).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFormatError);
    expect((error as Error).message).toMatch(new RegExp(`^${escapeRegExp(path)}, line 13: Quote Not Closed`));

    await writeFile(path, 'originalSkillUri,relationType,relatedSkillUri\na,essential,b\nc,essential\n');
    await expect(readEsco(temp)).rejects.toThrow(
      new RegExp(`^${escapeRegExp(path)}, line 3: 2 fields where the header has 3$`),
    );

    await writeFile(path, 'originalSkillUri,type,relatedSkillUri\n');
    await expect(readEsco(temp)).rejects.toThrow(`${path}, line 1: the header lacks "relationType"`);

    await writeFile(
      path,
      Buffer.concat([Buffer.from('originalSkillUri,relationType,relatedSkillUri\na,b,c'), Buffer.from([0xe9, 0x0a])]),
    );
    await expect(readEsco(temp)).rejects.toThrow(`${path}, line 2: not valid UTF-8`);
  });

  it('passes over blank lines, still counting them for the line numbers', async () => {
    await cp(FIXTURE, temp, { recursive: true });
    const path = join(temp, 'occupationSkillRelations.csv');
    const lines = (await readFile(path, 'utf8')).split('\n');
    lines.splice(2, 0, '', '');
    await writeFile(path, lines.join('\n'));
    const withBlanks = await readEsco(temp);
    expect(withBlanks.relationships).toEqual(set.relationships);
    expect(withBlanks.skipped.find((s) => s.reason === 'occupation not in occupations_en.csv')?.examples).toEqual([
      'line 9: http://data.europa.eu/esco/occupation/99999999-9999-4999-8999-999999999999',
      'line 10: http://data.europa.eu/esco/occupation/99999999-9999-4999-8999-999999999999',
    ]);
    await writeFile(path, '');
    await expect(readEsco(temp)).rejects.toThrow(`${path}, line 1: no header row: the file is empty`);
  });

  it('names the zip entry of a malformed row', async () => {
    await writeFile(
      join(temp, CLASSIFICATION_ZIP),
      zipSync({
        'occupations_en.csv': new TextEncoder().encode('conceptUri,preferredLabel,altLabels,description\na,b\n'),
        'skills_en.csv': new Uint8Array(),
      }),
    );
    await writeFile(
      join(temp, RELATIONS_ZIP),
      zipSync({
        'occupationSkillRelations.csv': new Uint8Array(),
        'skillSkillRelations.csv': new Uint8Array(),
      }),
    );
    await expect(readEsco(temp)).rejects.toThrow(`${join(temp, CLASSIFICATION_ZIP)} › occupations_en.csv, line 2:`);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
