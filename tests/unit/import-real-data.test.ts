import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSet } from '../../src/import/import-model.js';
import { readEsco } from '../../src/import/read-esco.js';
import { readOnet } from '../../src/import/read-onet.js';
import { KEY_PATTERN } from '../../src/seed/seed-model.js';
import { isAcyclic } from '../support/acyclic.js';
import { projectRootForUnitTests as projectRoot } from '../support/paths.js';

/** The real distributions, shared beside the project and never copied into it (see its README). */
const DATA = join(projectRoot, '../shared/data');
const ESCO = join(DATA, 'esco-v1.1.1');
const ONET = join(DATA, 'onet-29.3');

/** Each read takes a few seconds; more on a busy machine. */
const READ_TIMEOUT = 30_000;

const tally = (items: string[]) =>
  Object.fromEntries([...new Set(items)].sort().map((item) => [item, items.filter((i) => i === item).length]));

async function timed(name: string, read: () => Promise<ImportSet>): Promise<ImportSet> {
  const start = performance.now();
  const set = await read();
  console.log(`${name}: read in ${Math.round(performance.now() - start)} ms`);
  return set;
}

function expectSound(set: ImportSet): void {
  const keys = set.nodes.map((n) => n.key);
  expect(keys.filter((key) => !KEY_PATTERN.test(key))).toEqual([]);
  expect(new Set(keys).size).toBe(keys.length);
  expect(set.nodes.filter((n) => n.name.trim() === '')).toEqual([]);
  const known = new Set(keys);
  expect(set.relationships.filter((r) => !known.has(r.from) || !known.has(r.to))).toEqual([]);
  const ids = set.relationships.map((r) => `${r.type} ${r.from} ${r.to}`);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
}

const skipped = (set: ImportSet) =>
  Object.fromEntries(set.skipped.map(({ file, reason, count }) => [`${file}: ${reason}`, count]));
const adjusted = (set: ImportSet) =>
  Object.fromEntries((set.adjusted ?? []).map(({ file, change, count }) => [`${file}: ${change}`, count]));

if (!existsSync(ESCO)) console.warn(`Skipping the real ESCO data test: ${ESCO} is absent.`);
if (!existsSync(ONET)) console.warn(`Skipping the real O*NET data test: ${ONET} is absent.`);

describe('the real distributions', () => {
  it.skipIf(!existsSync(ESCO))(
    'ESCO v1.1.1: every occupation and skill, the README quirks skipped, no cycle',
    async () => {
      const set = await timed('ESCO v1.1.1 (zips)', () => readEsco(ESCO));
      expect(set.release.version).toBe('v1.1.1');
      expect(tally(set.nodes.map((n) => n.label))).toEqual({ Role: 3007, Skill: 13896 });
      // 123,855 rows less the 67 of the occupation missing from occupations_en.csv; 5,899 skill–skill rows:
      // 191 essential, 5,708 optional less one self-loop.
      expect(tally(set.relationships.map((r) => r.type))).toEqual({
        PREREQUISITE_OF: 191,
        RELATED_TO: 5707,
        REQUIRES: 123788,
      });
      expect(skipped(set)).toEqual({
        'occupationSkillRelations.csv: occupation not in occupations_en.csv': 67,
        'skillSkillRelations.csv: a skill related to itself': 1,
      });
      expect(new Set(set.skipped[0]?.examples.map((e) => e.replace(/^line \d+: /, '')))).toEqual(
        new Set(['http://data.europa.eu/esco/occupation/a9e54177-a185-404d-b6e6-15663d31137e']),
      );
      expect(adjusted(set)).toEqual({
        'occupationSkillRelations.csv: empty skillType: kept, the skill is in skills_en.csv': 5,
        'skills_en.csv: empty skillType: category unspecified': 6,
      });
      expectSound(set);
      expect(isAcyclic(set.relationships.filter((r) => r.type === 'PREREQUISITE_OF'))).toBe(true);
      // The README's 64,946 essential and 58,909 optional rows, less the 55 and 12 of the missing occupation.
      expect(
        tally(set.relationships.filter((r) => r.type === 'REQUIRES').map((r) => r.properties.importance ?? '')),
      ).toEqual({
        ESSENTIAL: 64946 - 55,
        OPTIONAL: 58909 - 12,
      });
    },
    READ_TIMEOUT,
  );

  it.skipIf(!existsSync(ONET))(
    'O*NET 29.3: every occupation, technology and relation',
    async () => {
      const set = await timed('O*NET 29.3', () => readOnet(ONET));
      expect(set.release.title).toBe('O*NET 29.3 Database');
      expect(tally(set.nodes.map((n) => n.label))).toEqual({ Role: 1016, Tool: 8775 });
      expect(tally(set.relationships.map((r) => r.type))).toEqual({ RELATED_TO: 18460, USES: 32681 });
      expect(set.skipped).toEqual([]);
      // C, C# and C++ are told apart by spelling out the signs, so no key needs a suffix.
      expect(set.adjusted).toBeUndefined();
      expect(set.nodes.filter((n) => ['C', 'C#', 'C++'].includes(n.name)).map((n) => n.key)).toEqual([
        'onet-tech-c',
        'onet-tech-c-plus-plus',
        'onet-tech-c-sharp',
      ]);
      expect(set.nodes.filter((n) => n.label === 'Role').every((n) => n.aliases.length <= 20)).toBe(true);
      expectSound(set);
    },
    READ_TIMEOUT,
  );
});
