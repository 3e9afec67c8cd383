import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportSourceError } from './import-errors.js';
import { compareText, ImportLog } from './import-log.js';
import type { ImportedNode, ImportedRelationship, ImportSet, ProgressListener, SourceRelease } from './import-model.js';
import { cleanAliases, finishImportSet } from './import-set.js';
import { kebabCase } from './kebab-case.js';
import { fileTable, readTable, TAB_TABLE, type TableSource } from './read-table.js';
import { listInWords, listSourceFolder } from './source-folder.js';

/** The release assumed when `Read Me.txt` is absent or does not name one. */
export const ONET_DEFAULT_VERSION = '29.3';

/** Reported job titles kept as aliases of one occupation (O*NET 29.3 lists at most 10). */
export const ONET_MAX_ALIASES = 20;

export const ONET_FILES = {
  occupations: 'Occupation Data.txt',
  technologySkills: 'Technology Skills.txt',
  relatedOccupations: 'Related Occupations.txt',
} as const;

export const ONET_OPTIONAL_FILES = {
  reportedTitles: 'Sample of Reported Titles.txt',
  readMe: 'Read Me.txt',
} as const;

const CODE = 'O*NET-SOC Code';

export function onetRelease(version: string): SourceRelease {
  return {
    name: 'onet',
    version,
    title: `O*NET ${version} Database`,
    licence: 'CC BY 4.0',
    attribution:
      `This product includes information from the O*NET ${version} Database by the U.S. Department of Labor, ` +
      'Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license.',
    url: 'https://www.onetcenter.org/database.html',
  };
}

/** `15-2051.00` → `onet-15-2051-00`. */
export function onetRoleKey(code: string): string {
  return `onet-${kebabCase(code)}`;
}

/**
 * The slug of a technology's name, with `+` and `#` spelled out so that C, C# and C++ stay apart:
 * `Microsoft Visual C# .NET` → `microsoft-visual-c-sharp-net`.
 */
export function technologySlug(example: string): string {
  return kebabCase(example.replace(/\+/g, ' plus ').replace(/#/g, ' sharp '));
}

interface TechnologyUse {
  code: string;
  commodityTitle: string;
  hotTechnology: boolean;
  inDemand: boolean;
}

/**
 * Reads occupations, their technology skills and related occupations from the O*NET database as tab-separated
 * text files. Occupations become Roles (aliases from `Sample of Reported Titles.txt` when present), each distinct
 * technology example a Tool used by the occupations that list it, related occupations RELATED_TO. Rows that
 * cannot be imported are counted in `skipped`.
 */
export async function readOnet(dir: string, onProgress?: ProgressListener): Promise<ImportSet> {
  const names = await listSourceFolder(dir, 'O*NET');
  const missing = Object.values(ONET_FILES).filter((file) => !names.includes(file));
  if (missing.length > 0) {
    throw new ImportSourceError(
      `The O*NET folder ${dir} lacks ${listInWords(missing.map((f) => `"${f}"`))}; ` +
        (names.length > 0 ? `it has ${listInWords(names.map((f) => `"${f}"`))}.` : 'it is empty.'),
    );
  }
  const version = names.includes(ONET_OPTIONAL_FILES.readMe)
    ? await readVersion(join(dir, ONET_OPTIONAL_FILES.readMe))
    : ONET_DEFAULT_VERSION;
  const read: OnetRead = {
    table: (file) => fileTable(join(dir, file), file),
    log: new ImportLog(),
    roles: new Map(),
    ...(onProgress ? { onProgress } : {}),
  };
  await readOccupations(read);
  if (names.includes(ONET_OPTIONAL_FILES.reportedTitles)) await readReportedTitles(read);
  const { tools, uses } = await readTechnologySkills(read);
  const related = await readRelatedOccupations(read);
  return finishImportSet(onetRelease(version), [...read.roles.values(), ...tools], [...uses, ...related], read.log);
}

/** What the steps of one O*NET read share. */
interface OnetRead {
  table(file: string): Promise<TableSource>;
  log: ImportLog;
  /** By O*NET-SOC code. */
  roles: Map<string, ImportedNode>;
  onProgress?: ProgressListener;
}

const UNKNOWN_OCCUPATION = `occupation not in ${ONET_FILES.occupations}`;

async function readOccupations({ table, log, roles, onProgress }: OnetRead): Promise<void> {
  const file = ONET_FILES.occupations;
  await readTable(
    await table(file),
    TAB_TABLE,
    [CODE, 'Title', 'Description'],
    (row, line) => {
      const code = (row[CODE] ?? '').trim();
      const name = (row.Title ?? '').trim();
      const key = onetRoleKey(code);
      const at = `line ${line}: ${code}`;
      if (key === 'onet-') return log.skip(file, `empty ${CODE}`, at);
      if (name === '') return log.skip(file, 'empty Title', at);
      if (roles.has(code)) return log.skip(file, `${CODE} given again`, at);
      const description = (row.Description ?? '').trim();
      roles.set(code, { label: 'Role', key, sourceId: code, name, aliases: [], description });
    },
    onProgress,
  );
}

async function readReportedTitles({ table, log, roles, onProgress }: OnetRead): Promise<void> {
  const file = ONET_OPTIONAL_FILES.reportedTitles;
  const titles = new Map<string, string[]>();
  await readTable(
    await table(file),
    TAB_TABLE,
    [CODE, 'Reported Job Title'],
    (row, line) => {
      const code = (row[CODE] ?? '').trim();
      if (!roles.has(code)) return log.skip(file, UNKNOWN_OCCUPATION, `line ${line}: ${code}`);
      const list = titles.get(code) ?? [];
      list.push(row['Reported Job Title'] ?? '');
      titles.set(code, list);
    },
    onProgress,
  );
  for (const [code, list] of titles) {
    const role = roles.get(code) as ImportedNode;
    role.aliases = cleanAliases(list, role.name, ONET_MAX_ALIASES);
    if (cleanAliases(list, role.name).length > ONET_MAX_ALIASES) {
      log.adjust(file, `more than ${ONET_MAX_ALIASES} reported titles: the first ${ONET_MAX_ALIASES} kept`, code);
    }
  }
}

async function readTechnologySkills({
  table,
  log,
  roles,
  onProgress,
}: OnetRead): Promise<{ tools: ImportedNode[]; uses: ImportedRelationship[] }> {
  const file = ONET_FILES.technologySkills;
  /** Example → O*NET-SOC code → how that occupation uses it. */
  const byExample = new Map<string, Map<string, TechnologyUse>>();
  await readTable(
    await table(file),
    TAB_TABLE,
    [CODE, 'Example', 'Commodity Title', 'Hot Technology', 'In Demand'],
    (row, line) => {
      const code = (row[CODE] ?? '').trim();
      const example = (row.Example ?? '').trim();
      const at = `line ${line}: ${code} ${example}`;
      if (!roles.has(code)) return log.skip(file, UNKNOWN_OCCUPATION, at);
      if (technologySlug(example) === '') return log.skip(file, 'Example has no letter or digit', at);
      const byCode = byExample.get(example) ?? new Map<string, TechnologyUse>();
      byExample.set(example, byCode);
      const use: TechnologyUse = {
        code,
        commodityTitle: (row['Commodity Title'] ?? '').trim(),
        hotTechnology: isYes(row['Hot Technology']),
        inDemand: isYes(row['In Demand']),
      };
      const earlier = byCode.get(code);
      if (!earlier) return void byCode.set(code, use);
      log.skip(file, 'occupation–technology pair given again (flags merged)', at);
      earlier.hotTechnology ||= use.hotTechnology;
      earlier.inDemand ||= use.inDemand;
    },
    onProgress,
  );

  const tools: ImportedNode[] = [];
  const uses: ImportedRelationship[] = [];
  for (const [example, key] of technologyKeys([...byExample.keys()], log)) {
    const list = [...(byExample.get(example)?.values() ?? [])].sort((a, b) => compareText(a.code, b.code));
    // An example may sit under several commodities; the one of the first occupation in code order names it.
    const commodityTitle = list[0]?.commodityTitle ?? '';
    tools.push({
      label: 'Tool',
      key,
      sourceId: example,
      name: example,
      aliases: [],
      description: commodityTitle,
      kind: kebabCase(commodityTitle) || 'unspecified',
      hotTechnology: list.some((use) => use.hotTechnology),
      inDemand: list.some((use) => use.inDemand),
    });
    for (const { code, hotTechnology, inDemand } of list) {
      const from = (roles.get(code) as ImportedNode).key;
      uses.push({ type: 'USES', from, to: key, properties: { hotTechnology, inDemand } });
    }
  }
  return { tools, uses };
}

async function readRelatedOccupations({ table, log, roles, onProgress }: OnetRead): Promise<ImportedRelationship[]> {
  const file = ONET_FILES.relatedOccupations;
  const related = new Map<string, ImportedRelationship>();
  await readTable(
    await table(file),
    TAB_TABLE,
    [CODE, 'Related O*NET-SOC Code', 'Relatedness Tier', 'Index'],
    (row, line) => {
      const code = (row[CODE] ?? '').trim();
      const relatedCode = (row['Related O*NET-SOC Code'] ?? '').trim();
      const at = `line ${line}: ${code} → ${relatedCode}`;
      const from = roles.get(code)?.key;
      const to = roles.get(relatedCode)?.key;
      const index = (row.Index ?? '').trim();
      const relatednessTier = (row['Relatedness Tier'] ?? '').trim();
      if (!from) return log.skip(file, UNKNOWN_OCCUPATION, at);
      if (!to) return log.skip(file, `related ${UNKNOWN_OCCUPATION}`, at);
      if (from === to) return log.skip(file, 'an occupation related to itself', at);
      if (!/^\d+$/.test(index)) return log.skip(file, 'Index is not a whole number', at);
      if (related.has(`${from} ${to}`)) return log.skip(file, 'pair given again', at);
      // Directed: O*NET ranks each occupation's related ones, so A → B and B → A carry ranks of their own.
      related.set(`${from} ${to}`, {
        type: 'RELATED_TO',
        from,
        to,
        properties: { ...(relatednessTier ? { relatednessTier } : {}), relatednessIndex: Number(index) },
      });
    },
    onProgress,
  );
  return [...related.values()];
}

/**
 * `onet-tech-<slug>` for every technology whose slug no other has. Names sharing a slug ("Node JS",
 * "Node.js") each get a suffix from a hash of the exact name instead, so a key is always a function of
 * its name alone: a release that adds a look-alike can retire a key, never hand it to another tool.
 */
function technologyKeys(examples: string[], log: ImportLog): Map<string, string> {
  const sorted = [...examples].sort(compareText);
  const bySlug = new Map<string, string[]>();
  for (const example of sorted) {
    const key = `onet-tech-${technologySlug(example)}`;
    bySlug.set(key, [...(bySlug.get(key) ?? []), example]);
  }
  const keys = new Map<string, string>();
  for (const [key, names] of bySlug) {
    if (names.length === 1) {
      keys.set(names[0] as string, key);
      continue;
    }
    for (const name of names) {
      const suffixed = `${key}-${createHash('sha256').update(name).digest('hex').slice(0, 6)}`;
      keys.set(name, suffixed);
      log.adjust(
        ONET_FILES.technologySkills,
        'key suffixed with a hash of the name, as several names share its slug',
        `${name} → ${suffixed}`,
      );
    }
  }
  return keys;
}

function isYes(flag: string | undefined): boolean {
  return (flag ?? '').trim().toUpperCase() === 'Y';
}

/** `O*NET 29.3 Database` on the first line of `Read Me.txt` → `29.3`. */
async function readVersion(path: string): Promise<string> {
  const firstLine = (await readFile(path, 'utf8')).split(/\r?\n/, 1)[0] ?? '';
  return /^O\*NET\s+(\d+(?:\.\d+)*)\s+Database\b/.exec(firstLine.trim())?.[1] ?? ONET_DEFAULT_VERSION;
}
