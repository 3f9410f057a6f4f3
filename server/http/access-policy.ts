// Who may talk to this server from a browser. Host: loopback names, IP literals and the names it
// was configured with — a DNS-rebinding name (evil.example pointing at 127.0.0.1) is refused.
// Origin: a browser request or websocket upgrade from a page must come from the server's own
// origin, a configured one, or the desktop app; programs send no Origin and are let through
// (they authenticate with a token like everyone else). CORS headers go only to allowed origins.
import type { ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { Logger } from '../log.ts';

/** The desktop window's origin (electron/main/app-protocol.ts APP_ORIGIN; a unit test keeps them equal). */
export const DESKTOP_APP_ORIGIN = 'app://newsroom';

/** What the policy is configured with. */
export interface AccessOptions {
  /** Addresses people reach this server at (--public-url): their names are accepted as Host, their origins as Origin. */
  publicUrls?: string[];
  /** Further origins whose pages may call this server (--allow-origin), e.g. a UI served elsewhere. */
  allowedOrigins?: string[];
  /** The address the server listens on (--host): a name given there is one of its own. */
  listenHost?: string;
}

/** The hostname of a Host header value (lowercase, IPv6 without brackets), or null when malformed. */
export function hostnameOf(host: string): string | null {
  if (!URL.canParse(`http://${host}`)) return null;
  const url = new URL(`http://${host}`);
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Names that always mean this computer (RFC 6761: browsers resolve *.localhost to loopback themselves). */
const isLoopbackName = (name: string) => name === 'localhost' || name.endsWith('.localhost');

const CORS_ALLOW = {
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

/** How many distinct refused hosts and origins are logged (one line each); a flood of new ones is not. */
const MAX_REPORTED = 100;

/** Decides on Host and Origin headers. */
export class AccessPolicy {
  private readonly names = new Set<string>();
  private readonly origins = new Set<string>([DESKTOP_APP_ORIGIN]);
  private readonly reported = new Set<string>();

  constructor(options: AccessOptions = {}) {
    for (const url of options.publicUrls ?? []) {
      const parsed = new URL(url);
      this.names.add(parsed.hostname.replace(/^\[(.*)\]$/, '$1'));
      this.origins.add(parsed.origin);
    }
    for (const origin of options.allowedOrigins ?? []) this.origins.add(new URL(origin).origin);
    const listen = options.listenHost?.toLowerCase();
    if (listen && isIP(listen) === 0) this.names.add(listen);
  }

  /** Whether a request with this Host header is for this server (no header: a program, allowed). */
  hostAllowed(host: string | undefined): boolean {
    if (host === undefined) return true;
    const name = hostnameOf(host);
    if (name === null) return false;
    return isIP(name) !== 0 || isLoopbackName(name) || this.names.has(name);
  }

  /**
   * Whether a page at `origin` may call this server. Its own origin is the one whose host is the
   * request's Host (already checked by hostAllowed); `null` (sandboxed pages, files) is refused.
   */
  originAllowed(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.origins.has(origin)) return true;
    if (!URL.canParse(origin) || host === undefined) return false;
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.toLowerCase();
  }

  /** The CORS headers for a request from `origin` (already allowed), or none for a program. */
  corsHeaders(origin: string | undefined): Record<string, string> {
    return origin === undefined ? {} : { 'access-control-allow-origin': origin, vary: 'Origin', ...CORS_ALLOW };
  }

  /** Logs a refusal the first time it happens for `what` (a page's origin, a Host). */
  noteRefused(what: string, logger: Logger): void {
    if (this.reported.has(what) || this.reported.size >= MAX_REPORTED) return;
    this.reported.add(what);
    logger.warn(`refusing requests for ${what} (logged once): see --public-url and --allow-origin`);
  }

  /** Why a request for `host` is refused, naming the host only when it is a well-formed one (nothing of a malformed value is echoed). */
  hostRefusal(host: string): string {
    if (hostnameOf(host) === null) return 'this server does not answer to a malformed Host header';
    return `this server does not answer to ${host}; if that is its address, start it with --public-url http://${host}`;
  }

  /** Logs a refused Host the first time it is seen (a malformed one as such). */
  noteRefusedHost(host: string, logger: Logger): void {
    this.noteRefused(`Host ${hostnameOf(host) === null ? '(malformed)' : host}`, logger);
  }

  /** Answers 421 to a request for a name this server does not answer to (DNS rebinding, a missing --public-url). */
  refuseHost(host: string, res: ServerResponse, logger: Logger): void {
    this.noteRefusedHost(host, logger);
    const body = JSON.stringify({ error: this.hostRefusal(host) });
    res
      .writeHead(421, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'content-length': Buffer.byteLength(body), connection: 'close' })
      .end(body);
  }
}
