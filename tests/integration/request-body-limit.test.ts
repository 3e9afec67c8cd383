import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TestHelper } from '../support/test-helper.js';

const MAX_BYTES = 2_000;

/** POSTs `chunks` to /graphql over the wire: with a Content-Length when `chunked` is false, else chunk by chunk. */
function post(url: string, chunks: string[], chunked: boolean): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const body = chunks.join('');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (chunked) headers['transfer-encoding'] = 'chunked';
    else headers['content-length'] = String(Buffer.byteLength(body));
    const sent = request(url, { method: 'POST', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    sent.on('error', reject);
    if (chunked) for (const chunk of chunks) sent.write(chunk);
    sent.end(chunked ? undefined : body);
  });
}

/** A query whose JSON body is about `bytes` long, in chunks of 500 characters. */
function paddedQuery(bytes: number): string[] {
  const json = JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(bytes) } });
  return json.match(/[\s\S]{1,500}/g) ?? [];
}

describe('the request body limit, over the wire', () => {
  const helper = TestHelper.forSuite();
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer(helper.app({ limits: { ...loadConfig({}).limits, maxRequestBytes: MAX_BYTES } }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  for (const chunked of [false, true]) {
    const how = chunked ? 'a chunked body (no Content-Length)' : 'a body with a Content-Length';
    it(`answers ${how} under the limit`, async () => {
      const { status, body } = await post(url, paddedQuery(MAX_BYTES - 200), chunked);
      expect(status).toBe(200);
      expect(body.data).toEqual({ __typename: 'Query' });
    });

    it(`refuses ${how} over the limit with 413 LIMIT_EXCEEDED`, async () => {
      const { status, body } = await post(url, paddedQuery(MAX_BYTES + 10), chunked);
      expect(status).toBe(413);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodySize', max: MAX_BYTES });
    });
  }
});
