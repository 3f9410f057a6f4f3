// "Saved" means stored: confirmations follow durable writes, survive SIGKILL, are withheld
// while storage fails, and the log is compacted and flushed on unload and SIGTERM.
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import { headlineText, standfirstText } from '../../model/article-schema.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { flakyStore } from '../support/flaky-store.ts';
import { runCli } from '../support/server-process.ts';

const storedText = async (store: { loadDocument(id: string): Promise<{ snapshot: Uint8Array | null; updates: Uint8Array[] }> }, id: string) => {
  const stored = await store.loadDocument(id);
  const doc = new Y.Doc();
  applyStored(doc, stored);
  return { headline: headlineText(doc).toString(), standfirst: standfirstText(doc).toString() };
};

describe('saved confirmations', () => {
  it('arrive only once the store holds the change', async ({ server, connect }) => {
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const client = connect(server.wsUrl, id, ana.token, { track: true });
    await client.synced;
    const seen: string[] = [];
    client.tracker!.subscribe((state) => {
      // At every confirmation, what the client had then must already be in the store.
      if (state.unsaved === 0) seen.push(headlineText(client.doc).toString());
    });
    for (const word of ['Rates', ' rise', ' again']) {
      headlineText(client.doc).insert(headlineText(client.doc).length, word);
      await client.tracker!.whenSaved();
      const { headline } = await storedText(server.server.store, id);
      expect(headline).toBe(headlineText(client.doc).toString());
    }
    expect(seen.at(-1)).toBe('Rates rise again');
    expect(client.tracker!.state).toMatchObject({ unsaved: 0, readOnly: false });
  });

  it('are withheld while storage fails; the story stays in memory and the error is loud', async ({ tempDir, startServer, connect }) => {
    const dataDir = await tempDir('newsroom-flaky-');
    const { store, controls } = flakyStore(await SqliteStore.open(dataDir));
    const server = await startServer({ dataDir, store, rooms: { retryMs: 20, maxRetryMs: 50, unloadRetryMs: 50 } });
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const writer = connect(server.wsUrl, id, ana.token, { track: true });
    await writer.synced;

    controls.failing = true;
    headlineText(writer.doc).insert(0, 'Held in memory');
    await waitFor(() => controls.failedWrites >= 3, 'several failed writes');
    expect(writer.tracker!.state.unsaved).toBe(1);
    expect(server.logger.matching('STORAGE WRITE FAILED').length).toBeGreaterThan(0);

    // Others still get the change live, and the room stays loaded after its last client leaves.
    const reader = connect(server.wsUrl, id, ana.token);
    await reader.synced;
    expect(headlineText(reader.doc).toString()).toBe('Held in memory');
    writer.destroy();
    reader.destroy();
    await sleep(200);
    expect(server.server.rooms.get(id)).toBeDefined();

    controls.failing = false;
    await waitFor(() => server.server.rooms.get(id) === undefined, 'the room to store and unload');
    expect((await storedText(store, id)).headline).toBe('Held in memory');
  });
});

describe('crash and shutdown', () => {
  it('keeps everything confirmed when the server is killed with SIGKILL mid-typing', async ({ tempDir, spawnServer, connect }) => {
    const dataDir = await tempDir('newsroom-kill-');
    expect((await runCli(['user', 'add', 'ana', '--role', 'reporter', '--data', dataDir], 'password1\n')).code).toBe(0);
    expect((await runCli(['user', 'add', 'ben', '--role', 'desk', '--data', dataDir], 'password1\n')).code).toBe(0);
    const proc = await spawnServer(['--port', '0', '--data', dataDir]);
    const url = proc.url;
    const signIn = async (username: string) =>
      ((await (await fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ username, password: 'password1' }) })).json()) as { token: string }).token;
    const [anaToken, benToken] = [await signIn('ana'), await signIn('ben')];
    const id = ((await (await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${anaToken}` }, body: '{}' })).json()) as { id: string }).id;
    const wsUrl = url.replace('http', 'ws') + '/collab';

    // Two writers, each appending to its own field; after every change we note the field's text.
    const writers = [
      { client: connect(wsUrl, id, anaToken, { track: true }), field: headlineText, history: [''] },
      { client: connect(wsUrl, id, benToken, { track: true }), field: standfirstText, history: [''] },
    ];
    for (const w of writers) await w.client.synced;
    const confirmedText = (w: (typeof writers)[number]) => w.history[w.client.tracker!.state.changes - w.client.tracker!.state.unsaved];
    const typing = setInterval(() => {
      for (const w of writers) {
        const text = w.field(w.client.doc);
        text.insert(text.length, String.fromCharCode(97 + (text.length % 26)));
        w.history.push(text.toString());
      }
    }, 2);
    await waitFor(() => writers.every((w) => confirmedText(w).length > 50), 'some confirmed typing');
    proc.child.kill('SIGKILL');
    const confirmed = writers.map(confirmedText);
    await proc.exited;
    clearInterval(typing);
    for (const w of writers) w.client.destroy();

    const db = await SqliteStore.open(dataDir);
    const stored = await db.loadDocument(id);
    await db.close();
    const doc = new Y.Doc();
    applyStored(doc, stored);
    writers.forEach((w, i) => {
      const after = w.field(doc).toString();
      expect(after.startsWith(confirmed[i]), `${after.length} chars stored, ${confirmed[i].length} confirmed`).toBe(true);
      expect(w.history.at(-1)!.startsWith(after)).toBe(true);
    });
  });

  it('flushes and compacts every open story on SIGTERM and exits 0', async ({ tempDir, spawnServer, connect }) => {
    const dataDir = await tempDir('newsroom-term-');
    await runCli(['user', 'add', 'ana', '--role', 'reporter', '--data', dataDir], 'password1\n');
    const proc = await spawnServer(['--port', '0', '--data', dataDir]);
    const url = proc.url;
    const token = ((await (await fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ username: 'ana', password: 'password1' }) })).json()) as { token: string }).token;
    const id = ((await (await fetch(`${url}/api/articles`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' })).json()) as { id: string }).id;
    const client = connect(url.replace('http', 'ws') + '/collab', id, token, { track: true });
    await client.synced;
    for (let i = 0; i < 200; i++) headlineText(client.doc).insert(i, 'x');
    await client.tracker!.whenSaved();
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('stopped cleanly');

    const db = await SqliteStore.open(dataDir);
    const size = await db.documentSize(id);
    const stored = await db.loadDocument(id);
    await db.close();
    expect(size.logEntries).toBe(0);
    expect(size.snapshotBytes).toBeGreaterThan(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, stored.snapshot!);
    expect(headlineText(doc).toString()).toBe('x'.repeat(200));
  });
});

describe('compaction and unloading', () => {
  it('folds a growing log into a snapshot while editing, and unloads a story after its last client leaves', async ({ startServer, connect }) => {
    const server = await startServer({ rooms: { compactAfterMs: 50, compactMaxWaitMs: 200 } });
    const ana = await server.user('ana', 'reporter');
    const id = await server.createArticle(ana.token);
    const client = connect(server.wsUrl, id, ana.token, { track: true });
    await client.synced;
    for (let i = 0; i < 300; i++) {
      headlineText(client.doc).insert(i, 'y');
      if (i % 30 === 0) await sleep(5);
    }
    await client.tracker!.whenSaved();
    await waitFor(() => server.server.rooms.get(id) !== undefined, 'room open');
    // Compaction folds the log into a snapshot while the story is open (within its 200 ms max wait; seconds on a loaded machine).
    const compacted = async () => {
      const size = await server.server.store.documentSize(id);
      return size.snapshotBytes > 0 && size.logEntries < 5;
    };
    await expect.poll(compacted, { timeout: 10_000, interval: 50 }).toBe(true);
    expect(server.server.rooms.get(id)).toBeDefined();

    client.destroy();
    await waitFor(() => server.server.rooms.get(id) === undefined, 'the room to unload');
    const after = await server.server.store.documentSize(id);
    expect(after.logEntries).toBe(0);
    expect((await storedText(server.server.store, id)).headline).toBe('y'.repeat(300));
    const list = (await (await server.api('/api/articles', { token: ana.token })).json()) as { id: string; headline: string; updatedBy: string }[];
    expect(list.find((a) => a.id === id)).toMatchObject({ headline: 'y'.repeat(300), updatedBy: ana.id });
  });
});
