import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/database/open-database.js';

/** A stand-in for the managed Neo4j: says whether it was already running, and records stops. */
function fakeLocalNeo4j(alreadyRunning: boolean) {
  return {
    uri: 'bolt://127.0.0.1:1',
    start: vi.fn(async () => ({ alreadyRunning })),
    stop: vi.fn(async () => ({ wasRunning: true })),
  };
}

describe('openDatabase with the managed Neo4j', () => {
  const config = loadConfig({});

  it('stops on close a Neo4j that it started itself', async () => {
    const local = fakeLocalNeo4j(false);
    const log = vi.fn();
    const opened = await openDatabase(config, '/nowhere', log, local);
    expect(opened.uri).toBe(local.uri);
    await opened.close();
    expect(local.stop).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith('Stopping the managed Neo4j.');
  });

  it('leaves running a Neo4j that was already running (started by `npm run db:start`)', async () => {
    const local = fakeLocalNeo4j(true);
    const log = vi.fn();
    const opened = await openDatabase(config, '/nowhere', log, local);
    await opened.close();
    expect(local.stop).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith(`Managed Neo4j was already running on ${local.uri}.`);
  });

  it('manages nothing when NEO4J_URI is set', async () => {
    const local = fakeLocalNeo4j(false);
    const opened = await openDatabase(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:1' }), '/nowhere', () => {}, local);
    await opened.close();
    expect(local.start).not.toHaveBeenCalled();
    expect(local.stop).not.toHaveBeenCalled();
  });
});
