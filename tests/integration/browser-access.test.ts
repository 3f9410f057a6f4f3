// The embedded server is not a door for web pages: the Host allow-list (DNS rebinding gets 421
// on the API and the app alike), a page on another origin can neither sign in nor read, and the
// client address comes from X-Forwarded-For only through a proxy configured as trusted.
import { request } from 'node:http';
import { describe, expect } from 'vitest';
import type { TestServer } from '../support/test-server.ts';
import { it } from '../support/fixtures.ts';

/** A request with any Host header (fetch will not send a made-up one). */
function withHost(s: TestServer, path: string, host: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: s.server.port, path, method: init.method ?? 'GET', headers: { host, ...init.headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const signIn = (s: TestServer, username: string, password: string, headers: Record<string, string> = {}) =>
  s.api('/api/session', { method: 'POST', json: { username, password }, headers });

describe('Host allow-list', () => {
  it('answers loopback names, IP addresses, the --host name and configured public names; a rebinding name gets 421 on the API and the app', async ({ startServer }) => {
    const s = await startServer({ access: { publicUrls: ['https://newsroom.example.org'] } });
    const { token } = await s.user('ana', 'reporter');
    const port = s.server.port;
    const auth = { authorization: `Bearer ${token}` };
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `app.localhost:${port}`, `[::1]:${port}`, `192.168.1.20:${port}`, 'newsroom.example.org']) {
      expect((await withHost(s, '/api/articles', host, { headers: auth })).status, host).toBe(200);
    }
    for (const host of [`evil.example:${port}`, 'evil.example', `newsroom.example.org.evil.example:${port}`, `localhost.evil.example:${port}`]) {
      const api = await withHost(s, '/api/articles', host, { headers: auth });
      expect(api.status, host).toBe(421);
      expect(JSON.parse(api.body).error).toContain('--public-url');
      expect((await withHost(s, '/', host)).status, host).toBe(421);
    }
    const rebound = await withHost(s, '/api/session', `evil.example:${port}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://evil.example:${port}` },
      body: JSON.stringify({ username: 'ana', password: 'password1' }),
    });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('token');
  });
});

describe('a page on another origin', () => {
  it('cannot sign in, and its tries neither open a session nor count against anyone', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('ana', 'reporter');
    const evil = { origin: 'http://evil.example' };
    for (let i = 0; i < 10; i++) {
      const response = await signIn(s, 'ana', i === 9 ? 'password1' : `guess${i}`, evil);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await response.text()).not.toContain('token"');
    }
    // A "simple" cross-site POST (text/plain, no preflight) is refused the same way.
    const simple = await s.api('/api/session', { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'password1' }), headers: { ...evil, 'content-type': 'text/plain' } });
    expect(simple.status).toBe(403);
    expect((await s.server.store.listAudit({})).filter((e) => e.action.startsWith('session.'))).toHaveLength(1); // the test's own sign-in
    expect((await signIn(s, 'ana', 'password1')).status).toBe(200);
    // Nor read anything with a token it somehow had.
    expect((await s.api('/api/articles', { token, headers: evil })).status).toBe(403);
  });
});

describe('client addresses', () => {
  it('ignores X-Forwarded-For from a client that is not a trusted proxy', async ({ startServer }) => {
    const s = await startServer();
    await s.user('carol', 'reporter');
    for (let i = 0; i < 31; i++) {
      expect((await signIn(s, `guess${i % 10}`, 'wrong', { 'x-forwarded-for': `10.0.${i}.1` })).status).toBe(401);
    }
    // All 31 counted against the real address, whatever each claimed.
    expect((await signIn(s, 'carol', 'password1', { 'x-forwarded-for': '10.99.99.99' })).status).toBe(429);
    const [latest] = await s.server.store.listAudit({ limit: 1 });
    expect(latest.detail.address).toBe('127.0.0.1');
  });

  it('takes the client from X-Forwarded-For behind a trusted proxy: the nearest hop that is not a proxy', async ({ startServer }) => {
    const s = await startServer({ access: { trustedProxies: ['127.0.0.1', '10.0.0.0/8'] } });
    await s.user('carol', 'reporter');
    // The attacker prepends a made-up address; the proxy appends the real one.
    for (let i = 0; i < 31; i++) {
      expect((await signIn(s, `guess${i % 10}`, 'wrong', { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.66` })).status).toBe(401);
    }
    expect((await signIn(s, 'carol', 'password1', { 'x-forwarded-for': '203.0.113.200, 198.51.100.66' })).status).toBe(429);
    // Someone else behind the same proxy is not slowed down; an inner proxy hop (10.x) is skipped.
    expect((await signIn(s, 'carol', 'password1', { 'x-forwarded-for': '198.51.100.7, 10.1.2.3' })).status).toBe(200);
    const [created] = await s.server.store.listAudit({ limit: 1 });
    expect(created).toMatchObject({ action: 'session.create', detail: { address: '198.51.100.7' } });
  });
});
