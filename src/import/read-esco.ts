import { basename, join } from 'node:path';
import { breakCycles } from './break-cycles.js';
import { ImportSourceError } from './import-errors.js';
import { compareText, ImportLog } from './import-log.js';
import type { ImportedNode, ImportedRelationship, ImportSet, ProgressListener, SourceRelease } from './import-model.js';
import { cleanAliases, finishImportSet } from './import-set.js';
import { kebabCase } from './kebab-case.js';
import { CSV_TABLE, fileTable, readTable, type TableRow, type TableSource } from './read-table.js';
import { listInWords, listSourceFolder } from './source-folder.js';
import { openZip, type ZipArchive, zipTable } from './zip-tables.js';

/** The release assumed when no zip name says otherwise (extracted CSVs carry no version). */
export const ESCO_DEFAULT_VERSION = 'v1.1.1';

/**
 * Hours to learn an ESCO skill, by category. ESCO gives no such figure, so every imported skill carries this
 * estimate with `learningHoursEstimated: true`: a body of knowledge (`knowledge`) takes longer to acquire than
 * one skill or competence (`skill-competence`); a skill without a type counts as a skill. The reuse level
 * (transversal … occupation-specific) says how widely a skill applies, not how long it takes, so it is ignored.
 */
export const ESCO_LEARNING_HOURS_ESTIMATE = {
  knowledge: 40,
  'skill-competence': 20,
  unspecified: 20,
} as const satisfies Record<string, number>;

/** The proficiency level (1–5) of an ESCO occupation–skill relation, estimated from its type: ESCO has none. */
export const ESCO_LEVEL_ESTIMATE = { ESSENTIAL: 3, OPTIONAL: 2 } as const;

export const ESCO_FILES = {
  occupations: 'occupations_en.csv',
  skills: 'skills_en.csv',
  occupationSkills: 'occupationSkillRelations.csv',
  skillSkills: 'skillSkillRelations.csv',
} as const;

type EscoTables = Record<keyof typeof ESCO_FILES, TableSource>;

export function escoRelease(version: string): SourceRelease {
  return {
    name: 'esco',
    version,
    title: 'ESCO — European Skills, Competences, Qualifications and Occupations',
    licence: 'Commission Decision 2011/833/EU (reuse with attribution)',
    attribution: 'This service uses the ESCO classification of the European Commission.',
    url: 'https://esco.ec.europa.eu',
  };
}

const UUID_AT_END = /\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** `http://data.europa.eu/esco/skill/0005c151-…` → `esco-0005c151-…`: from the URI, so stable across releases. */
export function escoKey(conceptUri: string): string | undefined {
  const uuid = UUID_AT_END.exec(conceptUri.trim())?.[1];
  return uuid ? `esco-${uuid.toLowerCase()}` : undefined;
}

/**
 * Reads occupations, skills and their relations from an ESCO CSV distribution: `dir` holds the four CSV files
 * or the two zips as the ESCO portal distributes them (CSV files win when both are there). Occupations become
 * Roles, skills Skills; occupation–skill relations REQUIRES, essential skill–skill relations PREREQUISITE_OF
 * (kept acyclic) and optional ones RELATED_TO. Rows that cannot be imported are counted in `skipped`.
 */
export async function readEsco(dir: string, onProgress?: ProgressListener): Promise<ImportSet> {
  const { tables, version } = await locateEscoTables(dir);
  const log = new ImportLog();
  const nodes: ImportedNode[] = [];
  const roleKeys = new Set<string>();
  const skillKeys = new Set<string>();

  const concept = (file: string, row: TableRow, line: number) => {
    const sourceId = (row.conceptUri ?? '').trim();
    const key = escoKey(sourceId);
    const name = (row.preferredLabel ?? '').trim();
    const at = `line ${line}: ${sourceId}`;
    if (!key) return void log.skip(file, 'conceptUri does not end in a UUID', at);
    if (name === '') return void log.skip(file, 'empty preferredLabel', at);
    if (roleKeys.has(key) || skillKeys.has(key)) {
      const other = roleKeys.has(key) ? ESCO_FILES.occupations : ESCO_FILES.skills;
      return void log.skip(file, `UUID already given in ${other}`, at);
    }
    if (!key.endsWith(sourceId.slice(-36))) log.adjust(file, 'UUID lower-cased for the key', at);
    const aliases = cleanAliases((row.altLabels ?? '').split(/\r?\n/), name);
    const description = (row.description ?? '').trim() || (row.definition ?? '').trim();
    return { key, sourceId, name, aliases, description };
  };

  await readTable(
    tables.occupations,
    CSV_TABLE,
    ['conceptUri', 'preferredLabel', 'altLabels', 'description'],
    (row, line) => {
      const node = concept(ESCO_FILES.occupations, row, line);
      if (!node) return;
      roleKeys.add(node.key);
      nodes.push({ label: 'Role', ...node });
    },
    onProgress,
  );

  await readTable(
    tables.skills,
    CSV_TABLE,
    ['conceptUri', 'skillType', 'reuseLevel', 'preferredLabel', 'altLabels', 'description'],
    (row, line) => {
      const node = concept(ESCO_FILES.skills, row, line);
      if (!node) return;
      skillKeys.add(node.key);
      const skillType = (row.skillType ?? '').trim();
      if (skillType === '')
        log.adjust(ESCO_FILES.skills, 'empty skillType: category unspecified', `line ${line}: ${node.sourceId}`);
      const category = kebabCase(skillType) || 'unspecified';
      const reuseLevel = kebabCase(row.reuseLevel ?? '');
      nodes.push({
        label: 'Skill',
        ...node,
        category,
        ...(reuseLevel ? { reuseLevel } : {}),
        learningHours:
          ESCO_LEARNING_HOURS_ESTIMATE[category as keyof typeof ESCO_LEARNING_HOURS_ESTIMATE] ??
          ESCO_LEARNING_HOURS_ESTIMATE.unspecified,
        learningHoursEstimated: true,
      });
    },
    onProgress,
  );

  const relationships = await readOccupationSkills(tables.occupationSkills, roleKeys, skillKeys, log, onProgress);
  relationships.push(...(await readSkillSkills(tables.skillSkills, skillKeys, log, onProgress)));
  return finishImportSet(escoRelease(version), nodes, relationships, log);
}

async function readOccupationSkills(
  table: TableSource,
  roleKeys: ReadonlySet<string>,
  skillKeys: ReadonlySet<string>,
  log: ImportLog,
  onProgress?: ProgressListener,
): Promise<ImportedRelationship[]> {
  const file = ESCO_FILES.occupationSkills;
  const byPair = new Map<string, ImportedRelationship>();
  await readTable(
    table,
    CSV_TABLE,
    ['occupationUri', 'relationType', 'skillType', 'skillUri'],
    (row, line) => {
      const occupationUri = (row.occupationUri ?? '').trim();
      const skillUri = (row.skillUri ?? '').trim();
      const from = escoKey(occupationUri);
      const to = escoKey(skillUri);
      if (!from || !roleKeys.has(from)) {
        return log.skip(file, `occupation not in ${ESCO_FILES.occupations}`, `line ${line}: ${occupationUri}`);
      }
      if (!to || !skillKeys.has(to)) {
        return log.skip(file, `skill not in ${ESCO_FILES.skills}`, `line ${line}: ${skillUri}`);
      }
      const relationType = (row.relationType ?? '').trim().toLowerCase();
      if (relationType !== 'essential' && relationType !== 'optional') {
        return log.skip(file, 'relationType is neither essential nor optional', `line ${line}: ${relationType}`);
      }
      // The skill's own type is in skills_en.csv; the copy in this file is redundant, so a blank one is harmless.
      if ((row.skillType ?? '').trim() === '') {
        log.adjust(file, `empty skillType: kept, the skill is in ${ESCO_FILES.skills}`, `line ${line}: ${skillUri}`);
      }
      const importance = relationType === 'essential' ? 'ESSENTIAL' : 'OPTIONAL';
      const pair = `${from} ${to}`;
      const earlier = byPair.get(pair);
      if (earlier) {
        log.skip(
          file,
          'occupation–skill pair given again (essential wins)',
          `line ${line}: ${occupationUri} ${skillUri}`,
        );
        if (importance === 'OPTIONAL') return;
      }
      byPair.set(pair, {
        type: 'REQUIRES',
        from,
        to,
        properties: { importance, level: ESCO_LEVEL_ESTIMATE[importance], levelEstimated: true },
      });
    },
    onProgress,
  );
  return [...byPair.values()];
}

interface SkillPair {
  from: string;
  to: string;
  at: string;
}

async function readSkillSkills(
  table: TableSource,
  skillKeys: ReadonlySet<string>,
  log: ImportLog,
  onProgress?: ProgressListener,
): Promise<ImportedRelationship[]> {
  const file = ESCO_FILES.skillSkills;
  const prerequisites = new Map<string, SkillPair>();
  const related = new Map<string, SkillPair>();
  await readTable(
    table,
    CSV_TABLE,
    ['originalSkillUri', 'relationType', 'relatedSkillUri'],
    (row, line) => {
      const originalUri = (row.originalSkillUri ?? '').trim();
      const relatedUri = (row.relatedSkillUri ?? '').trim();
      const original = escoKey(originalUri);
      const other = escoKey(relatedUri);
      const at = `line ${line}: ${relatedUri} → ${originalUri}`;
      if (!original || !skillKeys.has(original) || !other || !skillKeys.has(other)) {
        return log.skip(file, `skill not in ${ESCO_FILES.skills}`, at);
      }
      if (original === other) return log.skip(file, 'a skill related to itself', at);
      const relationType = (row.relationType ?? '').trim().toLowerCase();
      if (relationType === 'essential') {
        // "The related skill is essential for the original skill": it comes first.
        const id = `${other} ${original}`;
        if (prerequisites.has(id)) return log.skip(file, 'essential pair given again', at);
        prerequisites.set(id, { from: other, to: original, at });
      } else if (relationType === 'optional') {
        // Undirected: one RELATED_TO per pair, from the smaller key to the larger.
        const [from, to] = [original, other].sort(compareText) as [string, string];
        const id = `${from} ${to}`;
        if (related.has(id)) return log.skip(file, 'optional pair given again (in either direction)', at);
        related.set(id, { from, to, at });
      } else {
        log.skip(file, 'relationType is neither essential nor optional', `line ${line}: ${relationType}`);
      }
    },
    onProgress,
  );

  const { kept, dropped } = breakCycles([...prerequisites.values()]);
  for (const edge of dropped) log.skip(file, 'would close a prerequisite cycle', edge.at);
  const linked = new Set(kept.map(({ from, to }) => [from, to].sort(compareText).join(' ')));
  const relationships: ImportedRelationship[] = kept.map(({ from, to }) => ({
    type: 'PREREQUISITE_OF',
    from,
    to,
    properties: {},
  }));
  for (const { from, to, at } of related.values()) {
    // A prerequisite already says the two are related, and more precisely.
    if (linked.has(`${from} ${to}`)) log.skip(file, 'optional pair already a prerequisite', at);
    else relationships.push({ type: 'RELATED_TO', from, to, properties: {} });
  }
  return relationships;
}

/** The four tables, each from a CSV file in `dir` or else from a zip there, and the release named by the zips. */
async function locateEscoTables(dir: string): Promise<{ tables: EscoTables; version: string }> {
  const names = await listSourceFolder(dir, 'ESCO');
  const zips: ZipArchive[] = [];
  for (const name of names.filter((n) => n.toLowerCase().endsWith('.zip'))) zips.push(await openZip(join(dir, name)));

  // `ESCO dataset - v1.1.1 - classification - en - csv.zip` → `v1.1.1`
  const versions = [
    ...new Set(zips.flatMap((zip) => /(?:^|\s)(v\d+(?:\.\d+)+)(?:\s|$)/.exec(basename(zip.path))?.[1] ?? [])),
  ];
  if (versions.length > 1) {
    throw new ImportSourceError(`The ESCO folder ${dir} mixes releases ${listInWords(versions)}; keep one.`);
  }

  const tables: Partial<EscoTables> = {};
  const missing: string[] = [];
  for (const [table, file] of Object.entries(ESCO_FILES) as [keyof EscoTables, string][]) {
    const zip = zips.find((z) => z.entries.has(file));
    if (names.includes(file)) tables[table] = await fileTable(join(dir, file), file);
    else if (zip) tables[table] = zipTable(zip, file);
    else missing.push(file);
  }
  if (missing.length > 0) {
    const found = names.map((name) => {
      const zip = zips.find((z) => z.path === join(dir, name));
      return zip ? `${name} (holding ${listInWords([...zip.entries.keys()].sort())})` : name;
    });
    throw new ImportSourceError(
      `The ESCO folder ${dir} lacks ${listInWords(missing)}, as CSV files or inside a zip; ` +
        (found.length > 0 ? `it has ${listInWords(found)}.` : 'it is empty.'),
    );
  }
  return { tables: tables as EscoTables, version: versions[0] ?? ESCO_DEFAULT_VERSION };
}
