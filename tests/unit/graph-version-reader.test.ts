import { describe, expect, it } from 'vitest';
import { GraphVersionReader } from '../../src/domain/graph-version-reader.js';

/** A version store whose reads answer only when the test says so, with what was committed when they were sent. */
function slowStore() {
  let committed = 'v1';
  const pending: (() => void)[] = [];
  let reads = 0;
  const read = () => {
    reads += 1;
    const seen = committed;
    return new Promise<string>((resolve) => pending.push(() => resolve(seen)));
  };
  return {
    reader: new GraphVersionReader(read),
    commit: (version: string) => {
      committed = version;
    },
    answerAll: async () => {
      while (pending.length > 0) {
        for (const answer of pending.splice(0)) answer();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    reads: () => reads,
  };
}

describe('GraphVersionReader', () => {
  it('shares reads: a burst of callers costs at most two', async () => {
    const store = slowStore();
    const all = Promise.all(Array.from({ length: 50 }, () => store.reader.current()));
    await store.answerAll();
    expect(await all).toEqual(Array(50).fill('v1'));
    expect(store.reads()).toBe(2);
  });

  it('never hands a caller a read sent before it called, so a write committed before the call is seen', async () => {
    const store = slowStore();
    const early = store.reader.current();
    store.commit('v2');
    const late = store.reader.current();
    await store.answerAll();
    expect(await early).toBe('v1');
    expect(await late).toBe('v2');
  });

  it('reads again once a read has settled, and gets over a failed read', async () => {
    let version = 0;
    let fail = true;
    const reader = new GraphVersionReader(async () => {
      if (fail) {
        fail = false;
        throw new Error('Neo4j is down');
      }
      version += 1;
      return `v${version}`;
    });
    await expect(reader.current()).rejects.toThrow('Neo4j is down');
    expect(await reader.current()).toBe('v1');
    expect(await reader.current()).toBe('v2');
  });
});

describe('GraphVersionReader with a max age', () => {
  const store = (maxAgeMs: number, covered = () => false) => {
    let committed = 'v1';
    const pending: (() => void)[] = [];
    let reads = 0;
    const reader = new GraphVersionReader(
      () => {
        reads += 1;
        const seen = committed;
        return new Promise<string>((resolve) => pending.push(() => resolve(seen)));
      },
      maxAgeMs,
      covered,
    );
    const answerAll = async () => {
      while (pending.length > 0) {
        for (const answer of pending.splice(0)) answer();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    return { reader, answerAll, reads: () => reads, commit: (v: string) => (committed = v) };
  };

  it('answers from the last read while it is younger than the max age, without a read', async () => {
    const s = store(60_000);
    const first = s.reader.current();
    await s.answerAll();
    expect(await first).toBe('v1');
    s.commit('v2');
    expect(await s.reader.current()).toBe('v1');
    expect(s.reads()).toBe(1);
  });

  it('reads again after forget, and never keeps a read sent before it', async () => {
    const s = store(60_000);
    const before = s.reader.current();
    // A write this process made commits, and is told of, while that read is still out.
    s.commit('v2');
    s.reader.forget();
    await s.answerAll();
    expect(await before).toBe('v1');
    const after = s.reader.current();
    await s.answerAll();
    expect(await after).toBe('v2');
    expect(s.reads()).toBe(2);
  });

  it('reads every time with a max age of 0', async () => {
    const s = store(0);
    for (let i = 0; i < 3; i++) {
      const version = s.reader.current();
      await s.answerAll();
      await version;
    }
    expect(s.reads()).toBe(3);
  });

  it('remembers the newest read as a guess, and forgets it when a newer version is announced', async () => {
    const s = store(0);
    expect(s.reader.lastRead()).toBeUndefined();
    const first = s.reader.current();
    await s.answerAll();
    await first;
    expect(s.reader.lastRead()).toBe('v1');
    // A read out when a write is announced may have missed it: it is no guess.
    const stale = s.reader.current();
    s.commit('v2');
    s.reader.forget();
    expect(s.reader.lastRead()).toBeUndefined();
    await s.answerAll();
    await stale;
    expect(s.reader.lastRead()).toBeUndefined();
    const fresh = s.reader.current();
    await s.answerAll();
    await fresh;
    expect(s.reader.lastRead()).toBe('v2');
  });
});

describe('GraphVersionReader covered by commit notices', () => {
  const store = (covered: () => boolean) => {
    let committed = 'v1';
    let reads = 0;
    const reader = new GraphVersionReader(
      async () => {
        reads += 1;
        return committed;
      },
      0,
      covered,
    );
    return { reader, reads: () => reads, commit: (v: string) => (committed = v) };
  };

  it('answers from the last read while covered, reads after each announced commit, and reads every time when not', async () => {
    let covered = true;
    const s = store(() => covered);
    expect(await s.reader.current()).toBe('v1');
    expect(await s.reader.current()).toBe('v1');
    expect(s.reads()).toBe(1);
    s.commit('v2');
    s.reader.forget();
    expect(await s.reader.current()).toBe('v2');
    expect(await s.reader.current()).toBe('v2');
    expect(s.reads()).toBe(2);
    covered = false;
    await s.reader.current();
    await s.reader.current();
    expect(s.reads()).toBe(4);
  });
});
