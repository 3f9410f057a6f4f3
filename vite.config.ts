// Builds the renderer (renderer/ → dist/renderer/), served by the server to browsers and
// loaded by the Electron window from its own files.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { serviceWorker } from './vite.service-worker.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: 'renderer',
  // Absolute asset paths: deep routes fall back to index.html and must still find /assets/.
  base: '/',
  publicDir: 'public',
  plugins: [svelte(), serviceWorker({ source: here('renderer/service-worker/sw.js'), publicDir: here('renderer/public') })],
  // The app loads from local files (the desktop window, a service worker): one large chunk costs
  // nothing on a network, so Vite's 500 kB warning is raised rather than printed at every start.
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2048 },
  server: { port: 5173, strictPort: true },
});
