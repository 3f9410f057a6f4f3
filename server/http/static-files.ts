// Serves the built renderer (dist/renderer) to browsers: hashed assets cached for a year,
// index.html never cached, unknown routes fall back to index.html, and strict security headers.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Security-Policy of the served app (the same rules as the desktop window). */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // ProseMirror decorations (collaborators' selections) set style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "font-src 'self' data:",
  // The sign-in form may name another Newsroom server.
  "connect-src 'self' http: https: ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** The file under `root` a URL path names, or null when it would leave `root`. */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = normalize(join(root, decoded));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/** A request handler serving `root` (GET and HEAD only). */
export function staticFiles(root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    const pathname = URL.canParse(req.url ?? '/', 'http://localhost') ? new URL(req.url ?? '/', 'http://localhost').pathname : null;
    let file = pathname === null ? null : resolveStaticPath(root, pathname === '/' ? '/index.html' : pathname);
    if (file === null || pathname === null) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    // Client-side routes (no extension) get the app; a missing asset is a real 404.
    if (!(await isFile(file))) {
      if (extname(pathname) !== '') {
        res.writeHead(404, { 'content-type': 'text/plain', ...SECURITY_HEADERS }).end('not found');
        return;
      }
      file = join(root, 'index.html');
      if (!(await isFile(file))) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('The app is not built here: run `npm run build`, then restart the server.');
        return;
      }
    }
    const immutable = pathname.startsWith('/assets/');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}
