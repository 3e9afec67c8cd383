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
    for (let i = 0; i < 200 && calls.length === 0; i++) await sleep(5);
    const pending = calls.shift();
    if (!pending) throw new Error('no call came');
    return pending;
  };
  return { call, next, calls };
}

const TIMING = { leaseMs: 200, waitMs: 50, retryMs: 20 };

describe('GraphCommitNotices', () => {
  it('covers from its first answer until the lease of the last answered call runs out', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    let changes = 0;
    const stop = notices.listen({ changed: () => changes++ });
    const first = await plugin.next();
    expect(first.request.seen).toEqual({ instance: '', commits: -1 });
    expect(notices.covering()).toBe(false);
    first.answer({ instance: 'a', commits: 7 });
    const second = await plugin.next();
    // The first answer is news (anything read before the subscription may be stale), and is acknowledged.
    expect(changes).toBe(1);
    expect(notices.covering()).toBe(true);
    expect(second.request).toMatchObject({ seen: { instance: 'a', commits: 7 }, leaseMs: 200, waitMs: 50 });
    // No answer: the lease of the first call runs out, and with it the cover.
    await sleep(250);
    expect(notices.covering()).toBe(false);
    second.answer({ instance: 'a', commits: 7 });
    await plugin.next();
    expect(changes).toBe(1);
    stop();
  });

  it('announces a commit, and a restarted Neo4j (a new instance) as one, before acknowledging it', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const heard: string[] = [];
    const stop = notices.listen({ changed: () => heard.push(`changed with ${plugin.calls.length} calls out`) });
    (await plugin.next()).answer({ instance: 'a', commits: 1 });
    (await plugin.next()).answer({ instance: 'a', commits: 2 });
    const acknowledging = await plugin.next();
    expect(acknowledging.request.seen).toEqual({ instance: 'a', commits: 2 });
    acknowledging.answer({ instance: 'b', commits: 2 });
    expect((await plugin.next()).request.seen).toEqual({ instance: 'b', commits: 2 });
    expect(heard).toEqual(['changed with 0 calls out', 'changed with 0 calls out', 'changed with 0 calls out']);
    stop();
  });

  it('stops covering at a failure, tells the first of a run of failures, and retries', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const failures: unknown[] = [];
    const stop = notices.listen({ changed: () => {}, failed: (error) => failures.push(error) });
    (await plugin.next()).answer({ instance: 'a', commits: 1 });
    (await plugin.next()).fail(new Error('connection reset'));
    const retry = await plugin.next();
    expect(notices.covering()).toBe(false);
    retry.fail(new Error('connection refused'));
    (await plugin.next()).answer({ instance: 'a', commits: 1 });
    await plugin.next();
    expect(notices.covering()).toBe(true);
    expect(failures.map((error) => (error as Error).message)).toEqual(['connection reset']);
    stop();
  });

  it('gives up, once and for every later listener, on a Neo4j without the plugin', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const reasons: string[] = [];
    notices.listen({ changed: () => {}, unavailable: (reason) => reasons.push(reason) });
    const missing = Object.assign(new Error('There is no procedure with the name `skillgraph.awaitCommit`'), {
      code: 'Neo.ClientError.Procedure.ProcedureNotFound',
    });
    (await plugin.next()).fail(missing);
    await sleep(50);
    expect(plugin.calls).toHaveLength(0);
    notices.listen({ changed: () => {}, unavailable: (reason) => reasons.push(reason) });
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/no skillgraph\.awaitCommit procedure/);
    expect(notices.covering()).toBe(false);
  });

  it('runs one loop for all listeners, and gives its lease back when the last stops listening', async () => {
    const plugin = fakePlugin();
    const notices = new GraphCommitNotices(plugin.call, TIMING);
    const stopA = notices.listen({ changed: () => {} });
    const stopB = notices.listen({ changed: () => {} });
    (await plugin.next()).answer({ instance: 'a', commits: 3 });
    const out = await plugin.next();
    expect(plugin.calls).toHaveLength(0);
    stopA();
    expect(notices.covering()).toBe(true);
    stopB();
    expect(notices.covering()).toBe(false);
    const release = await plugin.next();
    expect(release.request).toMatchObject({ seen: { instance: 'a', commits: 3 }, leaseMs: 0, waitMs: 0 });
    out.answer({ instance: 'a', commits: 3 });
    await sleep(30);
    expect(plugin.calls).toHaveLength(0);
  });
});
