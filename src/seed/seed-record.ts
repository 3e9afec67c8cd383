import type { QueryRunner } from '../database/database.js';
import type { CrosswalkEntry, SeedFileText } from './seed-model.js';

/*
 * What the seed writer keeps besides the graph, so that `npm run seed:export` can write the seed back:
 * - `(:CrosswalkLink {key, esco, onet})`, one per crosswalk link. SAME_AS relationships exist only once
 *   the other taxonomy is imported, so the graph alone does not hold the crosswalk.
 * - `(:SeedFile {name, text})`, each file of the seed folder last written as it was: the order of its
 *   entries and lists, its comments and line breaks, none of which the graph can say.
 * Neither is an Entity: the API, the exports and the graph version ignore them.
 */

/** Makes the CrosswalkLink nodes exactly `links`. */
export async function recordCrosswalk(tx: QueryRunner, links: readonly CrosswalkEntry[]): Promise<void> {
  await tx.run(
    `MATCH (link:CrosswalkLink) WHERE NOT link.key IN $keys
     DELETE link`,
    { keys: links.map((link) => link.key) },
  );
  await tx.run(
    `UNWIND $links AS row
     MERGE (link:CrosswalkLink {key: row.key})
     SET link.esco = row.esco, link.onet = row.onet`,
    { links: links.map(({ key, esco, onet }) => ({ key, esco: esco ?? null, onet: onet ?? null })) },
  );
}

/** Makes the SeedFile nodes exactly `files`: the layout is the seed folder's last written. */
export async function recordSeedFiles(tx: QueryRunner, files: readonly SeedFileText[]): Promise<void> {
  await tx.run(
    `MATCH (file:SeedFile) WHERE NOT file.name IN $names
     DELETE file`,
    { names: files.map((file) => file.name) },
  );
  await tx.run(
    `UNWIND $files AS row
     MERGE (file:SeedFile {name: row.name})
     SET file.text = row.text`,
    { files: files.map(({ name, text }) => ({ name, text })) },
  );
}

export interface SeedRecord {
  links: CrosswalkEntry[];
  files: SeedFileText[];
}

/** The crosswalk and seed files as recorded, in key and name order. */
export async function readSeedRecord(tx: QueryRunner): Promise<SeedRecord> {
  const links = await tx.run(
    'MATCH (link:CrosswalkLink) RETURN link.key AS key, link.esco AS esco, link.onet AS onet ORDER BY key',
  );
  const files = await tx.run('MATCH (file:SeedFile) RETURN file.name AS name, file.text AS text ORDER BY name');
  return {
    links: links.records.map((record) => {
      const esco: string | null = record.get('esco');
      const onet: string | null = record.get('onet');
      return { key: record.get('key'), ...(esco === null ? {} : { esco }), ...(onet === null ? {} : { onet }) };
    }),
    files: files.records.map((record) => ({ name: record.get('name'), text: record.get('text') })),
  };
}
