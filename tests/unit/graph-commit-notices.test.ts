import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { GraphCommitNotices } from '../../src/domain/graph-commit-notices.js';
import type { AwaitCommitRequest, CommitCount } from '../../src/queries/graph-commits.js';

/** A plugin whose calls the test answers one by one. */
function fakePlugin() {
  const calls: { request: AwaitCommitRequest; answer: (count: CommitCount) => void; fail: (error: unknown) => void }[] =
    [];
  const call = (request: AwaitCommitRequest) =>
    new Promise<CommitCount>((answer, fail) => calls.push({ request, answer, fail }));
  const next = async () => {
    for (let i = 0; i < 400 && calls.length === 0; i++) await sleep(5);
    const pending = calls.shift();
    if (!pending) throw new Error('no call came');
    return pending;
  };
  return { call, next, calls };
}

const TIMING = { leaseMs: 600, waitMs: 50, retryMs: 20 };
const count = (instance: string, events: number, pending = 0): CommitCount => ({ instance, events, pending });

describe('GraphCommitNotices', () => {
  it('covers from its first answer until the lease of the last answered call, counted from when it was sent', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    let changes = 0;
    const stop = notices.listen({ changed: () => changes++ });
    const first = await plugin.next();
    expect(first.request.seen).toEqual({ instance: '', events: -1 });
    expect(notices.covering()).toBe(false);
    // Answered late: the lease ran from the call's sending, so 300 ms of it are left.
    await sleep(300);
    first.answer(count('a', 7));
    const second = await plugin.next();
    // The first answer is news (anything read before the subscription may be stale), and is acknowledged.
    expect(changes).toBe(1);
    expect(notices.covering()).toBe(true);
    expect(second.request).toMatchObject({ seen: { instance: 'a', events: 7 }, leaseMs: 600, waitMs: 50 });
    await sleep(400);
    expect(notices.covering()).toBe(false);
    second.answer(count('a', 7));
    await plugin.next();
    expect(changes).toBe(1);
    stop();
  });

  it('announces each event, and a restarted Neo4j (a new instance) as one, before acknowledging it', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const heard: string[] = [];
    const stop = notices.listen({ changed: () => heard.push(`changed with ${plugin.calls.length} calls out`) });
    (await plugin.next()).answer(count('a', 1));
    (await plugin.next()).answer(count('a', 2));
    const acknowledging = await plugin.next();
    expect(acknowledging.request.seen).toEqual({ instance: 'a', events: 2 });
    acknowledging.answer(count('b', 2));
    expect((await plugin.next()).request.seen).toEqual({ instance: 'b', events: 2 });
    expect(heard).toEqual(['changed with 0 calls out', 'changed with 0 calls out', 'changed with 0 calls out']);
    stop();
  });

  it('does not cover while a transaction is committing, and covers again once it is done', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    let changes = 0;
    const stop = notices.listen({ changed: () => changes++ });
    (await plugin.next()).answer(count('a', 4));
    (await plugin.next()).answer(count('a', 5, 1));
    const during = await plugin.next();
    expect(notices.covering()).toBe(false);
    expect(changes).toBe(2);
    during.answer(count('a', 6));
    await plugin.next();
    expect(notices.covering()).toBe(true);
    expect(changes).toBe(3);
    stop();
  });

  it('stops covering at a failure, tells the first of a run of failures, and retries', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const failures: unknown[] = [];
    const stop = notices.listen({ changed: () => {}, failed: (error) => failures.push(error) });
    (await plugin.next()).answer(count('a', 1));
    (await plugin.next()).fail(new Error('connection reset'));
    const retry = await plugin.next();
    expect(notices.covering()).toBe(false);
    retry.fail(new Error('connection refused'));
    (await plugin.next()).answer(count('a', 1));
    await plugin.next();
    expect(notices.covering()).toBe(true);
    expect(failures.map((error) => (error as Error).message)).toEqual(['connection reset']);
    stop();
  });

  it.each([
    [
      'without the plugin',
      Object.assign(new Error('There is no procedure with the name `skillgraph.awaitCommit`'), {
        code: 'Neo.ClientError.Procedure.ProcedureNotFound',
      }),
      /no skillgraph\.awaitCommit procedure/,
    ],
    [
      'where the plugin does not run',
      Object.assign(
        new Error(
          'Failed to invoke procedure: Caused by: java.lang.IllegalStateException: skillgraph.awaitCommit is unavailable for neo4j: it runs on a single Neo4j Community server',
        ),
        { code: 'Neo.ClientError.Procedure.ProcedureCallFailed' },
      ),
      /^skillgraph\.awaitCommit is unavailable for neo4j: it runs on a single Neo4j Community server$/,
    ],
  ])('gives up, once and for every later listener, on a Neo4j %s', async (_, error, reason) => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const reasons: string[] = [];
    notices.listen({ changed: () => {}, unavailable: (why) => reasons.push(why) });
    (await plugin.next()).fail(error);
    await sleep(50);
    expect(plugin.calls).toHaveLength(0);
    notices.listen({ changed: () => {}, unavailable: (why) => reasons.push(why) });
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(reason);
    expect(notices.covering()).toBe(false);
  });

  it('runs one loop for all listeners, gives its lease back when the last stops, and a new loop has a name of its own', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const stopA = notices.listen({ changed: () => {} });
    const stopB = notices.listen({ changed: () => {} });
    const first = await plugin.next();
    first.answer(count('a', 3));
    const out = await plugin.next();
    expect(plugin.calls).toHaveLength(0);
    stopA();
    expect(notices.covering()).toBe(true);
    stopB();
    expect(notices.covering()).toBe(false);
    const release = await plugin.next();
    expect(release.request).toMatchObject({
      subscriber: first.request.subscriber,
      seen: { instance: 'a', events: 3 },
      leaseMs: 0,
      waitMs: 0,
    });
    // Closing the database waits for the lease to be given back, though the last listener started it.
    let released = false;
    const closing = notices.release().then(() => {
      released = true;
    });
    await sleep(20);
    expect(released).toBe(false);
    release.answer(count('a', 3));
    await closing;
    out.answer(count('a', 3));
    await sleep(30);
    expect(plugin.calls).toHaveLength(0);
    // Listening again starts a loop under another name, whose lease a late release of the old one cannot end.
    const stopC = notices.listen({ changed: () => {} });
    expect((await plugin.next()).request.subscriber).not.toBe(first.request.subscriber);
    stopC();
  });
});
