// HTTP requests an attacker controls byte by byte: an upload whose body is written when the test
// says (or never), and raw sockets that send headers slowly. Each reports what the server did.
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** What the server answered (status 0: no answer, the connection was cut), and when. */
export interface Outcome {
  status: number;
  body: string;
  retryAfter: string | null;
  /** ms from the start of the request to the answer or the cut. */
  ms: number;
}

/** An upload in progress. */
export interface OpenUpload {
  /** Sends more of the body (ignored once the server answered or cut the connection). */
  write(bytes: Uint8Array): void;
  /** Sends the end of the body. */
  end(): void;
  /** Settles with the server's answer, or status 0 when the connection was cut without one. */
  outcome: Promise<Outcome>;
  /** Whether the outcome is in. */
  settled(): boolean;
}

/** Starts POST /api/pictures declaring `length` bytes of `type`, sending only the headers for now. */
export function openUpload(baseUrl: string, token: string, length: number, type = 'image/png'): OpenUpload {
  const started = performance.now();
  const url = new URL('/api/pictures', baseUrl);
  const req = request({
    host: url.hostname,
    port: url.port,
    method: 'POST',
    path: url.pathname,
    headers: { authorization: `Bearer ${token}`, 'content-type': type, 'content-length': String(length) },
  });
  let done = false;
  const outcome = new Promise<Outcome>((resolve) => {
    const finish = (status: number, body: string, retryAfter: string | null) => {
      if (done) return;
      done = true;
      resolve({ status, body, retryAfter, ms: performance.now() - started });
    };
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      const retryAfter = res.headers['retry-after'] ?? null;
      res.on('end', () => finish(res.statusCode ?? 0, body, retryAfter));
      res.on('error', () => finish(res.statusCode ?? 0, body, retryAfter));
    });
    // The server may answer and close while the body is still coming: a write error is expected then.
    req.on('error', () => setTimeout(() => finish(0, '', null), 50));
    req.on('close', () => setTimeout(() => finish(0, '', null), 50));
  });
  req.flushHeaders();
  return {
    write: (bytes) => void (done || req.destroyed || req.write(bytes)),
    end: () => void (done || req.destroyed || req.end()),
    outcome,
    settled: () => done,
  };
}

/** A raw socket that sends a request's headers one line at a time, every `everyMs`, and never finishes them. */
export function slowHeaders(baseUrl: string, everyMs: number): { closed: Promise<{ ms: number; answer: string }>; socket: Socket } {
  const url = new URL(baseUrl);
  const started = performance.now();
  const socket = connect(Number(url.port), url.hostname);
  let answer = '';
  let line = 0;
  const timer = setInterval(() => socket.writable && socket.write(`X-Slow-${line++}: ${'a'.repeat(20)}\r\n`), everyMs);
  socket.on('connect', () => socket.write(`GET /api/articles HTTP/1.1\r\nHost: ${url.host}\r\n`));
  socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
  const closed = new Promise<{ ms: number; answer: string }>((resolve) => {
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ ms: performance.now() - started, answer });
    });
    socket.on('error', () => undefined);
  });
  return { closed, socket };
}

/** A raw socket that makes one request and then sits idle; resolves with how long it stayed open after the answer began. */
export function idleAfterOneRequest(baseUrl: string, token: string): Promise<number> {
  const url = new URL(baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  let answered = 0;
  socket.on('connect', () => socket.write(`GET /api/articles HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${token}\r\n\r\n`));
  socket.on('data', () => (answered ||= performance.now()));
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.on('close', () => resolve(performance.now() - answered)));
}
