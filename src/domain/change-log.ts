import { BadUserInputError, echoInput } from '../errors.js';
import { type StoredChange, selectChanges } from '../queries/change-log-queries.js';
import { checkCount } from './argument-checks.js';
import type { RequestScope } from './request-scope.js';

/** One property of a change: its value before and after, null where it had none. */
export interface PropertyChange {
  name: string;
  before: unknown;
  after: unknown;
}

/** An entry of the audit trail, as the API answers it. */
export interface ChangeEntry extends Omit<StoredChange, 'before' | 'after'> {
  properties: PropertyChange[];
}

export interface ChangeLogPage {
  totalCount: number;
  edges: { cursor: string; node: ChangeEntry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export interface ChangeLogArgs {
  since?: string | null;
  entity?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

const CURSOR = /^change:(\d{1,15})$/;

/** The first and last instants whose ISO 8601 text has a four-digit year (and so sorts as text in time order). */
const FIRST_FOUR_DIGIT_YEAR = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_FOUR_DIGIT_YEAR = Date.parse('9999-12-31T23:59:59.999Z');

/** A cursor names a place in the log (a sequence number), so pages stay put however much is appended. */
export function changeCursor(sequence: number): string {
  return Buffer.from(`change:${sequence}`).toString('base64url');
}

function sequenceOf(cursor: string | null | undefined, argument: string): number | null {
  if (cursor == null) return null;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match || changeCursor(Number(match[1])) !== cursor) {
    throw new BadUserInputError(`Argument "${argument}" is not a cursor of the change log.`, argument);
  }
  return Number(match[1]);
}

/** Stored JSON text to its properties, in the order the change listed them. */
export function toChangeEntry({ before, after, ...change }: StoredChange): ChangeEntry {
  const was = before === null ? {} : (JSON.parse(before) as Record<string, unknown>);
  const is = after === null ? {} : (JSON.parse(after) as Record<string, unknown>);
  const names = [...new Set([...Object.keys(was), ...Object.keys(is)])];
  return { ...change, properties: names.map((name) => ({ name, before: was[name] ?? null, after: is[name] ?? null })) };
}

/**
 * A page of the audit trail (the caller gives `first` or `last`, its default page size when neither), oldest first (the order the writes committed in): `first`/`after` reads on
 * from a place, `last`/`before` pages back from the newest. `since` keeps changes at or after a time,
 * `entity` those of one entity (by key) or of relationships at it.
 */
export async function listChanges(scope: RequestScope, args: ChangeLogArgs): Promise<ChangeLogPage> {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null) checkCount(name, size, { max: scope.maxPageSize, limit: 'pageSize', min: 0 });
  }
  if (args.first != null && args.last != null) {
    throw new BadUserInputError('Give "first" or "last", not both.', 'last');
  }
  if (args.first == null && args.last == null) {
    throw new BadUserInputError('Give "first" or "last": how many changes the page holds.', 'first');
  }
  let since: string | null = null;
  if (args.since != null) {
    const time = Date.parse(args.since);
    if (Number.isNaN(time)) {
      throw new BadUserInputError(
        `Argument "since" must be an ISO 8601 time such as 2026-11-28T09:30:00Z, not "${echoInput(args.since)}".`,
        'since',
      );
    }
    // Compared as text with the stored times: held to the years ISO 8601 writes with four digits, as a
    // "+010000-…" would sort before every "2026-…" and keep every change.
    since = new Date(Math.min(Math.max(time, FIRST_FOUR_DIGIT_YEAR), LAST_FOUR_DIGIT_YEAR)).toISOString();
  }
  const newestFirst = args.last != null;
  const size = (args.first ?? args.last) as number;
  const after = sequenceOf(args.after, 'after');
  const before = sequenceOf(args.before, 'before');
  const { changes, totalCount } = await scope.database.read(
    (tx) => selectChanges(tx, { since, entity: args.entity ?? null }, { after, before, limit: size + 1, newestFirst }),
    { tag: 'change-log' },
  );
  const more = changes.length > size;
  const page = changes.slice(0, size);
  if (newestFirst) page.reverse();
  const edges = page.map((change) => ({ cursor: changeCursor(change.sequence), node: toChangeEntry(change) }));
  return {
    totalCount,
    edges,
    pageInfo: {
      // Only the direction paged in is known without another query, which Relay allows.
      hasNextPage: !newestFirst && more,
      hasPreviousPage: newestFirst && more,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
