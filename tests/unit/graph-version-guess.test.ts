import { createSchema, createYoga } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { useGraphVersion, wasRecomputed } from '../../src/server/use-graph-version.js';

interface StubLoaders {
  graphVersion(): Promise<string>;
  assumeVersion(guess: string): Promise<string>;
  renewed(version: string | undefined): StubLoaders;
}

/**
 * A request's loaders, reduced to the version: `graphVersion()` answers what the request runs under, a read
 * answers only when the test says so, and every run of the resolver records the version it saw.
 */
function versionStore() {
  let committed = 'v1';
  let failing = false;
  const pending: (() => void)[] = [];
  const runs: string[] = [];
  const loadersSeen: StubLoaders[] = [];
  const read = () => {
    const seen = committed;
    const fails = failing;
    return new Promise<string>((resolve, reject) =>
      pending.push(() => (fails ? reject(new Error('Neo4j is down')) : resolve(seen))),
    );
  };
  const loaders = (known?: string): StubLoaders => {
    let version: Promise<string> | undefined = known === undefined ? undefined : Promise.resolve(known);
    return {
      graphVersion: () => {
        version ??= read();
        return version;
      },
      assumeVersion: (guess: string) => {
        version = Promise.resolve(guess);
        return read();
      },
      renewed: (at: string | undefined) => loaders(at),
    };
  };
  return {
    loaders,
    runs,
    loadersSeen,
    commit: (version: string) => {
      committed = version;
    },
    fail: () => {
      failing = true;
    },
    /** Answers the reads sent so far. */
    answer: () => {
      for (const settle of pending.splice(0)) settle();
    },
    pendingReads: () => pending.length,
  };
}

type Store = ReturnType<typeof versionStore>;

function appWith(store: Store, guess: string | undefined) {
  return createYoga({
    schema: createSchema<{ loaders: ReturnType<Store['loaders']> }>({
      typeDefs: 'type Query { seen: String } type Mutation { write: String }',
      resolvers: {
        Query: {
          seen: async (_root, _args, { loaders }) => {
            store.loadersSeen.push(loaders);
            const version = await loaders.graphVersion().catch(() => 'unread');
            store.runs.push(version);
            return `graph ${version}`;
          },
        },
        Mutation: { write: async (_root, _args, { loaders }) => loaders.graphVersion() },
      },
    }),
    context: () => ({ loaders: store.loaders() }),
    plugins: [useGraphVersion({ guess: () => guess })],
    logging: false,
  });
}

/** Sends `query` and answers the version reads until the response comes. */
async function ask(app: ReturnType<typeof appWith>, store: Store, query: string, headers: HeadersInit = {}) {
  const response = Promise.resolve(
    app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    }),
  );
  let done = false;
  void response.then(() => {
    done = true;
  });
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    store.answer();
  }
  return (await response).json();
}

describe('useGraphVersion with a guessed version', () => {
  it('runs a query under the guess while its own read is out, and keeps the answer when the read agrees', async () => {
    const store = versionStore();
    const app = appWith(store, 'v1');
    const response = app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ seen }' }),
    });
    // The resolver has run and the read is still unanswered: no round trip was waited for.
    for (let turn = 0; turn < 20 && store.runs.length === 0; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(store.runs).toEqual(['v1']);
    expect(store.pendingReads()).toBe(1);
    store.answer();
    const body = await (await response).json();
    expect(body).toEqual({ data: { seen: 'graph v1' }, extensions: { graphVersion: 'v1' } });
    expect(store.runs).toEqual(['v1']);
  });

  it('runs the query again under the version read when the guess was wrong, and labels it so', async () => {
    const store = versionStore();
    store.commit('v2');
    const body = await ask(appWith(store, 'v1'), store, '{ seen }');
    expect(store.runs).toEqual(['v1', 'v2']);
    expect(body).toEqual({ data: { seen: 'graph v2' }, extensions: { graphVersion: 'v2' } });
    // Each run had loaders of its own: what the first left under way cannot reach the second.
    expect(new Set(store.loadersSeen).size).toBe(2);
  });

  it('answers unlabelled, from a run that did not use the guess, when the version cannot be read', async () => {
    const store = versionStore();
    store.fail();
    const body = await ask(appWith(store, 'v1'), store, '{ seen }');
    expect(store.runs).toEqual(['v1', 'unread']);
    expect(body).toEqual({ data: { seen: 'graph unread' } });
  });

  it('never guesses for a mutation, nor for a request with If-None-Match', async () => {
    const store = versionStore();
    store.commit('v2');
    const app = appWith(store, 'v1');
    expect(await ask(app, store, 'mutation { write }')).toEqual({
      data: { write: 'v2' },
      extensions: { graphVersion: 'v2' },
    });
    expect(await ask(app, store, '{ seen }', { 'if-none-match': 'W/"x"' })).toMatchObject({
      data: { seen: 'graph v2' },
    });
    expect(store.runs).toEqual(['v2']);
  });

  it('marks an answer run again, so that no cache keeps it under the guess', async () => {
    const store = versionStore();
    store.commit('v2');
    let kept: unknown;
    const app = createYoga({
      schema: createSchema<{ loaders: ReturnType<Store['loaders']> }>({
        typeDefs: 'type Query { seen: String }',
        resolvers: { Query: { seen: async (_root, _args, { loaders }) => loaders.graphVersion() } },
      }),
      context: () => ({ loaders: store.loaders() }),
      plugins: [
        useGraphVersion({ guess: () => 'v1' }),
        {
          onExecute: () => ({
            onExecuteDone: ({ result }: { result: unknown }) => {
              kept = result;
            },
          }),
        },
      ],
      logging: false,
    });
    await ask(app, store, '{ seen }');
    expect(wasRecomputed(kept)).toBe(true);
    store.commit('v1');
    await ask(app, store, '{ seen }');
    expect(wasRecomputed(kept)).toBe(false);
  });
});
