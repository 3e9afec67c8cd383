import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FetchAPI, GraphiQLOptions, Plugin } from 'graphql-yoga';
import { type Encoding, negotiateEncoding, varyOnAcceptEncoding } from './use-response-compression.js';

export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Runs before GraphiQL's bundle (Monaco reads its environment as it loads) and renders once all deferred
 * scripts have run. Its settings come from a JSON data block in the page, so the page has no inline code.
 */
const BOOT_SCRIPT = `(() => {
  const config = JSON.parse(document.getElementById('graphiql-config').textContent);
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => config.workers[label] };
  document.addEventListener('DOMContentLoaded', () => {
    YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), config.options);
  });
})();
`;

const PAGE_CSS = `body { margin: 0; height: 100vh; display: flex; flex-direction: column; }
#root { flex: 1; min-height: 0; }
.attribution { font: 12px/1.5 system-ui, sans-serif; padding: 4px 12px; color: #555; border-top: 1px solid #ddd; }
`;

interface Asset {
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
  readonly encoded: Map<Encoding, { readonly ready: Promise<Buffer>; value?: Buffer }>;
}

interface GraphiQLAssets {
  readonly byPath: ReadonlyMap<string, Asset>;
  readonly js: string;
  readonly css: string;
  /** The page's own layout: GraphiQL above, the data sources' attribution below. */
  readonly pageCss: string;
  readonly boot: string;
  readonly favicon: string;
  /** Monaco's worker URLs by label, as its `getWorkerUrl` is asked for them. */
  readonly workers: Readonly<Record<'editorWorkerService' | 'json' | 'graphql', string>>;
}

let loaded: Promise<GraphiQLAssets> | undefined;

/** The assets, loaded on first use, once per process (tests create many apps). */
function graphiqlAssets(): Promise<GraphiQLAssets> {
  loaded ??= loadAssets();
  return loaded;
}

/** The files @graphql-yoga/render-graphiql inlines into its page, each under a name with a hash of its bytes. */
async function loadAssets(): Promise<GraphiQLAssets> {
  const files = await import('@graphql-yoga/render-graphiql/graphiql');
  const byPath = new Map<string, Asset>();
  const add = (name: string, extension: string, contentType: string, body: Buffer) => {
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
    const path = `${GRAPHIQL_ASSETS_PATH}${name}.${hash}.${extension}`;
    byPath.set(path, { contentType, body, etag: `W/"${hash}"`, encoded: new Map() });
    return path;
  };
  const script = (name: string, text: string) => add(name, 'js', 'text/javascript; charset=utf-8', Buffer.from(text));
  const [faviconType, faviconData] = /^data:([^;,]+);base64,(.*)$/s.exec(files.favicon)?.slice(1) ?? [];
  return {
    byPath,
    boot: script('graphiql-boot', BOOT_SCRIPT),
    js: script('graphiql', files.js),
    css: add('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(files.css)),
    pageCss: add('graphiql-page', 'css', 'text/css; charset=utf-8', Buffer.from(PAGE_CSS)),
    favicon: add('favicon', 'ico', faviconType ?? 'image/x-icon', Buffer.from(faviconData ?? '', 'base64')),
    workers: {
      editorWorkerService: script('editor-worker', files.editorWorkerService),
      json: script('json-worker', files.jsonWorker),
      graphql: script('graphql-worker', files.graphqlWorker),
    },
  };
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Starts compressing every asset, off the event loop: gzip at once (a fraction of a second), brotli at its
 * best quality one file after another (about 10 s of one core for all of them, so a small machine keeps a
 * core for queries); until an asset's brotli is ready, clients that also accept gzip get gzip.
 */
let precompressing = false;

function precompress(assets: Asset[]): void {
  if (precompressing) return;
  precompressing = true;
  let brotliQueue: Promise<unknown> = Promise.resolve();
  // below about 1 KB, compression saves less than its headers cost
  for (const asset of assets.filter(({ body }) => body.length >= 1024)) {
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

/** Serves GraphiQL's scripts, style sheet, workers and icon at `/graphiql/assets/<name>.<hash>.<ext>`. */
export function useGraphiQLAssets(): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(new fetchAPI.Response(null, { status: 405, headers: { allow: 'GET, HEAD' } }));
        return;
      }
      const { byPath } = await graphiqlAssets();
      const asset = byPath.get(url.pathname);
      // on the first asset asked for, not the page: tests and scripts that only fetch the page pay nothing
      if (asset) precompress([...byPath.values()]);
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

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** JSON safe inside a <script> data block: no `</script>` or `<!--` can appear in it. */
const scriptSafeJson = (value: unknown) =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** GraphiQL's page, a few KB: it links the hashed assets above instead of inlining them as render-graphiql does. */
export async function renderGraphiQLPage({
  attributions = [],
  ...options
}: GraphiQLOptions & { attributions?: readonly string[] } = {}): Promise<string> {
  const assets = await graphiqlAssets();
  const config = scriptSafeJson({ options, workers: assets.workers });
  const footer =
    attributions.length > 0
      ? `\n    <footer class="attribution" aria-label="Data sources">${attributions.map(escapeHtml).join(' · ')}</footer>`
      : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title || 'Yoga GraphiQL')}</title>
    <link rel="icon" href="${escapeHtml(options.favicon || assets.favicon)}" />
    <link rel="stylesheet" href="${assets.css}" />
    <script src="${assets.boot}" defer></script>
    <script src="${assets.js}" defer></script>
    <link rel="stylesheet" href="${assets.pageCss}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script id="graphiql-config" type="application/json">${config}</script>${footer}
  </body>
</html>
`;
}
