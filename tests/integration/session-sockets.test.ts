// Sockets end with their session, and the app's socket URL carries a ticket, not the session
// token: sign-out, expiry, a user's sessions ended, a session deleted elsewhere; tickets for one
// story only, bound to a live session; `?token=` still open for programs.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { headlineText } from '../../model/article-schema.ts';
import { SESSION_ENDED_CLOSE } from '../../server/collab/session-sockets.ts';
import { waitFor } from '../support/clients.ts';
import { openRaw } from '../support/raw-socket.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

/** A ticket for `articleId` asked for with `token`. */
async function ticket(s: TestServer, token: string, articleId: string): Promise<string> {
  const response = await s.api('/api/tickets', { method: 'POST', token, json: { articleId } });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { ticket: string; expiresAt: number };
  expect(body.expiresAt).toBeGreaterThan(Date.now());
  expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + 61_000);
  return body.ticket;
}

/** A stock provider on `articleId` with `params`, destroyed after the test (`defer`), and the close event that ended it (if any). */
function connect(defer: (undo: () => unknown) => void, s: TestServer, articleId: string, params: Record<string, string>) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(s.wsUrl, articleId, doc, { params, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  defer(() => provider.destroy());
  const state = { closed: null as { code: number; reason: string; at: number } | null };
  provider.on('closed', ({ code, reason }) => (state.closed = { code, reason, at: Date.now() }));
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, state, synced };
}

describe('sockets end with their session', () => {
  it('sign-out closes that session’s sockets at once (4401, "signed out"), and not the same user’s other session', async ({ startServer, defer }) => {
    const s = await startServer();
    const ana = await s.user('ana', 'reporter');
    const other = await s.signIn('ana');
    const id = await s.createArticle(ana.token, { headline: 'Signed out' });
    const viaTicket = connect(defer, s, id, { ticket: await ticket(s, ana.token, id) });
    const viaToken = connect(defer, s, id, { token: ana.token });
    const otherSession = connect(defer, s, id, { ticket: await ticket(s, other, id) });
    await Promise.all([viaTicket.synced, viaToken.synced, otherSession.synced]);

    const signedOutAt = Date.now();
    expect((await s.api('/api/session', { method: 'DELETE', token: ana.token })).status).toBe(204);
    await waitFor(() => viaTicket.state.closed !== null && viaToken.state.closed !== null, 'both sockets of the ended session to close', 5000);
    for (const { state } of [viaTicket, viaToken]) {
      expect(state.closed!.code).toBe(SESSION_ENDED_CLOSE);
      expect(state.closed!.reason).toBe('session signed out: sign in again');
      console.log(`[sessions] closed ${state.closed!.at - signedOutAt} ms after sign-out`);
    }
    // The stock provider takes 4401 as final: it does not knock again.
    expect(viaTicket.provider.shouldConnect).toBe(false);
    expect(s.logger.matching('session signed out')).toHaveLength(1);

    // The other session keeps editing.
    headlineText(otherSession.doc).insert(0, 'Still ');
    const reader = connect(defer, s, id, { token: other });
    await reader.synced;
    await waitFor(() => headlineText(reader.doc).toString() === 'Still Signed out', 'the other session’s edit to arrive');
    expect(otherSession.state.closed).toBeNull();
  });

  it('an expired session’s socket closes at the next re-check', async ({ startServer, defer }) => {
    const s = await startServer({ accounts: { sessionTtlMs: 3000 }, sessionRecheckMs: 200 });
    const ana = await s.user('ana', 'reporter');
    const id = await s.createArticle(ana.token);
    const client = connect(defer, s, id, { ticket: await ticket(s, ana.token, id) });
    await client.synced;
    await waitFor(() => client.state.closed !== null, 'the expired session’s socket to close', 10_000);
    expect(client.state.closed).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session expired: sign in again' });
  });

  it('ending all of a user’s sessions closes every socket of theirs and no one else’s', async ({ startServer, defer }) => {
    const s = await startServer();
    const ana = await s.user('ana', 'reporter');
    const second = await s.signIn('ana');
    const ben = await s.user('ben', 'reporter');
    const id = await s.createArticle(ana.token);
    const anas = [connect(defer, s, id, { token: ana.token }), connect(defer, s, id, { ticket: await ticket(s, second, id) })];
    const bens = connect(defer, s, id, { token: ben.token });
    await Promise.all([...anas, bens].map((c) => c.synced));

    expect(await s.server.accounts.endSessionsOf(ana.id, 'account disabled')).toBe(2);
    await waitFor(() => anas.every((c) => c.state.closed !== null), 'ana’s sockets to close', 5000);
    for (const c of anas) expect(c.state.closed).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session account disabled: sign in again' });
    expect((await s.api('/api/session', { token: second })).status).toBe(401);
    expect(bens.state.closed).toBeNull();
    expect(bens.provider.wsconnected).toBe(true);
  });

  it('a new password ends the user’s sessions and closes their sockets', async ({ startServer, defer }) => {
    const s = await startServer();
    const ana = await s.user('ana', 'reporter');
    const id = await s.createArticle(ana.token);
    const client = connect(defer, s, id, { ticket: await ticket(s, ana.token, id) });
    await client.synced;
    await s.server.accounts.resetPassword('ana', 'a brand new secret');
    await waitFor(() => client.state.closed !== null, 'the socket to close', 5000);
    expect(client.state.closed).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session password changed: sign in again' });
    expect(await s.signIn('ana', 'a brand new secret')).toEqual(expect.any(String));
  });

  it('a session deleted behind this instance’s back (another instance, the CLI) closes its sockets at the next re-check', async ({ startServer, defer }) => {
    const s = await startServer({ sessionRecheckMs: 300 });
    const ana = await s.user('ana', 'reporter');
    const id = await s.createArticle(ana.token);
    const client = connect(defer, s, id, { ticket: await ticket(s, ana.token, id) });
    await client.synced;
    await s.server.store.deleteUserSessions(ana.id);
    await waitFor(() => client.state.closed !== null, 'the socket to close', 10_000);
    expect(client.state.closed).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session ended: sign in again' });
  });
});

describe('tickets', () => {
  it('open the socket of their own story only, and need a session to be asked for', async ({ startServer }) => {
    const s = await startServer();
    const ana = await s.user('ana', 'reporter');
    const first = await s.createArticle(ana.token);
    const second = await s.createArticle(ana.token);
    const forFirst = await ticket(s, ana.token, first);
    expect(forFirst).not.toContain(ana.token);

    const ok = await openRaw(`${s.wsUrl}/${first}?ticket=${encodeURIComponent(forFirst)}`);
    expect(ok.status).toBe(101);
    ok.ws?.close();
    expect((await openRaw(`${s.wsUrl}/${second}?ticket=${encodeURIComponent(forFirst)}`)).status).toBe(401);
    const [payload, mac] = forFirst.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), a: second })).toString('base64url');
    expect((await openRaw(`${s.wsUrl}/${second}?ticket=${forged}.${mac}`)).status).toBe(401);
    expect((await openRaw(`${s.wsUrl}/${first}?ticket=nonsense`)).status).toBe(401);
    // A ticket is not a token anywhere else.
    expect((await s.api('/api/articles', { token: forFirst })).status).toBe(401);

    expect((await s.api('/api/tickets', { method: 'POST', json: { articleId: first } })).status).toBe(401);
    expect((await s.api('/api/tickets', { method: 'POST', token: ana.token, json: {} })).status).toBe(400);
    expect((await s.api('/api/tickets', { method: 'POST', token: ana.token, json: { articleId: 'x'.repeat(201) } })).status).toBe(400);
  });

  it('stop opening sockets when their session ends', async ({ startServer }) => {
    const s = await startServer();
    const ana = await s.user('ana', 'reporter');
    const id = await s.createArticle(ana.token);
    const issued = await ticket(s, ana.token, id);
    await s.api('/api/session', { method: 'DELETE', token: ana.token });
    expect((await openRaw(`${s.wsUrl}/${id}?ticket=${encodeURIComponent(issued)}`)).status).toBe(401);
  });

  it('leave `?token=SESSION_TOKEN` working for programs, as DESIGN.md promises', async ({ startServer, defer }) => {
    const s = await startServer();
    const ana = await s.user('ana', 'reporter');
    const id = await s.createArticle(ana.token, { headline: 'For programs' });
    const program = connect(defer, s, id, { token: ana.token });
    await program.synced;
    expect(headlineText(program.doc).toString()).toBe('For programs');
  });
});

describe('Host and Origin of an upgrade', () => {
  it('refuses a DNS-rebinding Host (421) and a page on another origin (403); takes programs, the app’s origins and the server’s own', async ({ startServer }) => {
    const s = await startServer({ access: { publicUrls: ['https://newsroom.example.org'] } });
    const ana = await s.user('ana', 'reporter');
    const id = await s.createArticle(ana.token);
    const url = `${s.wsUrl}/${id}?token=${ana.token}`;
    const open = async (headers: Record<string, string>) => {
      const { status, ws } = await new Promise<{ status: number; ws: WebSocket | null }>((resolve, reject) => {
        const ws = new WebSocket(url, { headers });
        ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, ws: null }));
        ws.on('open', () => resolve({ status: 101, ws }));
        ws.on('error', reject);
      });
      ws?.close();
      return status;
    };
    const port = s.server.port;
    expect(await open({ host: `evil.example:${port}` })).toBe(421);
    expect(await open({ origin: 'http://evil.example' })).toBe(403);
    expect(await open({ origin: 'null' })).toBe(403);
    expect(await open({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` })).toBe(421);
    expect(await open({})).toBe(101);
    expect(await open({ origin: 'app://newsroom' })).toBe(101);
    expect(await open({ origin: s.url })).toBe(101);
    expect(await open({ host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe(101);
    expect(await open({ host: 'newsroom.example.org', origin: 'https://newsroom.example.org' })).toBe(101);
    expect(s.logger.matching('refusing requests for Host evil.example')).toHaveLength(1);
  });
});
