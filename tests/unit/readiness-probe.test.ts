import type { Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database.js';

/** A driver whose every query answers at once. */
const answeringDriver = () =>
  ({
    session: () => ({ run: async () => ({ records: [] }), close: async () => {} }),
    close: async () => {},
  }) as unknown as Driver;

describe('/ready', () => {
  // Each probe is a fresh driver and a login: a client polling /ready in a loop must not turn into a
  // stream of logins against Neo4j.
  it('reuses a probe of the last second instead of logging in again for every call', async () => {
    let probes = 0;
    const database = new Database(
      answeringDriver(),
      'neo4j',
      {},
      {
        main: answeringDriver,
        probe: () => {
          probes += 1;
          return answeringDriver();
        },
      },
    );
    for (let i = 0; i < 20; i++) expect(await database.isReady()).toBe(true);
    expect(probes).toBe(1);
  });
});
