// A Vite plugin for the renderer build: emits /sw.js, the service worker of renderer/service-worker/sw.js
// with the list of the built app's files (the shell it keeps offline) and a version derived from them.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** Emits sw.js listing every built file but source maps, plus the files of `publicDir`. */
export function serviceWorker(options: { source: string; publicDir: string }): Plugin {
  return {
    name: 'newsroom-service-worker',
    apply: 'build',
    generateBundle(_output, bundle) {
      const built = Object.keys(bundle).filter((name) => !name.endsWith('.map'));
      const publicFiles = readdirSync(options.publicDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(options.publicDir.length + 1));
      // index.html is kept as `/`, the address the app is opened at (the offline fallback of every page).
      const files = [...built, ...publicFiles].map((name) => `/${name.split('\\').join('/')}`).filter((path) => path !== '/index.html');
      const shell = ['/', ...files].sort();
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(options.source, 'utf8')
        .replace('self.__NEWSROOM_SHELL__', JSON.stringify(shell))
        .replace('self.__NEWSROOM_VERSION__', JSON.stringify(version));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
