// URL tests shared by the navigation guards, the IPC sender check and the CSP installer.
// Node's URL gives `origin === "null"` for custom schemes such as app://, so origins are
// built here from protocol and host instead.

/** `scheme://host[:port]` of `url` (host lower-cased, default port dropped), or null when it has no host (file:///, javascript:, data:, about:blank, garbage). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  // Chromium lower-cases the host of standard schemes; Node does so only for http(s) and friends.
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/** True when `url` belongs to `origin` (as returned by `originOf`). */
export function isSameOrigin(url: string, origin: string): boolean {
  return originOf(url) === origin;
}

/** True for an absolute http: or https: URL with a host: the only links handed to the system browser. */
export function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host !== '';
  } catch {
    return false;
  }
}
