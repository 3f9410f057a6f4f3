// A client that stops answering pings (a laptop lid closed mid-session) is dropped, and its
// presence goes with it; a client that answers stays.
import { describe, expect } from 'vitest';
import WebSocket from 'ws';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

describe('dead sockets', () => {
  it('are found by ping/pong and closed; live ones are kept', async ({ startServer, connect }) => {
    const server = await startServer({ collab: { pingIntervalMs: 100 } });
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const live = connect(server.wsUrl, id, ana.token);
    await live.synced;
    // The live client's own socket: it must answer pings and never be closed (not even closed and reconnected).
    const liveSocket = live.provider.ws as unknown as WebSocket;
    let livePings = 0;
    let liveClosed = false;
    liveSocket.on('ping', () => livePings++);
    liveSocket.once('close', () => (liveClosed = true));

    const silent = new WebSocket(`${server.wsUrl}/${id}?token=${ana.token}`, { autoPong: false });
    await new Promise((resolve) => silent.once('open', resolve));
    await waitFor(() => server.server.rooms.get(id)?.connections.size === 2, 'both connections to join');
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));

    expect(await closed).toBe(1006); // terminated, not a polite close: it was not listening
    expect(server.logger.matching('stopped answering pings').length).toBeGreaterThan(0);
    await waitFor(() => server.server.rooms.get(id)?.connections.size === 1, 'the dead connection to leave the room');
    // Kept: three more pings answered after the dead one went, on the same socket, still in the room.
    const pingsThen = livePings;
    await waitFor(() => livePings >= pingsThen + 3, 'three more pings to the live client');
    expect(liveClosed).toBe(false);
    expect(live.provider.ws).toBe(liveSocket);
    expect(server.server.rooms.get(id)?.connections.size).toBe(1);
    expect(server.logger.matching('stopped answering pings').length).toBe(1);
  });
});
