import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { schema } from '../../src/graphql/schema.js';
import type { App } from '../../src/server/app.js';
import { loadPersistedOperations, PersistedOperationsError } from '../../src/server/use-persisted-operations.js';
import { type GraphQLBody, graphFixture, TestHelper } from '../support/test-helper.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const ROLE = 'query Role($key: String!) { role(key: $key) { key name } }';
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** A manifest as graphql-codegen's client preset writes `persisted-documents.json`: hash → document. */
function manifestFile(documents: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'skillgraph-manifest-')), 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(Object.fromEntries(documents.map((document) => [sha256(document), document]))));
  return file;
}

/** POST with a JSON body, as Apollo Client's persisted-queries link sends it. */
async function post(helper: TestHelper, app: App, payload: object) {
  const response = await helper.request(payload, { app });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
}

/** GET with the hash alone in `extensions`, as the link sends it with `useGETForHashedQueries`. */
function getByHash(app: App, hash: string, variables: object, headers: Record<string, string> = {}) {
  const url = new URL('http://yoga/graphql');
  url.searchParams.set('variables', JSON.stringify(variables));
  url.searchParams.set('extensions', JSON.stringify(persisted(hash)));
  return app.fetch(url.toString(), { headers: { accept: 'application/graphql-response+json', ...headers } });
}

describe('persisted operations', () => {
  const helper = TestHelper.forSuite({
    seed: graphFixture({ roles: { 'data-scientist': { skills: [['statistics']] } }, skills: { statistics: {} } }),
  });

  describe('automatic persisted queries (APQ)', () => {
    it('asks for the document of an unknown hash, registers it with its hash, then runs it by hash', async () => {
      const app = helper.app();
      const hash = sha256(ROLE);
      const variables = { key: 'data-scientist' };

      const unknown = await post(helper, app, { variables, extensions: persisted(hash) });
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors?.[0]).toMatchObject({
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
      });

      const registered = await post(helper, app, { query: ROLE, variables, extensions: persisted(hash) });
      expect(registered.status).toBe(200);
      expect(registered.body.data).toEqual({ role: { key: 'data-scientist', name: 'Data Scientist' } });

      const byHash = await post(helper, app, { variables, extensions: persisted(hash) });
      expect(byHash.status).toBe(200);
      expect(byHash.body.data).toEqual(registered.body.data);
    });

    it('refuses a document whose hash is not its SHA-256, and registers nothing', async () => {
      const app = helper.app();
      const wrong = sha256('{ __typename }');
      const mismatch = await post(helper, app, { query: ROLE, variables: { key: 'x' }, extensions: persisted(wrong) });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.errors?.[0]).toMatchObject({
        message: 'PersistedQueryMismatch',
        extensions: { code: 'PERSISTED_QUERY_MISMATCH' },
      });
      const after = await post(helper, app, { extensions: persisted(wrong) });
      expect(after.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('a GET by hash alone gets an ETag, 304 while the graph is unchanged, and a new answer after a write', async () => {
      const app = helper.app();
      const hash = sha256(ROLE);
      const variables = { key: 'data-scientist' };
      await post(helper, app, { query: ROLE, variables, extensions: persisted(hash) });

      const first = await getByHash(app, hash, variables);
      expect(first.status).toBe(200);
      expect((await first.json()).data.role.key).toBe('data-scientist');
      const etag = first.headers.get('etag') as string;
      expect(etag).toMatch(/^W\/"/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=10, must-revalidate');

      // The same operation sent as text has the same tag: it is the same question.
      const asText = await app.fetch(
        `http://yoga/graphql?query=${encodeURIComponent(ROLE)}&variables=${encodeURIComponent(JSON.stringify(variables))}`,
        { headers: { accept: 'application/graphql-response+json', 'if-none-match': etag } },
      );
      expect(asText.status).toBe(304);

      const revalidated = await getByHash(app, hash, variables, { 'if-none-match': etag });
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe('');

      await helper.writeGraph(
        graphFixture({
          roles: { 'data-scientist': { name: 'Data Scientist (renamed)', skills: [['statistics']] } },
          skills: { statistics: {} },
        }),
      );
      const changed = await getByHash(app, hash, variables, { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      expect((await changed.json()).data.role.name).toBe('Data Scientist (renamed)');
    });
  });

  describe('trusted documents (PERSISTED_ONLY=true)', () => {
    const trustedApp = (documents: string[]) =>
      helper.app({ persistedOperations: { only: true, manifestFile: manifestFile(documents) } });

    it('runs the operations of the manifest by hash and refuses every other document', async () => {
      const app = trustedApp([ROLE]);
      const ok = await post(helper, app, { variables: { key: 'data-scientist' }, extensions: persisted(sha256(ROLE)) });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toEqual({ role: { key: 'data-scientist', name: expect.any(String) } });
      expect(ok.body).toMatchObject({ extensions: { graphVersion: expect.any(String) } });

      const adHoc = await post(helper, app, { query: '{ roles { totalCount } }' });
      expect(adHoc.status).toBe(403);
      expect(adHoc.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      expect(adHoc.body.errors?.[0]?.message).toMatch(/only persisted operations/);

      // Even the manifest's own text, sent as text: APQ registration is off in this mode.
      const asText = await post(helper, app, {
        query: ROLE,
        variables: { key: 'data-scientist' },
        extensions: persisted(sha256(ROLE)),
      });
      expect(asText.status).toBe(403);
      expect(asText.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_ONLY');

      const unknown = await post(helper, app, { extensions: persisted(sha256('{ __typename }')) });
      expect(unknown.status).toBe(404);
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      const adHocGet = await app.fetch('http://yoga/graphql?query=%7B__typename%7D', {
        headers: { accept: 'application/graphql-response+json' },
      });
      expect(adHocGet.status).toBe(403);
      expect(adHocGet.headers.get('etag')).toBeNull();
    });

    it('turns GraphiQL and the explorer off: both send documents of their own', async () => {
      const app = trustedApp([ROLE]);
      const page = await app.fetch('http://yoga/graphql', { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
      await page.arrayBuffer();
      const explorer = await app.fetch('http://yoga/route?from=a&to=b', { headers: { accept: 'text/html' } });
      expect(explorer.status).toBe(404);
      await explorer.arrayBuffer();
    });

    it('needs a manifest, and refuses one with a document the schema does not have', () => {
      expect(() => loadConfig({ PERSISTED_ONLY: 'true' })).toThrow(ConfigError);
      expect(loadConfig({ PERSISTED_ONLY: 'true', PERSISTED_OPERATIONS_FILE: 'ops.json' }).persistedOperations).toEqual(
        { only: true, manifestFile: 'ops.json' },
      );
      const bad = manifestFile(['{ noSuchField }']);
      expect(() => loadPersistedOperations(bad, schema)).toThrow(PersistedOperationsError);
      expect(() => loadPersistedOperations(bad, schema)).toThrow(/noSuchField/);
      expect(() => loadPersistedOperations('/nonexistent/ops.json', schema)).toThrow(/cannot be read/);
    });
  });
});
