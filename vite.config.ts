// Vite builds the web app in web/ into dist/web, which the Hono server serves.
// In development the API and the offline basemap come from the running server.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const apiServer = process.env.SCHUIFRUIMTE_API ?? 'http://127.0.0.1:8071';

export default defineConfig({
  root: `${repoRoot}web`,
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; a warning about it is noise.
    chunkSizeWarningLimit: 2000,
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
