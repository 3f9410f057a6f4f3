// `npm start`'s launcher where Electron's binary is missing (as here): one clear paragraph,
// the demo newsroom, and the app served for a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/server-process.ts';

let child: ChildProcess | null = null;
let dataDir = '';
afterEach(async () => {
  child?.kill('SIGKILL');
  child = null;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const electronBinaryPresent = (() => {
  try {
    return typeof createRequire(import.meta.url)('electron') === 'string';
  } catch {
    return false;
  }
})();

describe('npm start without the Electron binary', () => {
  it.skipIf(electronBinaryPresent)('says how to get the window, seeds the demo newsroom with a password printed once and serves the app in the browser', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-start-'));
    child = spawn(`${ROOT}node_modules/.bin/tsx`, ['electron/launcher/start.ts', '--port', '0', '--data', dataDir], { cwd: ROOT });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const start = Date.now();
    while (!/Press Ctrl-C to stop/.test(output)) {
      if (Date.now() - start > 30_000) throw new Error(`launcher did not finish starting:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(output).toMatch(/^No desktop window: /m);
    // One instruction, ours: not Electron's own advice to delete its package and install again.
    expect(output.match(/node node_modules\/electron\/install\.js/g)).toHaveLength(1);
    expect(output).not.toContain('delete node_modules/electron');
    expect(output).toMatch(/ana\s+reporter/);
    expect(output).toContain('Sample story: “Harbour bridge reopens to cyclists after two-year repair”');
    const url = /open (http:\/\/[^/\s]+)\//.exec(output)![1];
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="app"></div>');
    const password = /^ {4}(\S+)$/m.exec(output)![1];
    expect(output).toContain(`user reset-password NAME --data ${dataDir}`);
    const signIn = (password: string) => fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'ana', password }) });
    expect((await signIn(password)).status).toBe(200);
    expect((await signIn('newsroom')).status).toBe(401);

    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child!.once('exit', (code) => resolve(code)))).toBe(0);
  });
});
