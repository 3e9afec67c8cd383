import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { CoalescingQueue } from '../../src/domain/coalescing-queue.js';
import { type ChangedItem, type GraphChangedEvent, GraphChangeFeed } from '../../src/domain/graph-change-feed.js';
import { MAX_MERGED_CHANGES, mergeGraphChanges, streamGraphChanges } from '../../src/domain/graph-change-stream.js';
import { watchGraphVersion } from '../../src/domain/graph-version-watch.js';

const item = (key: string): ChangedItem => ({ kind: 'Skill', key, operation: 'UPDATE' });
const change = (version: string, changes: ChangedItem[] | null = [item(version)]): GraphChangedEvent => ({
  version,
  changedAt: `2026-01-01T00:00:0${version.length % 10}.000Z`,
  changes,
});

describe('CoalescingQueue', () => {
  const sum = () => new CoalescingQueue<number>((waiting, pushed) => waiting + pushed);

  it('hands a value to a reader already waiting', async () => {
    const queue = sum();
    const next = queue.next();
    queue.push(1);
    expect(await next).toEqual({ value: 1, done: false });
  });

  it('holds one value whatever is pushed while no one reads: later ones are merged into it', async () => {
    const queue = sum();
    for (let n = 1; n <= 10_000; n++) queue.push(n);
    expect(await queue.next()).toEqual({ value: 50_005_000, done: false });
    expect(queue.holding).toBe(false);
    queue.push(7);
    expect(await queue.next()).toEqual({ value: 7, done: false });
  });

  it('lets the reader take what waits after end(), then is done', async () => {
    const queue = sum();
    queue.push(2);
    queue.end();
    queue.push(3);
    expect(await queue.next()).toEqual({ value: 2, done: false });
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('ends a reader waiting when it ends', async () => {
    const queue = sum();
    const next = queue.next();
    queue.end();
    expect(await next).toEqual({ value: undefined, done: true });
  });

  it('drops what waits and calls onReturn once when the reader leaves', async () => {
    let returned = 0;
    const queue = new CoalescingQueue<number>(
      (a, b) => a + b,
      () => {
        returned += 1;
      },
    );
    queue.push(1);
    await queue.return();
    await queue.return();
    expect(returned).toBe(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });
});

describe('mergeGraphChanges', () => {
  it('keeps the newer version and time, and both lists of changes in order', () => {
    expect(mergeGraphChanges(change('v1'), change('v22'))).toEqual({
      version: 'v22',
      changedAt: change('v22').changedAt,
      changes: [item('v1'), item('v22')],
    });
  });

  it('is null (unknown) when either is unknown or the list would be too long', () => {
    expect(mergeGraphChanges(change('v1', null), change('v2')).changes).toBeNull();
    expect(mergeGraphChanges(change('v1'), change('v2', null)).changes).toBeNull();
    const many = Array.from({ length: MAX_MERGED_CHANGES }, (_, i) => item(`s${i}`));
    expect(mergeGraphChanges(change('v1', many), change('v2', [])).changes).toHaveLength(MAX_MERGED_CHANGES);
    expect(mergeGraphChanges(change('v1', many), change('v2')).changes).toBeNull();
  });
});

describe('GraphChangeFeed', () => {
  function recorded(feed: GraphChangeFeed) {
    const versions: string[] = [];
    feed.listen((event) => versions.push(event.version));
    return versions;
  }

  it('announces a version once, even when it comes again after others', () => {
    const feed = new GraphChangeFeed();
    const versions = recorded(feed);
    for (const version of ['v1', 'v1', 'v2', 'v1', 'v3', 'v2']) feed.publish(change(version));
    expect(versions).toEqual(['v1', 'v2', 'v3']);
  });

  it('never announces the baseline', () => {
    const feed = new GraphChangeFeed();
    const versions = recorded(feed);
    feed.recordBaseline('v0');
    feed.publish(change('v0'));
    feed.publish(change('v1'));
    expect(versions).toEqual(['v1']);
  });

  it('forgets only versions far in the past', () => {
    const feed = new GraphChangeFeed();
    const versions = recorded(feed);
    for (let n = 0; n < 100; n++) feed.publish(change(`v${n}`));
    feed.publish(change('v0'));
    feed.publish(change('v99'));
    expect(versions).toHaveLength(100);
  });

  it('ends every stream when it closes, and streams opened later at once', async () => {
    const feed = new GraphChangeFeed();
    const stream = streamGraphChanges(feed);
    feed.publish(change('v1'));
    feed.close();
    feed.publish(change('v2'));
    expect(await stream.next()).toEqual({ value: change('v1'), done: false });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(feed.listenerCount).toBe(0);
    expect(await streamGraphChanges(feed).next()).toEqual({ value: undefined, done: true });
  });

  it('stops telling a stream whose subscriber left', async () => {
    const feed = new GraphChangeFeed();
    const stream = streamGraphChanges(feed);
    expect(feed.listenerCount).toBe(1);
    await stream.return?.();
    expect(feed.listenerCount).toBe(0);
  });

  it('gives a slow subscriber one event for the changes it missed; others are not held up', async () => {
    const feed = new GraphChangeFeed();
    const slow = streamGraphChanges(feed);
    const quick = streamGraphChanges(feed);
    const quickly: string[] = [];
    for (const version of ['v1', 'v2', 'v3']) {
      feed.publish(change(version));
      quickly.push(((await quick.next()).value as GraphChangedEvent).version);
    }
    expect(quickly).toEqual(['v1', 'v2', 'v3']);
    expect((await slow.next()).value).toEqual({
      version: 'v3',
      changedAt: change('v3').changedAt,
      changes: [item('v1'), item('v2'), item('v3')],
    });
  });
});

describe('watchGraphVersion', () => {
  /** A database whose version is whatever `current` says. */
  function fakeDatabase(current: { version: string }) {
    const record = { get: (name: string) => (name === 'version' ? current.version : Date.UTC(2026, 0, 2)) };
    return {
      read: (work: (tx: unknown) => unknown) => work({ run: async () => ({ records: [record] }) }),
    } as unknown as Database;
  }

  const until = async (condition: () => boolean) => {
    for (let waited = 0; !condition(); waited += 5) {
      if (waited > 2_000) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  it('takes the first version it reads as the baseline and publishes later ones it did not write, with changes null', async () => {
    const current = { version: 'v0' };
    const feed = new GraphChangeFeed();
    const events: GraphChangedEvent[] = [];
    feed.listen((event) => events.push(event));
    let reads = 0;
    const database = fakeDatabase(current);
    const counting = {
      read: (work: (tx: unknown) => unknown) => {
        reads += 1;
        return database.read(work as never);
      },
    } as unknown as Database;
    const watch = watchGraphVersion(counting, { intervalMs: 5, feed });
    try {
      await until(() => reads >= 3);
      expect(events).toEqual([]);

      current.version = 'v1';
      await until(() => events.length === 1);
      expect(events).toEqual([{ version: 'v1', changedAt: '2026-01-02T00:00:00.000Z', changes: null }]);

      // Written and announced by this process: the watch reading it adds nothing.
      feed.publish(change('v2'));
      current.version = 'v2';
      const seen = reads;
      await until(() => reads >= seen + 3);
      expect(events.map((event) => event.version)).toEqual(['v1', 'v2']);
      expect(events[1]?.changes).toEqual([item('v2')]);
    } finally {
      watch.stop();
    }
  });
});
