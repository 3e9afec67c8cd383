import { cursorToOffset, offsetForArgs, offsetToCursor } from '@pothos/plugin-relay';
import { checkCount } from '../domain/argument-checks.js';
import { BadUserInputError } from '../errors.js';

/** The page size limit can be configured lower than this, never higher. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageWindow {
  offset: number;
  /** How many items to fetch. */
  limit: number;
}

/** Refuses a page size over the limit, naming the argument and the limit. */
export function checkPageSize(name: string, size: number | null | undefined, maxPageSize: number): void {
  if (size != null) checkCount(name, size, { max: maxPageSize, limit: 'pageSize', min: 0 });
}

/** The slice a connection's arguments ask for; a page over the size limit or a bad cursor is refused. */
export function pageWindow(args: ConnectionArgs, maxPageSize: number): PageWindow {
  checkPageSize('first', args.first, maxPageSize);
  checkPageSize('last', args.last, maxPageSize);
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isOurCursor(cursor)) {
      throw new BadUserInputError(`Argument "${name}" is not a cursor this API gave out.`, name);
    }
  }
  try {
    const { offset, expectedSize } = offsetForArgs({
      args,
      defaultSize: Math.min(DEFAULT_PAGE_SIZE, maxPageSize),
      maxSize: maxPageSize,
    });
    return { offset, limit: expectedSize };
  } catch (error) {
    throw new BadUserInputError((error as Error).message);
  }
}

/** Exactly what `offsetToCursor` makes of a non-negative offset: anything else is forged or foreign. */
function isOurCursor(cursor: string): boolean {
  try {
    const offset = cursorToOffset(cursor);
    return Number.isSafeInteger(offset) && offset >= 0 && offsetToCursor(offset) === cursor;
  } catch {
    return false;
  }
}

export interface Connection<Edge> {
  totalCount: number;
  edges: (Edge & { cursor: string })[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const cursors: string[] = [];
/** `offsetToCursor`, kept for the offsets pages start with (every nested page starts at 0). */
function cursorAt(offset: number): string {
  if (offset >= 1_000) return offsetToCursor(offset);
  cursors[offset] ??= offsetToCursor(offset);
  return cursors[offset];
}

/** A Relay connection over one fetched page that starts at `window.offset` of `totalCount` items. */
export function toConnection<Edge>(window: PageWindow, totalCount: number, edges: Edge[]): Connection<Edge> {
  const withCursors = edges.map((edge, index) => ({ ...edge, cursor: cursorAt(window.offset + index) }));
  return {
    totalCount,
    edges: withCursors,
    pageInfo: {
      hasPreviousPage: window.offset > 0,
      hasNextPage: window.offset + edges.length < totalCount,
      startCursor: withCursors[0]?.cursor ?? null,
      endCursor: withCursors.at(-1)?.cursor ?? null,
    },
  };
}

/** Complexity of a connection field: its page size times the cost of what each node selects. */
export function connectionComplexity(args: ConnectionArgs) {
  return { field: 1, multiplier: Math.min(args.first ?? args.last ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE) };
}
