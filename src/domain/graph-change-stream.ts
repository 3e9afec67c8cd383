import { CoalescingQueue } from './coalescing-queue.js';
import type { GraphChangedEvent, GraphChangeFeed } from './graph-change-feed.js';

/**
 * Most changed items one event carries when a slow subscriber's events are merged; past it, `changes` is
 * null (unknown: invalidate everything), so a subscriber that stops reading holds a bounded event.
 */
export const MAX_MERGED_CHANGES = 1_000;

/**
 * One event standing for two in a row: the newer version, with what both changed (null when either is
 * unknown, or there would be more than MAX_MERGED_CHANGES).
 */
export function mergeGraphChanges(older: GraphChangedEvent, newer: GraphChangedEvent): GraphChangedEvent {
  const changes =
    older.changes && newer.changes && older.changes.length + newer.changes.length <= MAX_MERGED_CHANGES
      ? [...older.changes, ...newer.changes]
      : null;
  return { version: newer.version, changedAt: newer.changedAt, changes };
}

/**
 * The feed's events from now on, for one subscriber: at most one event waits for it, later ones merged
 * into it (see mergeGraphChanges), so apps, which only need the newest version and what changed since
 * they last heard, get exactly that however slowly they read. Ends when the feed closes; the subscriber
 * leaving (`return()`) stops listening.
 */
export function streamGraphChanges(feed: GraphChangeFeed): AsyncIterableIterator<GraphChangedEvent> {
  let stopListening = () => {};
  const queue = new CoalescingQueue<GraphChangedEvent>(mergeGraphChanges, () => stopListening());
  stopListening = feed.listen(
    (event) => queue.push(event),
    () => queue.end(),
  );
  return queue;
}
