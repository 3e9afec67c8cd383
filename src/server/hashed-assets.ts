import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FetchAPI, Plugin } from 'graphql-yoga';
import { type Encoding, negotiateEncoding, varyOnAcceptEncoding } from './use-response-compression.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A file whose name carries a hash of its bytes, so it can be cached for good. */
export interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
  readonly encoded: Map<Encoding, { readonly ready: Promise<Buffer>; value?: Buffer }>;
}

/** The first 16 hex digits of the SHA-256 of the bytes. */
export const hashOf = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 16);

export function createAsset(contentType: string, body: Buffer): Asset {
  return { contentType, body, etag: `W/"${hashOf(body)}"`, encoded: new Map() };
}

/** Assets under one path prefix, loaded once per process on first use (tests create many apps). */
export interface AssetCollection {
  readonly prefix: string;
  load(): Promise<ReadonlyMap<string, Asset>>;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Brotli at its best quality runs one file after another, for all collections together: about 10 s of one
 * core for GraphiQL's files, so a small machine keeps a core for queries.
 */
let brotliQueue: Promise<unknown> = Promise.resolve();
const precompressed = new WeakSet<ReadonlyMap<string, Asset>>();

/**
 * Starts compressing every asset of a collection, off the event loop: gzip at once (a fraction of a
 * second), brotli in the queue above; until an asset's brotli is ready, clients that also accept gzip get gzip.
 */
function precompress(assets: ReadonlyMap<string, Asset>): void {
  if (precompressed.has(assets)) return;
  precompressed.add(assets);
  // below about 1 KB, compression saves less than its headers cost
  for (const asset of [...assets.values()].filter(({ body }) => body.length >= 1024)) {
    const track = (encoding: Encoding, ready: Promise<Buffer>) => {
      const entry: { ready: Promise<Buffer>; value?: Buffer } = { ready };
      // a failure surfaces to the requests awaiting `ready`; nothing else may see it unhandled
      ready.then(
        (value) => {
          entry.value = value;
        },
        () => {},
      );
      asset.encoded.set(encoding, entry);
    };
    track('gzip', gzipAsync(asset.body, { level: 9 }));
    const brotli = brotliQueue.then(() =>
      brotliAsync(asset.body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: asset.body.length,
        },
      }),
    );
    brotliQueue = brotli.catch(() => {});
    track('br', brotli);
  }
}

function chooseEncoding(asset: Asset, acceptEncoding: string | null): Encoding | undefined {
  const best = negotiateEncoding(
    acceptEncoding,
    (['br', 'gzip'] as const).filter((encoding) => asset.encoded.has(encoding)),
  );
  // Brotli at top quality takes seconds: until it is ready, gzip, or the file as it is, rather than a wait.
  if (best === 'br' && !asset.encoded.get('br')?.value) return negotiateEncoding(acceptEncoding, ['gzip']);
  return best;
}

function matchesETag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

async function serveAsset(asset: Asset, request: Request, fetchAPI: FetchAPI): Promise<Response> {
  const headers = new fetchAPI.Headers({
    'content-type': asset.contentType,
    'cache-control': IMMUTABLE,
    etag: asset.etag,
  });
  varyOnAcceptEncoding(headers);
  if (matchesETag(request.headers.get('if-none-match'), asset.etag)) {
    headers.delete('content-type');
    return new fetchAPI.Response(null, { status: 304, headers });
  }
  const encoding = chooseEncoding(asset, request.headers.get('accept-encoding'));
  const body = encoding ? await (asset.encoded.get(encoding)?.ready ?? asset.body) : asset.body;
  if (encoding) headers.set('content-encoding', encoding);
  headers.set('content-length', String(body.length));
  // node:zlib's Buffers are never backed by a SharedArrayBuffer, which is all the DOM type rules out
  return new fetchAPI.Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers,
  });
}

/**
 * Serves hashed files — GraphiQL's at `/graphiql/assets/`, the explorer's at `/explorer/assets/` — with
 * `Cache-Control: public, max-age=31536000, immutable`, a weak ETag (304 on If-None-Match) and gzip or
 * brotli as the client accepts; an unknown name is 404.
 */
export function useHashedAssets(collections: readonly AssetCollection[]): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const collection = collections.find(({ prefix }) => url.pathname.startsWith(prefix));
      if (!collection) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const assets = await collection.load();
      const asset = assets.get(url.pathname);
      // on the first asset asked for, not the page: tests and scripts that only fetch the page pay nothing
      if (asset) precompress(assets);
      endResponse(
        asset
          ? await serveAsset(asset, request, fetchAPI)
          : new fetchAPI.Response('Not found', {
              status: 404,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            }),
      );
    },
  };
}
