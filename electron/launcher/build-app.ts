// `npm start`'s first step: build the renderer and the desktop shell with Vite, quietly, and say
// in one line that it is done (Vite's own report is screens long; its warnings still show).
import { fileURLToPath } from 'node:url';
import { build, createBuilder } from 'vite';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const started = performance.now();
try {
  // What `npm run build:app` does: `vite build`, then `vite build --config vite.electron.config.ts`
  // (whose own builder makes the main process and the preload as two environments).
  await build({ configFile: `${ROOT}vite.config.ts`, logLevel: 'warn' });
  await (await createBuilder({ configFile: `${ROOT}vite.electron.config.ts`, logLevel: 'warn' })).buildApp();
  console.log(`Built Newsroom (the app and its desktop shell) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
} catch (error) {
  console.error('Building Newsroom failed:', error);
  process.exit(1);
}
