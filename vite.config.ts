// Vite builds the web app in web/ into dist/web, which the Hono server serves.
// In development the API and the offline basemap come from the running server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = process.env.SCHUIFRUIMTE_API ?? 'http://127.0.0.1:8071';

export default defineConfig({
  root: `${repoRoot}web`,
  plugins: [
    react(),
    // Every built text asset also as .br and .gz (best compression, once, at build
    // time); the server sends the one the browser accepts (server/http/static.ts).
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      threshold: 1024,
      skipIfLargerOrEqual: true,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; a warning about it is noise.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Libraries that change less often than the app get chunks of their own, so a new
        // release of the app leaves them in the browser's cache. The editor, monitor,
        // matching and exchange (and recharts, terra-draw, proj4) are split off by their
        // dynamic imports (web/app/App.tsx, web/editor/useEditor.ts).
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|pmtiles|fflate)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  // MapLibre 6 starts its worker as a module worker, so bundle workers as ES modules.
  worker: { format: 'es' },
  server: {
    proxy: {
      // The app's own modules live in web/api/*.ts, which the dev server serves
      // as /api/*.ts: only paths that are not TypeScript modules go to the API.
      '^/api/(?![^?]*\\.tsx?(?:\\?|$))': apiServer,
      '/basemap': apiServer,
    },
  },
});
