import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Built into dist/explorer and served by the service itself (src/server/use-explorer.ts): the pages at
// /, /route…, the hashed files under /explorer/assets/, long-cached and precompressed.
export default defineConfig({
  root: import.meta.dirname,
  base: '/explorer/',
  plugins: [preact()],
  build: {
    outDir: '../dist/explorer',
    emptyOutDir: true,
    // Chromium, Firefox and Safari have supported modulepreload for years: no polyfill in the entry.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // the route view's chunk is mostly cytoscape (about 150 KB compressed), loaded only when a graph is drawn
    chunkSizeWarningLimit: 700,
  },
});
