import { describe, expect, it } from 'vitest';
import { readAtOneVersion, readGraphVersion } from '../../src/queries/graph-version.js';
import { graphFixture, TestHelper } from '../support/test-helper.js';

describe('whole-graph reads labelled with one version', () => {
  const helper = TestHelper.forSuite();

  it('reads again when a write lands between its statements, and never labels data older than its version', async () => {
    await helper.writeGraph(graphFixture({ skills: { statistics: {} } }));
    const before = await readGraphVersion(helper.database);
    let attempts = 0;
    const { version, value } = await readAtOneVersion(helper.database, async (tx) => {
      attempts += 1;
      const first = await tx.run('MATCH (s:Skill) RETURN count(s) AS skills');
      // Another writer commits while this read is half done, on its first attempt only.
      if (attempts === 1) await helper.writeCypher("CREATE (:Entity:Skill {key: 'sql', name: 'SQL'})");
      return first.records[0]?.get('skills') as number;
    });
    const after = await readGraphVersion(helper.database);
    expect(after).not.toBe(before);
    expect(attempts).toBe(2);
    expect({ version, value }).toEqual({ version: after, value: 2 });
  });
});
