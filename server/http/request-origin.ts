// The address a client used to reach this server, for absolute links in what it downloads.
import type { IncomingMessage } from 'node:http';

// A host name, IPv4 or bracketed IPv6 address, with an optional port: nothing that could break out of a URL.
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * `http://HOST` from the request's Host header (`https` when a proxy in front says so), or null
 * when the header is missing or malformed. Only the caller itself sees links made with it, so
 * trusting these headers lets nobody mislead anyone else.
 */
export function requestOrigin(req: IncomingMessage): string | null {
  const host = req.headers.host;
  if (!host || !HOST.test(host)) return null;
  const scheme = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return `${scheme}://${host.toLowerCase()}`;
}
