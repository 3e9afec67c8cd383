import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/domain/api-keys.js';
import { exportSeed } from '../../src/seed/export-seed.js';
import { loadSeed, seedDirectory } from '../../src/seed/load-seed.js';
import { writeSeed } from '../../src/seed/write-seed.js';
import { writeSeedFolder } from '../../src/seed/write-seed-folder.js';
import type { App } from '../../src/server/app.js';
import { EventStreamReader } from '../support/event-stream.js';
import { graphSnapshot } from '../support/graph-snapshot.js';
import { projectRoot, TestHelper } from '../support/test-helper.js';

/**
 * Issue 16 end to end: a curator's writes through the API reach a `graphChanged` subscriber, and go back
 * to seed files that seed the same graph.
 */
describe('curating through the API, end to end', () => {
  const helper = TestHelper.forSuite();
  let app: App;
  let writeKey: string;
  let work: string;

  beforeAll(async () => {
    await writeSeed(helper.database, await loadSeed(projectRoot, seedDirectory(projectRoot)), { reset: true });
    writeKey = (await createApiKey(helper.database, { name: 'curator', scopes: ['read', 'write'] })).key;
    app = helper.app();
    work = await mkdtemp(join(tmpdir(), 'curation-'));
  });
  afterAll(async () => {
    await app?.dispose();
    await rm(work, { recursive: true, force: true });
  });

  const write = async (query: string, variables: Record<string, unknown>) => {
    const { body } = await helper.graphql(query, { app, variables, headers: { authorization: `Bearer ${writeKey}` } });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return Object.values(body.data as Record<string, { __typename: string; graphVersion?: string }>)[0];
  };

  it('a subscriber gets the version a mutation wrote, with what it changed', async () => {
    const stream = await EventStreamReader.open(
      'http://yoga/graphql',
      { query: 'subscription { graphChanged { version changes { kind key operation } } }' },
      { fetch: (url, init) => app.fetch(url, init) },
    );
    try {
      expect(stream.response.status).toBe(200);
      const result = await write(
        `mutation ($input: CreateSkillInput!) { createSkill(input: $input) { __typename ... on GraphWrite { graphVersion } } }`,
        {
          input: {
            key: 'retrieval-evaluation',
            name: 'Retrieval evaluation',
            description: 'Measuring how well a retriever finds what a question needs.',
            category: 'ml',
            learningHours: 20,
          },
        },
      );
      expect(result?.__typename).toBe('SkillPayload');
      const event = await stream.next();
      if (event === 'end') throw new Error('the stream ended before the change');
      expect(event.event).toBe('next');
      expect(event.data.data.graphChanged).toEqual({
        version: result?.graphVersion,
        changes: [{ kind: 'Skill', key: 'retrieval-evaluation', operation: 'CREATE' }],
      });
    } finally {
      stream.close();
    }
  });

  it('seed:export after mutations gives files that seed the same graph', async () => {
    await write(`mutation ($input: RequireSkillInput!) { requireSkill(input: $input) { __typename } }`, {
      input: { role: 'ai-engineer', skill: 'retrieval-evaluation', importance: 'OPTIONAL', level: 3 },
    });
    await write(`mutation ($input: PrerequisiteInput!) { addPrerequisite(input: $input) { __typename } }`, {
      input: { skill: 'retrieval-evaluation', prerequisite: 'statistics' },
    });
    // Who wrote last and when is the API's record, not the curated graph's: the seed files do not hold it.
    const curated = async () => {
      const { nodes, relationships } = await graphSnapshot(helper.database);
      const withoutUpdatedAt = (text: string) => {
        const node = JSON.parse(text) as { properties: Record<string, unknown>; types: string[] };
        delete node.properties.updatedAt;
        node.types = node.types.filter((type) => !type.startsWith('updatedAt:'));
        return node;
      };
      return { nodes: nodes.map(withoutUpdatedAt), relationships };
    };
    const before = await curated();
    expect(before.nodes.some((node) => node.properties.key === 'retrieval-evaluation')).toBe(true);

    const out = join(work, 'seed');
    const exported = await exportSeed(helper.database);
    expect(exported.added.map((entry) => entry.key)).toEqual(['retrieval-evaluation']);
    await writeSeedFolder(out, exported.files);
    await writeSeed(helper.database, await loadSeed(projectRoot, out), { reset: true });
    expect(await curated()).toEqual(before);
  });
});
