import { echoInput } from '../errors.js';
import {
  applyGraphWrites,
  lockGraphForWrite,
  readEditFacts,
  readEntitiesIn,
  recordChanges,
  touchEntities,
} from '../queries/graph-edit-queries.js';
import { bumpGraphVersion } from '../queries/graph-version.js';
import type { EntityRecord } from './career-graph.js';
import type { ChangeEntry } from './change-log.js';
import { EditConflictError } from './graph-edit-errors.js';
import { factsNeeded, type GraphEdit, planGraphEdits } from './graph-edit-plan.js';
import type { RequestScope } from './request-scope.js';

/** Who writes: the API key, by its id and name, as the audit trail records it. */
export interface Writer {
  keyId: string;
  name: string;
}

export interface AppliedEdits {
  /** The graph's version after the write (unchanged when nothing changed). */
  graphVersion: string;
  /** The audit entries written, in order; empty when the changes changed nothing. */
  changes: ChangeEntry[];
  /** The entities the changes name, as they are after the write (deleted ones absent). */
  entities: Map<string, EntityRecord>;
}

/**
 * Applies changes through the API, all or nothing, in one write transaction: it locks the graph's
 * version node (writers run one at a time), checks `expectedGraphVersion`, reads what the rules need,
 * plans and checks every change (src/domain/graph-edit-plan.ts), writes, sets `updatedAt` on the entities
 * changed, sets a new graph version (so every cache, ETag and whole-graph result follows) and records the
 * audit trail. Once committed, the change is announced on the app's GraphChangeFeed.
 *
 * Expected failures are thrown as EditConflictError, EditNotFoundError or EditValidationError, and nothing
 * is written.
 */
export async function applyGraphEdits(
  scope: RequestScope,
  writer: Writer,
  edits: readonly GraphEdit[],
  { expectedGraphVersion }: { expectedGraphVersion?: string | null } = {},
): Promise<AppliedEdits> {
  const needs = factsNeeded(edits);
  const applied = await scope.database.write(
    async (tx) => {
      const { version, lastSequence } = await lockGraphForWrite(tx);
      if (expectedGraphVersion != null && expectedGraphVersion !== version) {
        throw new EditConflictError(
          `The graph has changed since version ${echoInput(expectedGraphVersion)}, which this change was based on; it is now ` +
            `${version}. Read again and retry.`,
          'expectedGraphVersion',
          expectedGraphVersion,
          version,
        );
      }
      const plan = planGraphEdits(edits, await readEditFacts(tx, needs));
      if (plan.changes.length === 0) {
        return { graphVersion: version, at: null, changes: [], entities: await readEntitiesIn(tx, needs.keys) };
      }
      const at = new Date().toISOString();
      await applyGraphWrites(tx, plan.writes);
      await touchEntities(tx, plan.touched, at);
      const graphVersion = await bumpGraphVersion(tx);
      const meta = { at, actor: writer.name, actorKeyId: writer.keyId, graphVersion, firstSequence: lastSequence + 1 };
      const recorded = await recordChanges(tx, plan.changes, meta);
      const changes = plan.changes.map(({ before, after, ...change }, i): ChangeEntry => {
        const names = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
        return {
          ...change,
          id: recorded[i]?.id ?? '',
          sequence: recorded[i]?.sequence ?? meta.firstSequence + i,
          at,
          actor: writer.name,
          actorKeyId: writer.keyId,
          graphVersion,
          properties: names.map((name) => ({ name, before: before?.[name] ?? null, after: after?.[name] ?? null })),
        };
      });
      return { graphVersion, at, changes, entities: await readEntitiesIn(tx, needs.keys) };
    },
    { tag: 'graph-edit' },
  );
  if (applied.at !== null) {
    scope.changeFeed.publish({
      version: applied.graphVersion,
      changedAt: applied.at,
      changes: applied.changes.map(({ kind, key, operation }) => ({ kind, key, operation })),
    });
  }
  // Whatever this request read before the write is stale now.
  scope.loaders.forgetAll();
  return {
    graphVersion: applied.graphVersion,
    changes: applied.changes,
    entities: new Map(applied.entities.map((entity) => [entity.key, entity])),
  };
}
