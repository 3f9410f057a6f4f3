// The app:// protocol: URL-to-file mapping (traversal, fallback) and the handler's responses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, APP_SCHEME_PRIVILEGES, contentTypeFor, createAppProtocolHandler, resolveAppFile } from '../../electron/main/app-protocol.ts';
import { CSP_HEADER, cspHeader } from '../../electron/main/content-security-policy.ts';

const ROOT = join('/srv', 'app', 'dist', 'renderer');

describe('resolveAppFile', () => {
  it('maps paths to files under the root', () => {
    expect(resolveAppFile(ROOT, 'app://newsroom/index.html')).toBe(join(ROOT, 'index.html'));
    expect(resolveAppFile(ROOT, 'app://newsroom/assets/index-abc123.js?v=1#x')).toBe(join(ROOT, 'assets', 'index-abc123.js'));
    expect(resolveAppFile(ROOT, 'app://newsroom/assets/my%20font.woff2')).toBe(join(ROOT, 'assets', 'my font.woff2'));
    expect(resolveAppFile(ROOT, 'app://NEWSROOM/index.html')).toBe(join(ROOT, 'index.html'));
  });

  it('gives index.html for the bare origin and for routes without an extension', () => {
    for (const url of ['app://newsroom', 'app://newsroom/', 'app://newsroom/stories/42', 'app://newsroom/assets/']) {
      expect(resolveAppFile(ROOT, url), url).toBe(join(ROOT, 'index.html'));
    }
  });

  it('never leaves the root with ../, even percent-encoded or doubled', () => {
    for (const url of [
      'app://newsroom/../../etc/passwd.txt',
      'app://newsroom/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://newsroom/assets/..%2f..%2f..%2fetc%2fpasswd.txt',
      'app://newsroom/assets/%2E%2E%2F%2E%2E%2Fsecret.json',
      'app://newsroom/assets/%252e%252e%252fsecret.json',
    ]) {
      const file = resolveAppFile(ROOT, url);
      expect(file === null || file.startsWith(join(ROOT, '/')), `${url} -> ${file}`).toBe(true);
    }
    expect(resolveAppFile(ROOT, 'app://newsroom/assets/..%2f..%2f..%2fetc%2fpasswd.txt')).toBeNull();
  });

  it('keeps an absolute-looking path under the root', () => {
    expect(resolveAppFile(ROOT, 'app://newsroom//etc/passwd.txt')).toBe(join(ROOT, 'etc', 'passwd.txt'));
  });

  it('refuses other hosts, other schemes, NULs and malformed escapes', () => {
    for (const url of ['app://evil/index.html', 'file:///srv/app/dist/renderer/index.html', 'https://newsroom/index.html', 'app://newsroom/a%00.js', 'app://newsroom/%E0%A4%A.js', 'nonsense']) {
      expect(resolveAppFile(ROOT, url), url).toBeNull();
    }
  });
});

describe('contentTypeFor', () => {
  it('knows the renderer build output', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('/x/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('/x/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('registers app: as a standard, secure scheme', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(APP_ORIGIN).toBe('app://newsroom');
  });
});

describe('createAppProtocolHandler', () => {
  let base: string;
  let root: string;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'newsroom-app-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Newsroom</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'outside-secret.txt'), 'secret');
    handler = createAppProtocolHandler(root, (file) => readFile(file));
  });
  afterAll(() => {
    rmSync(base, { recursive: true, force: true });
  });

  it('serves a file with its type, the CSP and nosniff', async () => {
    const response = await handler(new Request('app://newsroom/assets/app.js'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('console.log(1)');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get(CSP_HEADER)).toBe(cspHeader());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves index.html, with the CSP, for a renderer route', async () => {
    const response = await handler(new Request('app://newsroom/stories/42'));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Newsroom</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get(CSP_HEADER)).toBe(cspHeader());
  });

  it('answers 404 for a missing asset, a folder with an extension, and traversal', async () => {
    mkdirSync(join(root, 'assets', 'folder.js'), { recursive: true });
    for (const url of ['app://newsroom/assets/missing.js', 'app://newsroom/assets/folder.js', 'app://newsroom/assets/..%2f..%2foutside-secret.txt', 'app://other/index.html']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await handler(new Request('app://newsroom/index.html', { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await handler(new Request('app://newsroom/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
  });
});
