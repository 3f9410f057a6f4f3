// Node's HTTP server timeouts and header limits, set deliberately instead of left at Node's
// defaults: a client that sends its headers or body slowly (slowloris), or sits idle on a kept-
// alive connection, or sends thousands of headers, gets a 408/431 or a closed socket in bounded time.
import type { IncomingMessage, Server, ServerOptions } from 'node:http';
import { setBodyIdleTimeout } from './json-body.ts';

/** The HTTP server's limits. */
export interface HttpLimits {
  /** Time for a request's headers to arrive (408 and closed after it). */
  headersTimeoutMs: number;
  /** Time for a whole request (headers and body) to arrive: a 25 MiB upload over a slow link must fit. */
  requestTimeoutMs: number;
  /** How long a kept-alive connection may sit idle between requests. */
  keepAliveTimeoutMs: number;
  /** Headers read per request at most (the rest are ignored). */
  maxHeadersCount: number;
  /** How long a request body may send nothing while it is read (408). */
  bodyIdleTimeoutMs: number;
}

/** Defaults (Node's own: 60 s, 300 s, 5 s, 2,000 headers, no idle limit). */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 20_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 5_000,
  maxHeadersCount: 100,
  bodyIdleTimeoutMs: 15_000,
};

// Node checks the two request timeouts on this interval (30 s by default, which would let a
// 20 s headers timeout run to 50 s).
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/** Options for http.createServer carrying `limits`. */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_INTERVAL_MS, limits.headersTimeoutMs),
  };
}

/** Sets what createServer's options cannot carry. */
export function applyHttpLimits(server: Server, limits: HttpLimits): void {
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxHeadersCount = limits.maxHeadersCount;
}

/** Gives one request its body idle timeout (readBody enforces it). */
export function limitRequest(req: IncomingMessage, limits: HttpLimits): void {
  setBodyIdleTimeout(req, limits.bodyIdleTimeoutMs);
}
