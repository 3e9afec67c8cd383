import { DEFAULT_WRITE_TIMEOUT_MS } from '../config.js';
import type { Database, QueryRunner } from '../database/database.js';
import { ENTITY_LABELS, type EntityLabel, RELATION_TYPES, type RelationType } from '../domain/career-graph.js';
import { bumpGraphVersion } from '../queries/graph-version.js';
import type { CrosswalkEntry } from '../seed/seed-model.js';
import { type CrosswalkCounts, syncCrosswalk } from '../seed/write-crosswalk.js';
import { describeSeedWriteFailure, mergeNodes } from '../seed/write-seed.js';
import type { ImportedNode, ImportedRelationship, ImportSet } from './import-model.js';

/** An import that failed; `outcome` says whether the graph may have changed (only if COMMIT was under way). */
export class ImportWriteError extends Error {
  override name = 'ImportWriteError';
  constructor(
    message: string,
    readonly outcome: 'not-written' | 'unknown' = 'not-written',
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  removed: number;
}

export interface ImportReport {
  source: string;
  version: string;
  nodes: Record<EntityLabel, ImportCounts>;
  relationships: Partial<Record<RelationType, ImportCounts>>;
  crosswalk: CrosswalkCounts;
  /** False when the graph already held exactly this release: nothing was written. */
  changed: boolean;
  elapsedMs: number;
}

export interface WriteProgress {
  phase: 'nodes' | 'relationships' | 'removing' | 'committing';
  done: number;
  total: number;
}

export interface WriteImportOptions {
  /** Time limit of the one write transaction (WRITE_TIMEOUT_MS): an import is not an API request. */
  timeoutMs?: number;
  /** The crosswalk to link imported nodes to the curated ones with. */
  links?: readonly CrosswalkEntry[];
  onProgress?: (progress: WriteProgress) => void;
  /** Rows per statement. */
  batchSize?: number;
}

/**
 * Writes an import in ONE write transaction, so that a failure leaves the graph exactly as it was.
 * Nodes and relationships are merged on their keys, so importing the same release again changes nothing;
 * what the source no longer has (nodes, and relationships of its nodes) is removed. Only nodes and
 * relationships of this source are touched, besides the crosswalk's SAME_AS links.
 */
export async function writeImport(
  database: Database,
  set: ImportSet,
  { timeoutMs = DEFAULT_WRITE_TIMEOUT_MS, links = [], onProgress, batchSize = 5000 }: WriteImportOptions = {},
): Promise<ImportReport> {
  const started = performance.now();
  // Once the work has finished the driver sends COMMIT, and a failure from then on may follow a commit.
  let commitAttempted = false;
  try {
    return await database.write(
      async (tx) => {
        const report = await writeInTransaction(tx, set, links, batchSize, onProgress);
        onProgress?.({ phase: 'committing', done: 0, total: 1 });
        commitAttempted = true;
        return { ...report, elapsedMs: performance.now() - started };
      },
      { tag: `import-${set.release.name}`, timeoutMs },
    );
  } catch (error) {
    if (error instanceof ImportWriteError) throw error;
    const described = describeSeedWriteFailure(error, {
      phase: commitAttempted ? 'committing' : 'writing',
      reset: false,
      timeoutMs,
      elapsedMs: performance.now() - started,
      write: {
        subject: `${set.release.name} import`,
        rerun: `\`npm run import -- ${set.release.name} <dir>\``,
      },
    });
    if (!described) throw error;
    throw new ImportWriteError(described.message, described.outcome, { cause: error });
  }
}

async function writeInTransaction(
  tx: QueryRunner,
  set: ImportSet,
  links: readonly CrosswalkEntry[],
  batchSize: number,
  onProgress: WriteImportOptions['onProgress'],
): Promise<Omit<ImportReport, 'elapsedMs'>> {
  const source = set.release.name;
  await refuseForeignKeys(tx, set);

  const nodes = Object.fromEntries(
    ENTITY_LABELS.map((label) => [label, { created: 0, updated: 0, unchanged: 0, removed: 0 }]),
  ) as Record<EntityLabel, ImportCounts>;
  const total = set.nodes.length + set.relationships.length;
  let done = 0;
  for (const label of ENTITY_LABELS) {
    const rows = set.nodes.filter((node) => node.label === label).map((node) => nodeRow(node, source));
    for (const batch of batches(rows, batchSize)) {
      add(nodes[label], await mergeNodes(tx, label, batch));
      done += batch.length;
      onProgress?.({ phase: 'nodes', done, total });
    }
  }
  const relationships: Partial<Record<RelationType, ImportCounts>> = {};
  for (const type of RELATION_TYPES) {
    const rows = set.relationships.filter((relationship) => relationship.type === type);
    const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
    for (const batch of batches(rows, batchSize)) {
      add(counts, await mergeRelationships(tx, type, batch, source));
      done += batch.length;
      onProgress?.({ phase: 'relationships', done, total });
    }
    // Before the nodes that left are deleted, so that their relationships are counted too.
    counts.removed = await removeLeftRelationships(tx, type, rows, source, batchSize);
    if (rows.length > 0 || counts.removed > 0) relationships[type] = counts;
  }

  onProgress?.({ phase: 'removing', done, total });
  const removedNodes = await tx.run(
    `MATCH (n:Entity {source: $source}) WHERE NOT n.key IN $keys
     WITH n, [l IN labels(n) WHERE l IN ['Role', 'Skill', 'Tool']][0] AS label
     DETACH DELETE n
     RETURN label, count(*) AS removed`,
    { source, keys: set.nodes.map((node) => node.key) },
  );
  for (const record of removedNodes.records) {
    const counts = nodes[record.get('label') as EntityLabel];
    if (counts) counts.removed += record.get('removed') as number;
  }

  const crosswalk = await syncCrosswalk(tx, links);
  const changed =
    crosswalk.created + crosswalk.removed > 0 ||
    [...Object.values(nodes), ...Object.values(relationships)].some(
      (counts) => counts.created + counts.updated + counts.removed > 0,
    );
  await recordRelease(tx, set, changed);
  if (changed) await bumpGraphVersion(tx);
  return { source, version: set.release.version, nodes, relationships, crosswalk, changed };
}

/** A key the import would take that a node of another source or kind holds: refused before any write. */
async function refuseForeignKeys(tx: QueryRunner, set: ImportSet): Promise<void> {
  const result = await tx.run(
    `UNWIND $rows AS row
     MATCH (n:Entity {key: row.key})
     WHERE coalesce(n.source, 'seed') <> $source OR NOT row.label IN labels(n)
     RETURN row.key AS key, n.source AS source, [l IN labels(n) WHERE l <> 'Entity'] AS labels
     LIMIT 5`,
    { rows: set.nodes.map(({ key, label }) => ({ key, label })), source: set.release.name },
  );
  if (result.records.length === 0) return;
  const clashes = result.records.map(
    (record) =>
      `"${record.get('key')}" (held by a ${String(record.get('labels')).toLowerCase()} from ${record.get('source') ?? 'an unknown source'})`,
  );
  throw new ImportWriteError(
    `The ${set.release.name} import was not written: its keys ${clashes.join(', ')} are already taken. ` +
      'Nothing was changed.',
  );
}

function nodeRow(node: ImportedNode, source: string): { key: string; properties: Record<string, unknown> } {
  const { label: _label, ...fields } = node;
  return {
    key: node.key,
    properties: definedOnly({ ...fields, source }),
  };
}

async function mergeRelationships(
  tx: QueryRunner,
  type: RelationType,
  rows: ImportedRelationship[],
  source: string,
): Promise<Omit<ImportCounts, 'removed'>> {
  const result = await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {key: row.from})
     MATCH (b:Entity {key: row.to})
     OPTIONAL MATCH (a)-[existing:${type}]->(b)
     WITH a, b, row, properties(existing) AS before
     MERGE (a)-[r:${type}]->(b)
     SET r = row.properties
     SET r.source = $source
     SET r.level = CASE WHEN row.properties.level IS NULL THEN null ELSE toInteger(row.properties.level) END
     SET r.relatednessIndex = CASE WHEN row.properties.relatednessIndex IS NULL THEN null
                                   ELSE toInteger(row.properties.relatednessIndex) END
     WITH before, properties(r) AS after
     RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created,
            count(CASE WHEN before IS NOT NULL AND before <> after THEN 1 END) AS updated,
            count(CASE WHEN before = after THEN 1 END) AS unchanged`,
    { rows: rows.map(({ from, to, properties }) => ({ from, to, properties: definedOnly(properties) })), source },
  );
  return countsOf(result.records[0]);
}

/**
 * Deletes this source's relationships of `type` that the import no longer has: for each node that has
 * some in the import, those to other ends; for every other node of the source, all of them.
 */
async function removeLeftRelationships(
  tx: QueryRunner,
  type: RelationType,
  rows: ImportedRelationship[],
  source: string,
  batchSize: number,
): Promise<number> {
  const targets = new Map<string, string[]>();
  for (const { from, to } of rows) {
    const list = targets.get(from);
    if (list) list.push(to);
    else targets.set(from, [to]);
  }
  const groups = [...targets].map(([from, to]) => ({ from, to }));
  let removed = 0;
  for (const batch of batches(groups, batchSize)) {
    const result = await tx.run(
      `UNWIND $groups AS group
       MATCH (a:Entity {key: group.from})-[r:${type} {source: $source}]->(b:Entity)
       WHERE NOT b.key IN group.to
       DELETE r
       RETURN count(*) AS removed`,
      { groups: batch, source },
    );
    removed += (result.records[0]?.get('removed') as number) ?? 0;
  }
  const rest = await tx.run(
    `MATCH (a:Entity {source: $source})-[r:${type} {source: $source}]->(:Entity)
     WHERE NOT a.key IN $from
     DELETE r
     RETURN count(*) AS removed`,
    { source, from: [...targets.keys()] },
  );
  return removed + ((rest.records[0]?.get('removed') as number) ?? 0);
}

/** The release as a (:DataSource) node, for `sources`; `importedAt` moves only when the graph changed. */
async function recordRelease(tx: QueryRunner, set: ImportSet, changed: boolean): Promise<void> {
  const { name, version, title, licence, attribution, url } = set.release;
  await tx.run(
    `MERGE (s:DataSource {name: $name})
     SET s.version = $version, s.title = $title, s.licence = $licence, s.attribution = $attribution, s.url = $url
     SET s.importedAt = CASE WHEN $changed OR s.importedAt IS NULL THEN datetime() ELSE s.importedAt END`,
    { name, version, title, licence, attribution, url, changed },
  );
}

/** Neo4j has no undefined: an absent field is no property at all. */
function definedOnly(fields: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

function countsOf(record: { get(key: string): unknown } | undefined): Omit<ImportCounts, 'removed'> {
  return {
    created: (record?.get('created') as number) ?? 0,
    updated: (record?.get('updated') as number) ?? 0,
    unchanged: (record?.get('unchanged') as number) ?? 0,
  };
}

function add(total: ImportCounts, counts: Omit<ImportCounts, 'removed'>): void {
  total.created += counts.created;
  total.updated += counts.updated;
  total.unchanged += counts.unchanged;
}

function* batches<T>(rows: T[], size: number): Generator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}
