import { beforeAll } from 'vitest';
import type { Database } from '../../src/database/database.js';
import { loadSeed } from '../../src/seed/load-seed.js';
import type { SeedGraph } from '../../src/seed/seed-model.js';
import { writeSeed } from '../../src/seed/write-seed.js';
import { projectRoot, useTestDatabase } from './test-database.js';

/** For a suite that reads the real seed graph: an emptied test database with the seed written into it. */
export function useSeededDatabase(): { readonly database: Database; readonly seed: SeedGraph } {
  const db = useTestDatabase();
  const handle = {
    get database() {
      return db.database;
    },
    seed: undefined as unknown as SeedGraph,
  };
  beforeAll(async () => {
    handle.seed = await loadSeed(projectRoot);
    await writeSeed(db.database, handle.seed);
  });
  return handle;
}
