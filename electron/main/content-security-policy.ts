// The renderer's Content-Security-Policy and the two ways it reaches the page: in the app://
// protocol's own responses (see app-protocol.ts), and through webRequest for an http(s)
// renderer origin (a dev server, or the Newsroom server's browser build). webRequest never
// sees headers of custom-protocol responses, so it cannot cover app:// by itself.
import { isSameOrigin } from './url-checks.ts';

/** The response header name. */
export const CSP_HEADER = 'Content-Security-Policy';

/** Each directive and its sources, in the order they appear in the header. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [directive: string, sources: string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // ProseMirror and the collaboration cursors set style attributes, and Svelte may inject <style>.
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob: http: https:"],
  ['font-src', "'self' data:"],
  // The user types the server URL at sign-in, so any http(s) API and ws(s) collab server is allowed.
  ['connect-src', "'self' http: https: ws: wss:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
  ['form-action', "'none'"],
];

/** The header value: every directive, separated by "; ". */
export function cspHeader(): string {
  return CSP_DIRECTIVES.map(([directive, sources]) => `${directive} ${sources}`).join('; ');
}

/** A copy of `headers` with our CSP as the only Content-Security-Policy (any casing of the name replaced). */
export function withContentSecurityPolicy(headers: Record<string, string[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    if (name.toLowerCase() !== CSP_HEADER.toLowerCase()) result[name] = values;
  }
  result[CSP_HEADER] = [cspHeader()];
  return result;
}

/** The slice of `session.webRequest` used here. */
export interface HeadersReceivedHook {
  onHeadersReceived(
    listener: (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void,
  ): void;
}

/** Adds the CSP to every response from the renderer's origin; other responses (API calls to the server) pass unchanged. */
export function installContentSecurityPolicy(webRequest: HeadersReceivedHook, rendererOrigin: string): void {
  webRequest.onHeadersReceived((details, callback) => {
    if (!isSameOrigin(details.url, rendererOrigin)) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders ?? {}) });
  });
}
