// The browser build's service worker, as built (npm test builds before it runs the tests): it
// lists exactly the built app's files as the offline shell, and the server hands it out
// uncached, so a new build reaches browsers at once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APP_DIR } from '../../server/start-server.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const swFile = join(DEFAULT_APP_DIR, 'sw.js');

/** The shell and version written into the built sw.js. */
function builtWorker(): { shell: string[]; version: string } {
  if (!existsSync(swFile)) throw new Error(`${swFile} is missing: run \`npm run build\` first`);
  const source = readFileSync(swFile, 'utf8');
  const shell = /const SHELL = (\[.*?\]);/.exec(source)?.[1];
  const version = /newsroom-shell-\$\{"([0-9a-f]+)"\}/.exec(source)?.[1];
  if (!shell || !version) throw new Error('sw.js does not hold a shell list and a version: the build did not fill its placeholders');
  return { shell: JSON.parse(shell) as string[], version };
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.dispose());

describe('the service worker of the browser build', () => {
  it('keeps every built file (but source maps) as the shell, index.html as /', () => {
    const built = readdirSync(DEFAULT_APP_DIR, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${relative(DEFAULT_APP_DIR, join(entry.parentPath, entry.name))}`)
      .filter((path) => !path.endsWith('.map') && path !== '/sw.js' && path !== '/index.html');
    const { shell, version } = builtWorker();
    expect(shell.sort()).toEqual(['/', ...built].sort());
    expect(shell.some((path) => /^\/assets\/.+\.js$/.test(path))).toBe(true);
    expect(shell.every((path) => !path.startsWith('/api'))).toBe(true);
    expect(version).toMatch(/^[0-9a-f]{12}$/);
  });

  it('is served as JavaScript, never cached, and every file of its shell is served', async () => {
    const response = await fetch(`${server.url}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain("addEventListener('fetch'");
    for (const path of builtWorker().shell) expect((await fetch(server.url + path)).status, path).toBe(200);
  });
});
