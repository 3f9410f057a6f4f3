// Sessions across instances: a sign-out on one instance ends the session's sockets on another
// (at its next re-check), a ticket from one opens a socket on another (the signing key is in the
// shared store), and failed sign-ins are counted by all instances together (in Redis).
import { Redis } from 'ioredis';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { LEDGER_PREFIX } from '../../server/auth/redis-ledger.ts';
import { SESSION_ENDED_CLOSE } from '../../server/collab/session-sockets.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import type { TestServer } from '../support/test-server.ts';

async function ticket(s: TestServer, token: string, articleId: string): Promise<string> {
  const response = await s.api('/api/tickets', { method: 'POST', token, json: { articleId } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { ticket: string }).ticket;
}

/** A stock provider on `s` with `params` (a ticket), destroyed after the test (`defer`), and the close it got. */
function connect(defer: (undo: () => unknown) => void, s: TestServer, articleId: string, params: Record<string, string>) {
  const provider = new WebsocketProvider(s.wsUrl, articleId, new Y.Doc(), { params, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
  defer(() => provider.destroy());
  const state = { closed: null as { code: number; reason: string; at: number } | null };
  provider.on('closed', ({ code, reason }) => (state.closed = { code, reason, at: Date.now() }));
  return { provider, state, synced: new Promise<void>((resolve) => provider.once('sync', () => resolve())) };
}

const signIn = (s: TestServer, username: string, password: string, device?: string) =>
  s.api('/api/session', { method: 'POST', json: { username, password, device } });

describe('sessions across instances', () => {
  it('a ticket from one instance opens a socket on another, and a sign-out on one ends the socket on the other within seconds', async ({ startDeployment, redisUrl, defer }) => {
    const deployment = await startDeployment([redisUrl, redisUrl]);
    const [a, b] = deployment.instances;
    const ana = await a.user('ana', 'reporter');
    const id = await a.createArticle(ana.token);
    const onB = connect(defer, b, id, { ticket: await ticket(a, ana.token, id) });
    await onB.synced;

    const signedOutAt = Date.now();
    expect((await a.api('/api/session', { method: 'DELETE', token: ana.token })).status).toBe(204);
    // B learns of it at its next re-check (every 4 s by default).
    await waitFor(() => onB.state.closed !== null, 'the socket on the other instance to close', 15_000);
    expect(onB.state.closed).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session ended: sign in again' });
    console.log(`[scale-out] socket on the other instance closed ${onB.state.closed!.at - signedOutAt} ms after sign-out`);
  });

  it('counts failed sign-ins across instances, and the owner’s device from one instance gets in on another', async ({ startDeployment, redisUrl }) => {
    const deployment = await startDeployment([redisUrl, redisUrl]);
    const [a, b] = deployment.instances;
    await a.user('ed', 'editor');
    const device = ((await (await signIn(b, 'ed', 'password1')).json()) as { deviceToken: string }).deviceToken;
    // Three wrong on each instance: six in all, so the next attempt waits, wherever it is made.
    for (const instance of [a, b, a, b, a, b]) expect((await signIn(instance, 'ed', 'wrong')).status).toBe(401);
    expect((await signIn(a, 'ed', 'password1')).status).toBe(429);
    expect((await signIn(b, 'ed', 'password1')).status).toBe(429);
    expect((await signIn(a, 'ed', 'password1', device)).status).toBe(200);
    // The counts outlive the test in the shared Redis (an hour): take this test's back out.
    const redis = new Redis(redisUrl);
    await redis.del(`${LEDGER_PREFIX}user:ed`, `${LEDGER_PREFIX}addr:127.0.0.1`);
    redis.disconnect();
  });
});
