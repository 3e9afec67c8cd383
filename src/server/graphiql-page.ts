import type { GraphiQLOptions } from 'graphql-yoga';
import { type Asset, type AssetCollection, createAsset, hashOf } from './hashed-assets.js';

export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets/';

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
/* GraphiQL sizes itself to the viewport; here it fills what the attribution leaves. */
#root .graphiql-container { height: 100%; width: 100%; }
.attribution { font: 12px/1.5 system-ui, sans-serif; padding: 4px 12px; color: #555; border-top: 1px solid #ddd; }
`;

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

/** GraphiQL's scripts, style sheet, workers and icon at `/graphiql/assets/<name>.<hash>.<ext>`. */
export const GRAPHIQL_ASSETS: AssetCollection = {
  prefix: GRAPHIQL_ASSETS_PATH,
  load: () => graphiqlAssets().then(({ byPath }) => byPath),
};

/** The files @graphql-yoga/render-graphiql inlines into its page, each under a name with a hash of its bytes. */
async function loadAssets(): Promise<GraphiQLAssets> {
  const files = await import('@graphql-yoga/render-graphiql/graphiql');
  const byPath = new Map<string, Asset>();
  const add = (name: string, extension: string, contentType: string, body: Buffer) => {
    const path = `${GRAPHIQL_ASSETS_PATH}${name}.${hashOf(body)}.${extension}`;
    byPath.set(path, createAsset(contentType, body));
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
