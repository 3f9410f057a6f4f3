// Who may open a story's websocket, and what a viewer's connection may do.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { waitFor } from '../support/clients.ts';
import { openRaw } from '../support/raw-socket.ts';
import { it } from '../support/fixtures.ts';

describe('websocket admission', () => {
  it('refuses a missing or unknown token with 401 and an unknown story with 404', async ({ server }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    expect((await openRaw(`${server.wsUrl}/${id}`)).status).toBe(401);
    expect((await openRaw(`${server.wsUrl}/${id}?token=nonsense`)).status).toBe(401);
    expect((await openRaw(`${server.wsUrl}/00000000-0000-4000-8000-000000000000?token=${ana.token}`)).status).toBe(404);
    expect((await openRaw(`${server.wsUrl}/%E0%A4%A?token=${ana.token}`)).status).toBe(404);
    expect((await openRaw(server.url.replace('http', 'ws') + `/elsewhere/${id}?token=${ana.token}`)).status).toBe(404);
    const ok = await openRaw(`${server.wsUrl}/${id}?token=${ana.token}`);
    expect(ok.status).toBe(101);
    ok.ws?.close();
  });

  it('refuses an expired token and one whose session was signed out', async ({ startServer }) => {
    const server = await startServer({ accounts: { sessionTtlMs: 2000 } });
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    // Refused once the session has expired (two seconds after sign-in), within seconds.
    await expect.poll(async () => (await openRaw(`${server.wsUrl}/${id}?token=${ana.token}`)).status, { timeout: 10_000, interval: 100 }).toBe(401);

    const fresh = await server.signIn('ana');
    expect((await server.api('/api/session', { method: 'DELETE', token: fresh })).status).toBe(204);
    expect((await openRaw(`${server.wsUrl}/${id}?token=${fresh}`)).status).toBe(401);
  });
});

describe('viewer connections', () => {
  it('get the story but none of their changes is applied, stored or relayed', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const vic = await server.user('vic', 'viewer');
    const id = await server.createArticle(ana.token, { headline: 'Original' });

    const reporter = connect(server.wsUrl, id, ana.token);
    const viewer = connect(server.wsUrl, id, vic.token, { track: true });
    await Promise.all([reporter.synced, viewer.synced]);
    expect(headlineText(viewer.doc).toString()).toBe('Original');

    headlineText(viewer.doc).insert(0, 'Hacked ');
    // A hand-made update message too, in case a client skips its own provider.
    const foreign = new Y.Doc();
    Y.applyUpdate(foreign, Y.encodeStateAsUpdate(viewer.doc));
    headlineText(foreign).insert(0, 'Again ');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(foreign, Y.encodeStateVector(viewer.doc)));
    viewer.provider.ws!.send(encoding.toUint8Array(encoder));

    await waitFor(() => viewer.tracker!.state.readOnly, 'the read-only notice');
    headlineText(reporter.doc).insert(8, '!');
    await waitFor(() => headlineText(viewer.doc).toString().includes('!'), 'the reporter edit to reach the viewer');
    expect(headlineText(reporter.doc).toString()).toBe('Original!');
    expect(viewer.tracker!.state.unsaved).toBeGreaterThan(0);

    reporter.destroy();
    viewer.destroy();
    server = await server.restart();
    const again = connect(server.wsUrl, id, await server.signIn('ana'));
    await again.synced;
    expect(headlineText(again.doc).toString()).toBe('Original!');
  });
});
