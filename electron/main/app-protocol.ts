// The app:// protocol that serves the built renderer (dist/renderer) to the window, so the
// renderer runs from a secure, standard origin of its own instead of file://.
import { extname, join, sep } from 'node:path';
import type { CustomScheme } from 'electron';
import { CSP_HEADER, cspHeader } from './content-security-policy.ts';

/** The scheme of the renderer's own pages. */
export const APP_SCHEME = 'app';
/** The one host the scheme serves. */
export const APP_HOST = 'newsroom';
/** The renderer's origin when it is loaded from its files. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** For `protocol.registerSchemesAsPrivileged` before `app` is ready: standard (real origin, relative URLs) and secure (like https). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a file, by extension; unknown types are served as opaque bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that `url` names, or null when it names nothing we serve: another
 * scheme or host, a malformed escape, a NUL, or a path that leaves `root` (also when the
 * traversal was percent-encoded or used backslashes). A path without an extension is a
 * renderer route (or the bare origin) and gets index.html.
 */
export function resolveAppFile(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (extname(relative) === '') return join(root, 'index.html');
  // join (not resolve) keeps "//etc/passwd" under root; the prefix test catches every "..".
  const file = join(root, relative);
  return file.startsWith(join(root, sep)) ? file : null;
}

/** Reads a whole file; rejects (ENOENT, EISDIR, …) when there is none to serve. */
export type ReadFile = (file: string) => Promise<Uint8Array>;

/** The `protocol.handle(APP_SCHEME, …)` handler: GET/HEAD of files under `root`, with the CSP on every response. */
export function createAppProtocolHandler(root: string, readFile: ReadFile): (request: Request) => Promise<Response> {
  const headers = (extra: Record<string, string>) => ({ [CSP_HEADER]: cspHeader(), 'X-Content-Type-Options': 'nosniff', ...extra });
  const plain = (status: number, text: string) => new Response(text, { status, headers: headers({ 'Content-Type': 'text/plain; charset=utf-8' }) });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppFile(root, request.url);
    if (file === null) return plain(404, 'Not found');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers({ 'Content-Type': contentTypeFor(file) }) });
  };
}
