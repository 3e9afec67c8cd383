import type { Database } from '../database/database.js';
import type { DataSourceName } from '../domain/career-graph.js';

export interface DataSourceRecord {
  name: DataSourceName;
  title: string;
  version: string;
  licence: string;
  attribution: string;
  url: string;
  importedAt?: string;
  nodes: number;
}

/** The curated graph, which no import records: described here, where its licence is the project's. */
export const SEED_SOURCE: Omit<DataSourceRecord, 'nodes'> = {
  name: 'seed',
  title: 'SkillGraph curated AI/ML careers graph',
  version: 'main',
  licence: 'MIT',
  attribution: 'Curated by the SkillGraph project from its brief on ten AI/ML careers.',
  url: 'seed/',
};

/** The seed and every imported release recorded as a (:DataSource), with how many nodes each has now. */
export function listDataSources(database: Database): Promise<DataSourceRecord[]> {
  return database.read(async (tx) => {
    const result = await tx.run(
      `CALL () {
         MATCH (n:Entity) RETURN coalesce(n.source, 'seed') AS name, count(*) AS nodes
       }
       OPTIONAL MATCH (s:DataSource {name: name})
       RETURN name, nodes, s { .title, .version, .licence, .attribution, .url, importedAt: toString(s.importedAt) } AS release
       ORDER BY CASE name WHEN 'seed' THEN 0 ELSE 1 END, name`,
    );
    return result.records.flatMap((record) => {
      const name = record.get('name') as DataSourceName;
      const nodes = record.get('nodes') as number;
      if (name === 'seed') return [{ ...SEED_SOURCE, nodes }];
      const release = record.get('release') as Omit<DataSourceRecord, 'name' | 'nodes'> | null;
      return release ? [{ ...release, name, nodes, importedAt: release.importedAt ?? undefined }] : [];
    });
  });
}
