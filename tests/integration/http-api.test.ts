// The HTTP contract end to end against a real server on port 0: sign-in and its refusals,
// sign-in delays and device tokens, sessions and expiry, auth on every endpoint, stories, exports, routing
// errors, and malformed requests that must never take the server down or produce a 500.
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { describe, expect } from 'vitest';
import { MAX_JSON_BYTES } from '../../server/http/json-body.ts';
import type { TestServer } from '../support/test-server.ts';
import { it } from '../support/fixtures.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const signInResponse = (s: TestServer, body: unknown) => s.api('/api/session', { method: 'POST', json: body });

/** Asserts `response` is a JSON `{error: non-empty string}` with `status`; returns the message. */
async function expectError(response: Response, status: number): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(0);
  return body.error as string;
}

interface RawResponse {
  /** The HTTP status, or 0 when no status line arrived before the socket closed or the timeout. */
  status: number;
  head: string;
  body: string;
  /** How the exchange ended. */
  ended: 'complete' | 'closed' | 'reset' | 'timeout';
}

function parseRaw(data: string): { status: number; head: string; body: string; complete: boolean } {
  const end = data.indexOf('\r\n\r\n');
  const statusMatch = /^HTTP\/1\.[01] (\d{3})/.exec(data);
  const status = statusMatch ? Number(statusMatch[1]) : 0;
  if (end < 0) return { status, head: data, body: '', complete: false };
  const head = data.slice(0, end);
  const body = data.slice(end + 4);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  let complete: boolean;
  if (status === 204 || status === 304) complete = true;
  else if (length) complete = Buffer.byteLength(body) >= Number(length[1]);
  else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) complete = /(^|\r\n)0\r\n\r\n$/.test(body);
  else complete = false;
  return { status, head, body, complete };
}

/**
 * Sends `request` as raw bytes on a fresh connection and reads one response. Resolves (never
 * rejects) when the response is complete, the socket closes or resets, or after `timeoutMs`.
 */
function rawRequest(port: number, request: string | Buffer | (string | Buffer)[], timeoutMs = 3000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let done = false;
    const finish = (ended: RawResponse['ended']) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const { status, head, body } = parseRaw(data);
      resolve({ status, head, body, ended });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('connect', () => {
      for (const part of Array.isArray(request) ? request : [request]) socket.write(part);
    });
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (parseRaw(data).complete) finish('complete');
    });
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish('closed'));
  });
}

/** Writes `parts` on a fresh connection and reads everything until the server ends it (or `timeoutMs`). */
function exchange(port: number, parts: (string | Buffer)[], timeoutMs = 5000): Promise<{ data: string; ended: 'closed' | 'reset' | 'timeout' }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const finish = (ended: 'closed' | 'reset' | 'timeout') => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ data, ended });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('connect', () => parts.forEach((part) => socket.write(part)));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => finish('reset'));
    socket.on('close', () => finish('closed'));
  });
}

/** The statuses of every response in `data`, in order. */
const statusLines = (data: string) => [...data.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));

describe('POST /api/session (sign in)', () => {
  it('returns a token and the user, and never the password hash', async ({ startServer }) => {
    const s = await startServer();
    await s.server.accounts.addUser({ username: 'alice', role: 'editor', password: 'correct horse', displayName: 'Alice A' });
    const response = await signInResponse(s, { username: 'alice', password: 'correct horse' });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/passwordHash/i);
    expect(text).not.toContain('scrypt$');
    const body = JSON.parse(text) as { token: string; user: Record<string, unknown> };
    expect(typeof body.token).toBe('string');
    expect(body.token.length).toBeGreaterThanOrEqual(20);
    expect(body.user).toMatchObject({ username: 'alice', role: 'editor', displayName: 'Alice A' });
    expect(body.user.id).toEqual(expect.any(String));
    expect(Object.keys(body.user)).not.toContain('passwordHash');

    // The token works, and GET /api/session tells who it stands for (again without the hash).
    const me = await s.api('/api/session', { token: body.token });
    expect(me.status).toBe(200);
    const meText = await me.text();
    expect(meText).not.toMatch(/passwordHash|scrypt\$/);
    expect((JSON.parse(meText) as { user: unknown }).user).toMatchObject({ id: body.user.id, username: 'alice', role: 'editor' });
  });

  it('refuses a wrong password and an unknown user with 401 {error}', async ({ startServer }) => {
    const s = await startServer();
    await s.user('alice', 'reporter');
    const wrong = await expectError(await signInResponse(s, { username: 'alice', password: 'password2' }), 401);
    const unknown = await expectError(await signInResponse(s, { username: 'nobody', password: 'password1' }), 401);
    // The same message either way, so a caller cannot tell which usernames exist.
    expect(unknown).toBe(wrong);
  });

  it.for([
    ['an empty object', '{}'],
    ['a missing password', JSON.stringify({ username: 'alice' })],
    ['a missing username', JSON.stringify({ password: 'password1' })],
    ['a numeric username', JSON.stringify({ username: 42, password: 'password1' })],
    ['a numeric password', JSON.stringify({ username: 'alice', password: 12345678 })],
    ['an array username', JSON.stringify({ username: ['alice'], password: 'password1' })],
    ['an array password', JSON.stringify({ username: 'alice', password: ['password1'] })],
    ['an object password', JSON.stringify({ username: 'alice', password: { $ne: '' } })],
    ['a body that is not JSON', 'username=alice&password=password1'],
    ['truncated JSON', '{"username":"alice","password":'],
    ['a JSON array', JSON.stringify([{ username: 'alice', password: 'password1' }])],
    ['a JSON string', JSON.stringify('alice')],
    ['JSON null', 'null'],
    ['an empty body', ''],
  ])('refuses %s with 400 {error}', async ([, body], { startServer }) => {
    const s = await startServer();
    await s.user('alice', 'reporter');
    const response = await s.api('/api/session', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    await expectError(response, 400);
  });

  it('refuses a body over 1 MiB with 413', async ({ startServer }) => {
    const s = await startServer();
    await s.user('alice', 'reporter');
    const body = JSON.stringify({ username: 'alice', password: 'x'.repeat(MAX_JSON_BYTES) });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    await expectError(await s.api('/api/session', { method: 'POST', body, headers: { 'content-type': 'application/json' } }), 413);
    // A body just under the limit is read (and is then a plain wrong password).
    const fits = JSON.stringify({ username: 'alice', password: 'x'.repeat(MAX_JSON_BYTES - 100) });
    expect(Buffer.byteLength(fits)).toBeLessThanOrEqual(MAX_JSON_BYTES);
    await expectError(await s.api('/api/session', { method: 'POST', body: fits, headers: { 'content-type': 'application/json' } }), 401);
  });

  it('refuses a streamed (chunked) body over 1 MiB with 413 too', async ({ startServer }) => {
    const s = await startServer();
    const head = 'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n';
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunks: (string | Buffer)[] = [head];
    for (let i = 0; i < 5; i++) chunks.push(`${chunk.length.toString(16)}\r\n`, chunk, '\r\n');
    chunks.push('0\r\n\r\n');
    const response = await rawRequest(s.server.port, chunks);
    expect(response.status).toBe(413);
  });
});

describe('sign-in delays', () => {
  const deviceOf = async (s: TestServer, username: string) => {
    const response = await signInResponse(s, { username, password: 'password1' });
    expect(response.status).toBe(200);
    return ((await response.json()) as { deviceToken: string }).deviceToken;
  };

  it('slows a username down after 5 wrong passwords (429, Retry-After), for a second, not a lockout; other names are untouched', async ({ startServer }) => {
    const s = await startServer();
    await s.user('alice', 'reporter');
    await s.user('bob', 'reporter');
    for (let i = 0; i < 6; i++) await expectError(await signInResponse(s, { username: 'alice', password: `wrong${i}` }), 401);

    const slowed = await signInResponse(s, { username: 'alice', password: 'password1' });
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toBe('1');
    expect(await expectError(slowed, 429)).toMatch(/try again in 1 s/);
    // The name is the key, whatever its case.
    expect((await signInResponse(s, { username: 'ALICE', password: 'password1' })).status).toBe(429);
    // Same address, another username: unaffected.
    expect((await signInResponse(s, { username: 'bob', password: 'password1' })).status).toBe(200);
    // The wait is over in a second: the right password gets in.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await signInResponse(s, { username: 'alice', password: 'password1' })).status).toBe(200);
  });

  it('lets the owner in at once with the device token of an earlier sign-in, however many wrong passwords others sent', async ({ startServer }) => {
    const s = await startServer();
    await s.user('alice', 'reporter');
    const device = await deviceOf(s, 'alice');
    expect(device).toMatch(/^[\w-]+\.[\w-]+$/);
    for (let i = 0; i < 12; i++) {
      const status = (await signInResponse(s, { username: 'alice', password: `wrong${i}` })).status;
      expect([401, 429]).toContain(status);
    }
    expect((await signInResponse(s, { username: 'alice', password: 'password1' })).status).toBe(429);
    const owner = await signInResponse(s, { username: 'alice', password: 'password1', device });
    expect(owner.status).toBe(200);
    // The same token comes back: the device keeps its identity.
    expect(((await owner.json()) as { deviceToken: string }).deviceToken).toBe(device);
    // A device token is for its own username only, and a forged one counts as none.
    await s.user('bob', 'reporter');
    expect((await signInResponse(s, { username: 'alice', password: 'password1', device: `${device.split('.')[0]}.forged` })).status).toBe(429);
    const bobDevice = await deviceOf(s, 'bob');
    expect((await signInResponse(s, { username: 'alice', password: 'password1', device: bobDevice })).status).toBe(429);
  });

  it('slows an address down after 30 failures across usernames; a known device from it still gets in', async ({ startServer }) => {
    const s = await startServer();
    await s.user('carol', 'reporter');
    const device = await deviceOf(s, 'carol');
    // 10 usernames x 3 failures, and one more: no username reaches its own limit.
    for (let n = 0; n < 10; n++) {
      for (let i = 0; i < 3; i++) expect((await signInResponse(s, { username: `guess${n}`, password: `wrong${i}` })).status).toBe(401);
    }
    expect((await signInResponse(s, { username: 'guess10', password: 'wrong' })).status).toBe(401);
    const slowed = await signInResponse(s, { username: 'carol', password: 'password1' });
    expect(slowed.status).toBe(429);
    expect(slowed.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await signInResponse(s, { username: 'carol', password: 'password1', device })).status).toBe(200);
  });

  it('counts concurrent wrong guesses too: a burst of 20 gets at most 6 verdicts', async ({ startServer }) => {
    const s = await startServer();
    await s.user('alice', 'reporter');
    const statuses = (
      await Promise.all(Array.from({ length: 20 }, (_, i) => signInResponse(s, { username: 'alice', password: `guess${i}` })))
    ).map((r) => r.status);
    // Every attempt that got a verdict (401) was a password guess; past the free ones it must be 429.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(14);
  });

  it('keeps counting (on this instance) and says so once when the Redis for shared counts is unreachable', async ({ startServer }) => {
    const s = await startServer({ redisUrl: 'redis://127.0.0.1:9' });
    await s.user('alice', 'reporter');
    for (let i = 0; i < 6; i++) expect((await signInResponse(s, { username: 'alice', password: `wrong${i}` })).status).toBe(401);
    expect((await signInResponse(s, { username: 'alice', password: 'password1' })).status).toBe(429);
    expect(s.logger.matching('sign-in counters: Redis unreachable')).toHaveLength(1);
  });

  it('keeps a failed sign-in’s username in the audit cut to 64 characters', async ({ startServer }) => {
    const s = await startServer();
    const long = 'x'.repeat(500_000);
    await expectError(await signInResponse(s, { username: long, password: 'wrong' }), 401);
    const [refused] = await s.server.store.listAudit({ limit: 1 });
    expect(refused.action).toBe('session.refused');
    expect(refused.detail.username).toBe(`${'x'.repeat(64)}…`);
  });
});

describe('sessions', () => {
  it('GET /api/session gives the user; DELETE ends only that session', async ({ startServer }) => {
    const s = await startServer();
    const { token, id } = await s.user('alice', 'desk');
    const other = await s.signIn('alice');

    const me = await s.api('/api/session', { token });
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: { id: string; username: string; role: string }; expiresAt: number };
    expect(body.user).toMatchObject({ id, username: 'alice', role: 'desk' });
    expect(body.expiresAt).toBeGreaterThan(Date.now());

    const out = await s.api('/api/session', { method: 'DELETE', token });
    expect(out.status).toBe(204);
    expect(await out.text()).toBe('');
    const after = await s.api('/api/articles', { token });
    await expectError(after, 401);
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer/i);
    // Signing out twice is a 401 too, and the other session of the same user still works.
    expect((await s.api('/api/session', { method: 'DELETE', token })).status).toBe(401);
    expect((await s.api('/api/articles', { token: other })).status).toBe(200);
  });

  it('refuses a token once its session has expired', async ({ startServer }) => {
    // Two seconds: long enough to be used at once on a loaded machine; then refused within seconds of expiring.
    const s = await startServer({ accounts: { sessionTtlMs: 2000 } });
    const { token } = await s.user('alice', 'reporter');
    expect((await s.api('/api/articles', { token })).status).toBe(200);
    await expect.poll(async () => (await s.api('/api/articles', { token })).status, { timeout: 10_000, interval: 100 }).toBe(401);
    await expectError(await s.api('/api/articles', { token }), 401);
    await expectError(await s.api('/api/session', { token }), 401);
    // A fresh sign-in works again.
    const fresh = await s.signIn('alice');
    expect((await s.api('/api/articles', { token: fresh })).status).toBe(200);
  });

  const protectedEndpoints: [string, string][] = [
    ['GET', '/api/session'],
    ['DELETE', '/api/session'],
    ['GET', '/api/articles'],
    ['POST', '/api/articles'],
    ['GET', '/api/articles/ID'],
    ['GET', '/api/articles/ID/export?format=text'],
    ['GET', '/api/articles/ID/revisions'],
    ['POST', '/api/articles/ID/revisions'],
    ['POST', '/api/articles/ID/revisions/1/submit'],
    ['POST', '/api/articles/ID/revisions/1/approve'],
    ['POST', '/api/articles/ID/revisions/1/reject'],
    ['POST', '/api/articles/ID/revisions/1/restore'],
    ['GET', '/api/articles/ID/diff?from=1&to=live'],
  ];

  it('every endpoint but sign-in refuses a missing, garbage or malformed token with 401 and WWW-Authenticate', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const id = await s.createArticle(token, { headline: 'Secret' });
    for (const [method, rawPath] of protectedEndpoints) {
      const path = rawPath.replace('ID', id);
      const json = method === 'POST' ? { headline: 'x' } : undefined;
      const attempts: [string, Record<string, string>][] = [
        ['no token', {}],
        ['garbage token', { authorization: `Bearer ${'A'.repeat(43)}` }],
        ['another scheme', { authorization: `Basic ${Buffer.from('alice:password1').toString('base64')}` }],
        ['the token without scheme', { authorization: token }],
        ['an empty bearer', { authorization: 'Bearer ' }],
      ];
      for (const [what, headers] of attempts) {
        const response = await s.api(path, { method, headers, json });
        expect(response.status, `${method} ${rawPath} with ${what}`).toBe(401);
        expect(response.headers.get('www-authenticate'), `${method} ${rawPath} with ${what}`).toMatch(/^Bearer/i);
        const body = (await response.json()) as { error?: string };
        expect(body.error, `${method} ${rawPath} with ${what}`).toEqual(expect.any(String));
        expect(JSON.stringify(body)).not.toContain('Secret');
      }
    }
    // Nothing was created by the refused POSTs.
    const list = (await (await s.api('/api/articles', { token })).json()) as unknown[];
    expect(list).toHaveLength(1);
    expect(await s.server.store.listRevisions(id)).toEqual([]);
    expect(await s.server.store.listWorkflowEvents(id)).toEqual([]);
  });
});

describe('articles', () => {
  interface Article {
    id: string;
    headline: string;
    status: string;
    wordCount: number;
    updatedAt: number;
    openBy: unknown[];
  }

  it('POST creates a story (201, UUID id, headline) and GET lists it', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const response = await s.api('/api/articles', { method: 'POST', token, json: { headline: '  Budget day  ' } });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Article;
    expect(created.id).toMatch(UUID);
    expect(created.headline).toBe('Budget day');

    const listResponse = await s.api('/api/articles', { token });
    expect(listResponse.status).toBe(200);
    const list = (await listResponse.json()) as Article[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, status: 'draft', headline: 'Budget day', wordCount: 0, openBy: [] });
    expect(typeof list[0].updatedAt).toBe('number');
    expect(Math.abs(list[0].updatedAt - Date.now())).toBeLessThan(60_000);

    const one = await s.api(`/api/articles/${created.id}`, { token });
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ id: created.id, headline: 'Budget day', status: 'draft', approvedRevision: null });
  });

  it('a story without a headline gets an id and an empty headline', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const response = await s.api('/api/articles', { method: 'POST', token });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Article;
    expect(created.id).toMatch(UUID);
    expect(created.headline).toBe('');
  });

  it('a client-chosen UUID creates once; the same id again is 200 and no duplicate', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const { token: benToken } = await s.user('ben', 'desk');
    const id = randomUUID();
    const first = await s.api('/api/articles', { method: 'POST', token, json: { id, headline: 'Offline story' } });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ id, headline: 'Offline story' });

    const again = await s.api('/api/articles', { method: 'POST', token, json: { id, headline: 'Offline story' } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as Article).id).toBe(id);
    // Even from another user, with another headline: still the one story, unchanged.
    const third = await s.api('/api/articles', { method: 'POST', token: benToken, json: { id, headline: 'Hijack' } });
    expect(third.status).toBe(200);
    expect(((await third.json()) as Article).headline).toBe('Offline story');

    const list = (await (await s.api('/api/articles', { token })).json()) as Article[];
    expect(list.filter((article) => article.id === id)).toHaveLength(1);
    expect(list).toHaveLength(1);
  });

  it.for([
    ['an id that is not a UUID', { id: 'my-story' }],
    ['an id with a UUID inside', { id: `x${randomUUID()}` }],
    ['a numeric id', { id: 12 }],
    ['a numeric headline', { headline: 12 }],
    ['an object headline', { headline: { text: 'x' } }],
    ['an array headline', { headline: ['x'] }],
  ])('refuses %s with 400 and creates nothing', async ([, body], { startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    await expectError(await s.api('/api/articles', { method: 'POST', token, json: body }), 400);
    expect(await (await s.api('/api/articles', { token })).json()).toEqual([]);
  });

  it('a viewer cannot create a story (403) but can read the list', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('vic', 'viewer');
    await expectError(await s.api('/api/articles', { method: 'POST', token, json: { headline: 'Nope' } }), 403);
    await expectError(await s.api('/api/articles', { method: 'POST', token, json: { id: randomUUID() } }), 403);
    const list = await s.api('/api/articles', { token });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([]);
  });

  it('GET /api/articles/:id of an unknown story is 404 {error}', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    await expectError(await s.api(`/api/articles/${randomUUID()}`, { token }), 404);
    await expectError(await s.api('/api/articles/not-a-uuid', { token }), 404);
  });
});

describe('export', () => {
  it('text export carries the headline', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const id = await s.createArticle(token, { headline: 'Budget day' });
    for (const query of ['?format=text', '']) {
      const response = await s.api(`/api/articles/${id}/export${query}`, { token });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toContain('Headline: Budget day');
    }
  });

  it('html export is text/html with the headline escaped', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const id = await s.createArticle(token, { headline: 'Tax <b>cuts</b> & "more"' });
    const response = await s.api(`/api/articles/${id}/export?format=html`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('Tax &lt;b&gt;cuts&lt;/b&gt; &amp; &quot;more&quot;');
    expect(html).not.toContain('<b>');
  });

  it('ninjs export is JSON with the headline', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const id = await s.createArticle(token, { headline: 'Budget day' });
    const response = await s.api(`/api/articles/${id}/export?format=ninjs`, { token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ headline: 'Budget day' });
  });

  it('refuses an unknown format (400), a revision the story lacks (404), rev=approved before any approval (404) and an unknown story (404)', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const id = await s.createArticle(token, { headline: 'Budget day' });
    await expectError(await s.api(`/api/articles/${id}/export?format=pdf`, { token }), 400);
    await expectError(await s.api(`/api/articles/${id}/export?format=text&rev=7`, { token }), 404);
    await expectError(await s.api(`/api/articles/${id}/export?format=text&rev=approved`, { token }), 404);
    expect((await s.api(`/api/articles/${id}/export?format=text&rev=live`, { token })).status).toBe(200);
    await expectError(await s.api(`/api/articles/${randomUUID()}/export?format=text`, { token }), 404);
  });
});

describe('routing', () => {
  it('an unknown path is 404 {error}', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    await expectError(await s.api('/api/nothing-here', { token }), 404);
    await expectError(await s.api('/api', {}), 404);
    await expectError(await s.api('/api/articles/a/b/c', { token }), 404);
  });

  it('a wrong method is 405 with an Allow header', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const put = await s.api('/api/articles', { method: 'PUT', token });
    await expectError(put, 405);
    expect(put.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'POST']);
    const patch = await s.api('/api/session', { method: 'PATCH', token });
    await expectError(patch, 405);
    expect(patch.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['DELETE', 'GET', 'POST']);
    const del = await s.api(`/api/articles/${randomUUID()}`, { method: 'DELETE', token });
    await expectError(del, 405);
    expect(del.headers.get('allow')?.split(/,\s*/).sort()).toEqual(['GET', 'PATCH']);
  });

  it('answers CORS only to the desktop app and configured origins, and refuses other pages’ requests with 403', async ({ startServer }) => {
    const s = await startServer({ access: { allowedOrigins: ['http://localhost:5173'] } });
    const { token } = await s.user('alice', 'reporter');
    const preflight = (origin: string) =>
      s.api('/api/articles', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    for (const origin of ['app://newsroom', 'http://localhost:5173']) {
      const response = await preflight(origin);
      expect(response.status, origin).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const list = await s.api('/api/articles', { token, headers: { origin } });
      expect(list.status).toBe(200);
      expect(list.headers.get('access-control-allow-origin')).toBe(origin);
    }
    const foreign = await preflight('http://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    await expectError(foreign, 403);
    await expectError(await s.api('/api/articles', { token, headers: { origin: 'http://evil.example' } }), 403);
    await expectError(await s.api('/api/articles', { token, headers: { origin: 'null' } }), 403);
    // Programs send no Origin and get no CORS headers; the served app's own origin is its own.
    const program = await s.api('/api/articles', { token });
    expect(program.status).toBe(200);
    expect(program.headers.get('access-control-allow-origin')).toBeNull();
    expect((await s.api('/api/articles', { token, headers: { origin: s.url } })).status).toBe(200);
  });
});

describe('robustness', () => {
  it('30 malformed requests in parallel get 4xx answers, never a 500, and the server keeps serving', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    const id = await s.createArticle(token, { headline: 'Still here' });
    const port = s.server.port;
    const json = { 'content-type': 'application/json' };
    const post = (path: string, body: string | Buffer, auth = true) =>
      s.api(path, { method: 'POST', body, headers: json, token: auth ? token : undefined }).then((r) => r.status);
    const raw = (text: string) => rawRequest(port, text).then((r) => r.status);
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);

    const requests: Promise<number>[] = [
      post('/api/session', '{"username":', false),
      post('/api/session', '{username: "alice", password: "password1"}', false),
      post('/api/session', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80]), false),
      post('/api/session', JSON.stringify({ username: 5, password: 5 }), false),
      post('/api/session', JSON.stringify({ username: ['alice'], password: ['x'] }), false),
      post('/api/session', '{"__proto__":{"username":"alice"},"password":"password1"}', false),
      post('/api/session', '[]', false),
      post('/api/session', deep, false),
      post('/api/articles', '{"headline":'),
      post('/api/articles', '[1,2,3]'),
      post('/api/articles', 'null'),
      post('/api/articles', JSON.stringify({ id: 7 })),
      post('/api/articles', JSON.stringify({ id: '../../etc/passwd' })),
      post('/api/articles', JSON.stringify({ headline: { toString: 'x' } })),
      post('/api/articles', deep),
      s.api('/api/articles/%E0%A4%A', { token }).then((r) => r.status),
      s.api('/api/articles/%E0%A4%A/export?format=text', { token }).then((r) => r.status),
      s.api('/api/articles/%', { token }).then((r) => r.status),
      s.api(`/api/articles/${id}/export?format=%ZZ&rev=%`, { token }).then((r) => r.status),
      s.api('/api/articles', { headers: { authorization: `Bearer ${'x'.repeat(4000)}` } }).then((r) => r.status),
      raw('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n{}'),
      raw(`POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{`),
      raw('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\nConnection: close\r\n\r\n{}'),
      raw('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 9\r\nConnection: close\r\n\r\n{}'),
      raw('POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'),
      raw('GET /api/articles/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
      raw('GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \x01\x02\r\nConnection: close\r\n\r\n'),
      raw('GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header Name: 1\r\nConnection: close\r\n\r\n'),
      raw('BREW /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
      raw('GET /api/articles HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
    ];
    expect(requests).toHaveLength(30);
    const statuses = await Promise.all(requests);
    statuses.forEach((status, i) => {
      expect(status, `request #${i} got ${status}`).toBeGreaterThanOrEqual(400);
      expect(status, `request #${i} got ${status}`).toBeLessThan(500);
    });
    // Spot checks of the ones with a defined answer.
    expect(statuses[0]).toBe(400);
    expect(statuses[15]).toBe(400);
    expect(statuses[20]).toBe(413);
    expect(statuses[21]).toBe(413);

    const list = await s.api('/api/articles', { token });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { headline: string }[]).map((a) => a.headline)).toEqual(['Still here']);
    expect((await s.api('/api/session', { method: 'POST', json: { username: 'alice', password: 'password1' } })).status).toBe(200);
  });

  it('a request target that is not a valid URL (GET //[) gets a 4xx and the server keeps serving', async ({ startServer }) => {
    const s = await startServer();
    const { token } = await s.user('alice', 'reporter');
    // Node's HTTP parser accepts these request targets; `new URL(target, base)` does not.
    for (const target of ['//[', '//[::1', '//a:99999/']) {
      const response = await rawRequest(s.server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 2000);
      expect(response.status, `GET ${target} (${response.ended})`).toBeGreaterThanOrEqual(400);
      expect(response.status, `GET ${target} (${response.ended})`).toBeLessThan(500);
    }
    expect((await s.api('/api/articles', { token })).status).toBe(200);
  });

  it('after a 413 on a streamed body it stopped reading, says Connection: close and ends the connection: a request in the unread rest is never answered', async ({ startServer }) => {
    const s = await startServer();
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const chunked = Array.from({ length: 5 }, () => Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]));
    const { data, ended } = await exchange(s.server.port, [
      'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      ...chunked,
      '0\r\n\r\n',
      'GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    ]);
    expect(ended, 'the server ends the connection').not.toBe('timeout');
    expect(statusLines(data)).toEqual([413]);
    expect(parseRaw(data).head).toMatch(/\r\nconnection:\s*close/i);
  });

  it('after an error on a body it read whole, keeps the connection alive and answers the next request on it', async ({ startServer }) => {
    const s = await startServer();
    const { data } = await exchange(s.server.port, [
      'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1\r\n\r\n{',
      'GET /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    ]);
    // 400: not JSON; then 401 (no token) on the same connection.
    expect(statusLines(data)).toEqual([400, 401]);
    expect(parseRaw(data).head).not.toMatch(/\r\nconnection:\s*close/i);
  });
});
