import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { scannerShell, WORKER_ENTRY, WORKER_FILE } from './scanner-shell.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * `vite` (dev, with hot reload) and `vite preview` pass the API through to a
 * running server (`npm start`, or MAGUEY_API_URL), so the pages are same-origin
 * as in production, where the server serves dist/web itself.
 */
const api = process.env.MAGUEY_API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/v1': { target: api, changeOrigin: false } };

/**
 * The web faces, served by the API server from dist/web (src/http/routes/web.ts):
 * the dashboard at /, the scanner at /scan/ and the public buy page at /e/{eventId}. Everything is bundled: no CDN,
 * no outside fonts, so a club with a flaky uplink still has its door.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), scannerShell()],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    // Vite 8 renamed rollupOptions (still accepted, deprecated) to rolldownOptions.
    rolldownOptions: {
      input: {
        dashboard: here('index.html'),
        scanner: here('scan/index.html'),
        buy: here('buy/index.html'),
        [WORKER_ENTRY]: here('src/scanner/serviceWorker.ts'),
      },
      // What both pages share gets a name that says so; jsQR stays its own lazy chunk.
      output: {
        // The service worker keeps one address across builds (its scope is the folder it is served from).
        entryFileNames: (chunk) => (chunk.name === WORKER_ENTRY ? WORKER_FILE : 'assets/[name]-[hash].js'),
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'shared', test: /web[\\/]src[\\/](api|shared)[\\/]/ },
          ],
        },
      },
    },
  },
});
