import { DEFAULT_WRITE_TIMEOUT_MS } from '../config.js';
import { type Database, isNeo4jError, type QueryRunner, TIMEOUT_CODES } from '../database/database.js';
import type { EntityLabel, RelationType } from '../domain/career-graph.js';
import { DatabaseUnavailableError, LimitExceededError } from '../errors.js';
import { bumpGraphVersion } from '../queries/graph-version.js';
import { SeedError } from './seed-errors.js';
import type { SeedGraph } from './seed-model.js';
import { recordCrosswalk, recordSeedFiles } from './seed-record.js';
import { syncCrosswalk } from './write-crosswalk.js';

export interface NodeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface RelationshipCounts {
  created: number;
  updated: number;
  removed: number;
}

export interface SeedReport {
  reset: { deletedNodes: number } | null;
  nodes: Record<EntityLabel, NodeCounts>;
  relationships: Record<RelationType, RelationshipCounts>;
}

export interface WriteSeedOptions {
  /** Delete every curated Role, Skill and Tool first (imported ones stay). */
  reset?: boolean;
  /** Time limit of the write transaction (WRITE_TIMEOUT_MS). */
  timeoutMs?: number;
}

interface NodeRow {
  key: string;
  properties: Record<string, unknown>;
}

interface RelationshipRow {
  from: string;
  to: string;
  properties: Record<string, unknown>;
}

/**
 * Writes the seed in one write transaction, so a failure leaves the database as it was. Nodes and
 * relationships are MERGEd on their keys, so a second run changes nothing. Between seeded nodes, the
 * relationships of the seeded types are made exactly those of the seed; nodes the seed does not name
 * (imports, say) are left alone unless `reset` first deletes every Role, Skill and Tool. Database
 * failures become a SeedWriteError saying whether anything may have been written.
 */
export async function writeSeed(
  database: Database,
  graph: SeedGraph,
  { reset = false, timeoutMs = DEFAULT_WRITE_TIMEOUT_MS }: WriteSeedOptions = {},
): Promise<SeedReport> {
  // Once the work has finished, the driver sends COMMIT, and a failure from then on may follow a commit.
  // Not cleared when the driver retries the work: the earlier attempt's COMMIT may have gone through.
  let commitAttempted = false;
  const started = performance.now();
  try {
    return await database.write(
      async (tx) => {
        const report = await writeSeedInTransaction(tx, graph, reset);
        commitAttempted = true;
        return report;
      },
      { tag: 'seed', timeoutMs },
    );
  } catch (error) {
    const conflict = isConstraintViolation(error) ? await findKeyConflict(database, graph, reset) : undefined;
    throw (
      describeSeedWriteFailure(error, {
        phase: commitAttempted ? 'committing' : 'writing',
        reset,
        timeoutMs,
        elapsedMs: performance.now() - started,
        conflict,
      }) ?? error
    );
  }
}

async function writeSeedInTransaction(tx: QueryRunner, graph: SeedGraph, reset: boolean): Promise<SeedReport> {
  const keys = [...graph.roles, ...graph.skills, ...graph.tools].map((entry) => entry.key);
  const report: SeedReport = {
    reset: reset ? { deletedNodes: await deleteAllEntities(tx) } : null,
    nodes: {
      Role: await mergeNodes(
        tx,
        'Role',
        graph.roles.map(({ key, name, aliases, description }) => ({
          key,
          properties: { key, name, aliases, description, source: 'seed' },
        })),
      ),
      Skill: await mergeNodes(
        tx,
        'Skill',
        graph.skills.map(({ key, name, aliases, description, category, learningHours }) => ({
          key,
          properties: { key, name, aliases, description, category, learningHours, source: 'seed' },
        })),
      ),
      Tool: await mergeNodes(
        tx,
        'Tool',
        graph.tools.map(({ key, name, aliases, description, kind }) => ({
          key,
          properties: { key, name, aliases, description, kind, source: 'seed' },
        })),
      ),
    },
    relationships: {
      REQUIRES: await syncRelationships(
        tx,
        'REQUIRES',
        keys,
        graph.roles.flatMap((role) =>
          role.skills.map(({ skill, importance, level }) => ({
            from: role.key,
            to: skill,
            properties: { importance, level },
          })),
        ),
      ),
      USES: await syncRelationships(
        tx,
        'USES',
        keys,
        graph.roles.flatMap((role) => role.tools.map((tool) => ({ from: role.key, to: tool, properties: {} }))),
      ),
      SUPPORTS: await syncRelationships(
        tx,
        'SUPPORTS',
        keys,
        graph.tools.flatMap((tool) => tool.supports.map((skill) => ({ from: tool.key, to: skill, properties: {} }))),
      ),
      PREREQUISITE_OF: await syncRelationships(
        tx,
        'PREREQUISITE_OF',
        keys,
        graph.skills.flatMap((skill) =>
          skill.prerequisites.map((prerequisite) => ({ from: prerequisite, to: skill.key, properties: {} })),
        ),
      ),
      RELATED_TO: await syncRelationships(tx, 'RELATED_TO', keys, relatedPairs(graph)),
      SAME_AS: await syncCrosswalk(tx, graph.links),
    },
  };
  await recordCrosswalk(tx, graph.links);
  if (graph.files) await recordSeedFiles(tx, graph.files);
  if (changedAnything(report)) await bumpGraphVersion(tx);
  return report;
}

/** A seed write that failed; `outcome` says whether the graph may have changed. */
export class SeedWriteError extends SeedError {
  override name = 'SeedWriteError';
  constructor(
    message: string,
    readonly outcome: 'not-written' | 'unknown',
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

/** A seeded key already held by a node the seed would not MERGE onto (another kind, say). */
export interface KeyConflict {
  key: string;
  seededAs: EntityLabel;
  labels: string[];
}

export interface SeedWriteFailureContext {
  /** `committing` once the work of some attempt had finished and COMMIT may have reached Neo4j. */
  phase: 'writing' | 'committing';
  reset: boolean;
  timeoutMs: number;
  /** How long the write ran, to tell a transaction stopped at the time limit from one stopped otherwise. */
  elapsedMs?: number;
  conflict?: KeyConflict;
  /** What was written and how to run it again, when it is not the seed (an import). */
  write?: { subject: string; rerun: string };
}

/** Neo4j stopped the transaction: past its time limit when it waited for a lock, or by an operator. */
const TERMINATED_CODES = new Set([
  'Neo.ClientError.Transaction.LockClientStopped',
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.ClientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.Terminated',
]);

/**
 * What a failed seed write means for the user, in one line: whether anything was written and what to do.
 * Undefined for errors that do not come from the database (bugs), which are better left as they are.
 */
export function describeSeedWriteFailure(
  error: unknown,
  { phase, reset, timeoutMs, elapsedMs, conflict, write }: SeedWriteFailureContext,
): SeedWriteError | undefined {
  const rerun = write?.rerun ?? (reset ? '`npm run seed -- --reset`' : '`npm run seed`');
  const subject = write?.subject ?? 'seed';
  const chain = causeChain(error);
  const neo4jError = chain.find(isNeo4jError);
  // A code from Neo4j itself means Neo4j answered, and a transaction it answered with an error is rolled back.
  const answered = neo4jError?.code.startsWith('Neo.') === true;
  const notWritten = (message: string) => new SeedWriteError(message, 'not-written', { cause: error });
  const unknownOutcome = (what: string) =>
    new SeedWriteError(
      `${what}, so the outcome is unknown: it may or may not have been written. Once Neo4j answers again, run ` +
        `${rerun} again: it is idempotent, and reports 0 created if the first run did commit.`,
      'unknown',
      { cause: error },
    );

  const terminated = neo4jError !== undefined && TERMINATED_CODES.has(neo4jError.code);
  const timedOut =
    chain.some(
      (e) =>
        (e instanceof LimitExceededError && e.extensions.limit === 'executionTime') ||
        (isNeo4jError(e) && TIMEOUT_CODES.has(e.code)),
    ) ||
    (terminated && elapsedMs !== undefined && elapsedMs >= timeoutMs);
  if (timedOut) {
    if (phase === 'committing' && !answered) {
      return unknownOutcome(
        `The ${subject} write reached its time limit of ${timeoutMs} ms (WRITE_TIMEOUT_MS) while committing`,
      );
    }
    return notWritten(
      `The ${subject} write ran past its time limit of ${timeoutMs} ms and was rolled back; nothing was written. ` +
        'WRITE_TIMEOUT_MS sets the limit.',
    );
  }
  if (terminated) {
    return notWritten(
      `The ${subject} write was stopped by Neo4j (${firstLine(neo4jError.message)}); it was rolled back and nothing was ` +
        `written. Run ${rerun} again.`,
    );
  }

  // The driver's own errors (no code from Neo4j) and an unavailable database mean the connection failed.
  const connectionLost =
    (neo4jError === undefined && chain.some((e) => e instanceof DatabaseUnavailableError)) ||
    (neo4jError !== undefined && !answered) ||
    neo4jError?.code === 'Neo.TransientError.General.DatabaseUnavailable';
  if (connectionLost) {
    const reason = neo4jError ? ` (${firstLine(neo4jError.message)})` : '';
    if (phase === 'committing') {
      return unknownOutcome(`The connection to Neo4j dropped while the ${subject} was being committed${reason}`);
    }
    return notWritten(
      `The connection to Neo4j dropped while the ${subject} was being written${reason}; the transaction was rolled back ` +
        `and nothing was written. Once Neo4j answers again, run ${rerun} again.`,
    );
  }

  if (!neo4jError) return undefined;
  if (conflict) {
    return notWritten(
      `The seed was not written: it has the ${conflict.seededAs.toLowerCase()} "${conflict.key}", but the graph ` +
        `already has a node :${conflict.labels.join(':')} with that key. Rename one of them` +
        (reset
          ? ', or delete that node.'
          : ', or run `npm run seed -- --reset` to replace every curated Role, Skill and Tool with the seed.'),
    );
  }
  return notWritten(
    `The ${subject} was not written: Neo4j refused it (${neo4jError.code}): ${firstLine(neo4jError.message)}`,
  );
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && chain.length < 5; current = (current as Error).cause) {
    chain.push(current);
    if (!(current instanceof Error)) break;
  }
  return chain;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

/** `Tool, Entity` rather than `Entity, Tool`: the kind says more. */
function kindFirst(labels: string[]): string[] {
  return [...labels].sort((a, b) => Number(a === 'Entity') - Number(b === 'Entity') || a.localeCompare(b));
}

function isConstraintViolation(error: unknown): boolean {
  return causeChain(error).some(
    (e) => isNeo4jError(e) && e.code === 'Neo.ClientError.Schema.ConstraintValidationFailed',
  );
}

/**
 * The first seeded key held by a node the seed's MERGE would not match, which is what makes the key's
 * uniqueness constraint fail. Best effort: undefined when it cannot be found or the lookup fails.
 */
async function findKeyConflict(database: Database, graph: SeedGraph, reset: boolean): Promise<KeyConflict | undefined> {
  const rows = [
    ...graph.roles.map(({ key }) => ({ key, label: 'Role' })),
    ...graph.skills.map(({ key }) => ({ key, label: 'Skill' })),
    ...graph.tools.map(({ key }) => ({ key, label: 'Tool' })),
  ];
  try {
    return await database.read(async (tx) => {
      // With reset, every curated node would have been deleted first, so only others can conflict.
      const result = await tx.run(
        `UNWIND $rows AS row
         CALL (row) {
           MATCH (n:Entity {key: row.key}) RETURN n
           UNION
           MATCH (n:Role {key: row.key}) RETURN n
           UNION
           MATCH (n:Skill {key: row.key}) RETURN n
           UNION
           MATCH (n:Tool {key: row.key}) RETURN n
         }
         WITH row, n
         WHERE NOT (n:Entity AND row.label IN labels(n) AND coalesce(n.source, 'seed') = 'seed')
           AND NOT ($reset AND n:Entity AND coalesce(n.source, 'seed') = 'seed')
         RETURN row.key AS key, row.label AS seededAs, labels(n) AS labels
         ORDER BY key
         LIMIT 1`,
        { rows, reset },
      );
      const record = result.records[0];
      return record
        ? { key: record.get('key'), seededAs: record.get('seededAs'), labels: kindFirst(record.get('labels')) }
        : undefined;
    });
  } catch {
    return undefined;
  }
}

function changedAnything(report: SeedReport): boolean {
  return (
    (report.reset?.deletedNodes ?? 0) > 0 ||
    Object.values(report.nodes).some((counts) => counts.created + counts.updated > 0) ||
    Object.values(report.relationships).some((counts) => counts.created + counts.updated + counts.removed > 0)
  );
}

/** RELATED_TO is symmetric in meaning: one relationship per pair, from the smaller key to the larger. */
function relatedPairs(graph: SeedGraph): RelationshipRow[] {
  const pairs = new Map<string, RelationshipRow>();
  for (const skill of graph.skills) {
    for (const other of skill.related) {
      const [from, to] = [skill.key, other].sort() as [string, string];
      pairs.set(`${from}|${to}`, { from, to, properties: {} });
    }
  }
  return [...pairs.values()];
}

async function deleteAllEntities(tx: QueryRunner): Promise<number> {
  const result = await tx.run(
    "MATCH (n:Entity) WHERE coalesce(n.source, 'seed') = 'seed' DETACH DELETE n RETURN count(*) AS deleted",
  );
  return result.records[0]?.get('deleted') ?? 0;
}

/**
 * MERGEs nodes of one label on their keys, setting exactly `properties` (with `nameLower` from the name),
 * and counts what was created, changed and left as it was. The importers write nodes through it too.
 */
export async function mergeNodes(tx: QueryRunner, label: EntityLabel, rows: NodeRow[]): Promise<NodeCounts> {
  // Integers from JavaScript arrive as floats unless converted; learningHours must stay an integer.
  const result = await tx.run(
    `UNWIND $rows AS row
     OPTIONAL MATCH (existing:${label} {key: row.key})
     WITH row, properties(existing) AS before
     MERGE (n:${label}:Entity {key: row.key})
     SET n = row.properties
     // What name look-ups are answered from, through the entity_name_lower index.
     SET n.nameLower = toLower(row.properties.name)
     SET n.learningHours = CASE WHEN row.properties.learningHours IS NULL THEN null
                                ELSE toInteger(row.properties.learningHours) END
     WITH before, properties(n) AS after
     RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created,
            count(CASE WHEN before IS NOT NULL AND before <> after THEN 1 END) AS updated,
            count(CASE WHEN before = after THEN 1 END) AS unchanged`,
    { rows },
  );
  const record = result.records[0];
  return {
    created: record?.get('created') ?? 0,
    updated: record?.get('updated') ?? 0,
    unchanged: record?.get('unchanged') ?? 0,
  };
}

async function syncRelationships(
  tx: QueryRunner,
  type: RelationType,
  seededKeys: string[],
  rows: RelationshipRow[],
): Promise<RelationshipCounts> {
  const symmetric = type === 'RELATED_TO';
  const merged = await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {key: row.from}), (b:Entity {key: row.to})
     OPTIONAL MATCH (a)-[existing:${type}]-${symmetric ? '' : '>'}(b)
     WITH a, b, row, properties(existing) AS before
     MERGE (a)-[r:${type}]-${symmetric ? '' : '>'}(b)
     SET r = row.properties
     SET r.source = 'seed'
     SET r.level = CASE WHEN row.properties.level IS NULL THEN null ELSE toInteger(row.properties.level) END
     WITH before, properties(r) AS after
     RETURN count(CASE WHEN before IS NULL THEN 1 END) AS created,
            count(CASE WHEN before IS NOT NULL AND before <> after THEN 1 END) AS updated`,
    { rows },
  );
  const removed = await tx.run(
    `MATCH (a:Entity)-[r:${type}]->(b:Entity)
     WHERE a.key IN $keys AND b.key IN $keys
       AND NOT (a.key + '|' + b.key) IN $pairs
       ${symmetric ? "AND NOT (b.key + '|' + a.key) IN $pairs" : ''}
     DELETE r
     RETURN count(*) AS removed`,
    { keys: seededKeys, pairs: rows.map((row) => `${row.from}|${row.to}`) },
  );
  const record = merged.records[0];
  return {
    created: record?.get('created') ?? 0,
    updated: record?.get('updated') ?? 0,
    removed: removed.records[0]?.get('removed') ?? 0,
  };
}
