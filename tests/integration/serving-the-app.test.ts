// The server serves the built renderer to browsers: index.html for routes, cached assets,
// security headers, and no way out of the app's folder.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let server: TestServer;
let appDir: string;
beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'newsroom-app-'));
  await mkdir(join(appDir, 'assets'));
  await writeFile(join(appDir, 'index.html'), '<!doctype html><div id="app"></div>');
  await writeFile(join(appDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(appDir, '..', 'newsroom-secret.txt'), 'secret');
  server = await startTestServer({ appDir });
});
afterAll(async () => {
  await server.dispose();
  await rm(appDir, { recursive: true, force: true });
  await rm(join(appDir, '..', 'newsroom-secret.txt'), { force: true });
});

// A raw request, so that paths reach the server exactly as written.
function rawGet(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.server.port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('serving the app', () => {
  it('answers / and client routes with index.html under a strict CSP, never cached', async () => {
    for (const path of ['/', '/stories/123']) {
      const response = await fetch(server.url + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toContain('<div id="app">');
    }
  });

  it('caches hashed assets for a year and 404s a missing one', async () => {
    const asset = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the app folder', async () => {
    for (const path of ['/../newsroom-secret.txt', '/%2e%2e/newsroom-secret.txt', '/assets/..%2f..%2fnewsroom-secret.txt', '/%00']) {
      const response = await rawGet(path);
      expect(response, path).not.toContain('secret');
      expect(response, path).toMatch(/^HTTP\/1\.1 (400|404)/);
    }
  });

  it('keeps the API under /api, with JSON errors', async () => {
    const response = await fetch(`${server.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toHaveProperty('error');
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
