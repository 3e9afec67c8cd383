import { describe, expect, it } from 'vitest';
import type { EntityRecord } from '../../src/domain/career-graph.js';
import { DatabaseUnavailableError, GraphChangedError } from '../../src/errors.js';
import type { Context } from '../../src/graphql/context.js';
import { loadEntities, loadEntity } from '../../src/graphql/load-entities.js';
import { loadNodesOfLabel } from '../../src/graphql/types/entity.js';

/** A context whose entity loader answers each key from a table: a record, null (not in the graph) or an Error. */
function contextLoading(answers: Record<string, EntityRecord | null | Error>): Context {
  return {
    loaders: {
      entityByKey: { loadMany: async (keys: readonly string[]) => keys.map((key) => answers[key] ?? null) },
    },
  } as unknown as Context;
}

const record = (key: string) => ({ key, name: key, label: 'Skill' }) as unknown as EntityRecord;

describe('loadEntities', () => {
  it('returns the records in the order of the keys', async () => {
    const context = contextLoading({ a: record('a'), b: record('b') });
    expect((await loadEntities(context, ['b', 'a'])).map((entity) => entity.key)).toEqual(['b', 'a']);
  });

  it('passes on the database failure that made the loader fail, not a masked "vanished" error', async () => {
    const unavailable = new DatabaseUnavailableError(new Error('connection lost'));
    const context = contextLoading({ a: record('a'), b: unavailable });
    await expect(loadEntities(context, ['a', 'b'])).rejects.toBe(unavailable);
    await expect(loadEntity(context, 'b')).rejects.toBe(unavailable);
  });

  it('passes on any other loader failure as it is', async () => {
    const failure = new Error('the query failed');
    await expect(loadEntities(contextLoading({ a: failure }), ['a'])).rejects.toBe(failure);
  });

  it('says which entity vanished when a key the graph gave is no longer there', async () => {
    await expect(loadEntities(contextLoading({}), ['gone'])).rejects.toThrow(GraphChangedError);
    await expect(loadEntities(contextLoading({}), ['gone'])).rejects.toMatchObject({
      message: 'The graph changed during the request (entity gone vanished); try again.',
      extensions: { code: 'GRAPH_CHANGED', retryAfterSeconds: 1 },
    });
  });
});

describe('node(id:) and nodes(ids:)', () => {
  it('pass on a database failure instead of answering null', async () => {
    const unavailable = new DatabaseUnavailableError(new Error('connection lost'));
    const load = loadNodesOfLabel('Skill');
    await expect(load(['a', 'b'], contextLoading({ a: record('a'), b: unavailable }))).rejects.toBe(unavailable);
  });

  it('answer null for a key of another kind or not in the graph', async () => {
    const load = loadNodesOfLabel('Role');
    expect(await load(['a', 'gone'], contextLoading({ a: record('a') }))).toEqual([null, null]);
  });
});
