import { describe, expect, it } from 'vitest';
import { Database } from '../../src/database/database.js';
import { TestHelper } from '../support/test-helper.js';

/** A database whose every read fails with an internal error, to see what a client is shown. */
class FailingDatabase extends Database {
  constructor() {
    super(undefined as never, 'neo4j');
  }
  override read(): Promise<never> {
    return Promise.reject(new Error('secret internal detail: /var/lib/neo4j'));
  }
}

describe('unexpected errors', () => {
  it('are masked: the client sees neither message nor stack', async () => {
    const { body } = await new TestHelper(new FailingDatabase()).graphql('{ stats { roles } }');
    expect(body.errors).toEqual([
      expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
    ]);
    expect(JSON.stringify(body)).not.toContain('secret');
  });
});
