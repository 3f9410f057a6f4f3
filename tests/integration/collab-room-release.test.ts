// Rooms with no clients leave memory: once their last client is gone and everything is stored,
// the room map no longer holds them and nothing else does either (the garbage collector frees them).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect } from 'vitest';
import { headlineText } from '../../model/article-schema.ts';
import { waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';

setFlagsFromString('--expose-gc');
/** A full garbage collection (the flag above makes `gc` available in a fresh context). */
const gc = runInNewContext('gc') as () => void;

describe('rooms without clients', () => {
  it('are dropped from the room map after the last client leaves, and their documents are garbage-collected', async ({ startServer, connect }) => {
    const server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await server.createArticle(ana.token));
    const clients = ids.map((id) => connect(server.wsUrl, id, ana.token, { track: true }));
    await Promise.all(clients.map((c) => c.synced));
    clients.forEach((c, i) => headlineText(c.doc).insert(0, `Story ${i}`));
    await Promise.all(clients.map((c) => c.tracker!.whenSaved()));
    await waitFor(() => ids.every((id) => server.server.rooms.get(id) !== undefined), 'every room open');
    // Only weak references from here on: the test itself must not keep a room alive.
    const rooms = ids.map((id) => new WeakRef(server.server.rooms.get(id)!));
    const docs = rooms.map((room) => new WeakRef(room.deref()!.doc));
    expect(server.server.rooms.size).toBe(5);

    for (const client of clients) client.destroy();
    await waitFor(() => server.server.rooms.size === 0, 'every room to unload', 10_000);
    await expect
      .poll(
        () => {
          gc();
          return [...rooms, ...docs].filter((ref) => ref.deref() !== undefined).length;
        },
        { timeout: 10_000, interval: 100 },
      )
      .toBe(0);
  });
});
