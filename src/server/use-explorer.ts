import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { findProjectRoot } from '../project-root.js';
import { type Asset, type AssetCollection, createAsset } from './hashed-assets.js';

/** Where `npm run build` (vite, from explorer/) writes the explorer; git-ignored. */
export const EXPLORER_DIST = join(findProjectRoot(), 'dist', 'explorer');
export const EXPLORER_ASSETS_PATH = '/explorer/assets/';

/** The explorer's views: each path answers its one page, which reads the view from the URL. */
const VIEW_PATH = /^\/(?:route|career|overlap|(?:role|skill|tool)\/[^/]+)?$/;

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

let loaded: Promise<{ page?: string; assets: Map<string, Asset> }> | undefined;

/** Vite's output, read once per process: the page and its hashed files (none when it was not built). */
function explorerBuild() {
  loaded ??= (async () => {
    const assets = new Map<string, Asset>();
    const page = await readFile(join(EXPLORER_DIST, 'index.html'), 'utf8').catch(() => undefined);
    const names = await readdir(join(EXPLORER_DIST, 'assets')).catch(() => []);
    for (const name of names) {
      const contentType = CONTENT_TYPES[extname(name)] ?? 'application/octet-stream';
      assets.set(
        `${EXPLORER_ASSETS_PATH}${name}`,
        createAsset(contentType, await readFile(join(EXPLORER_DIST, 'assets', name))),
      );
    }
    return { page, assets };
  })();
  return loaded;
}

/** The explorer's scripts and styles, named by Vite with a hash of their content. */
export const EXPLORER_ASSETS: AssetCollection = {
  prefix: EXPLORER_ASSETS_PATH,
  load: () => explorerBuild().then(({ assets }) => assets),
};

/**
 * Serves the explorer's page at `/` and at every view's path (`/route`, `/role/<key>`…), so each view is a
 * URL that reloads and can be shared; `Cache-Control: no-cache` (the security headers plugin), so a new
 * build is picked up at once while its hashed assets stay cached.
 */
export function useExplorer(): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!VIEW_PATH.test(url.pathname) || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const { page } = await explorerBuild();
      endResponse(
        page === undefined
          ? new fetchAPI.Response('The explorer is not built: run npm run build.', {
              status: 503,
              headers: { 'content-type': 'text/plain; charset=utf-8' },
            })
          : new fetchAPI.Response(request.method === 'HEAD' ? null : page, {
              status: 200,
              headers: { 'content-type': 'text/html; charset=utf-8' },
            }),
      );
    },
  };
}
