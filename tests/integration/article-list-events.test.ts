// GET /api/events against the real server: every signed-in client is told of a story created,
// its summary changed, a workflow step and who has it open, with the (capped) entry; streams are
// bounded per user, beat regularly, end with the session, and one that is not read is closed
// without holding anyone else up.
import { connect } from 'node:net';
import { describe, expect } from 'vitest';
import { headlineText } from '../../model/article-schema.ts';
import { ELLIPSIS, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { sleep, waitFor } from '../support/clients.ts';
import { it } from '../support/fixtures.ts';
import { articleEvent, presenceEvent } from '../support/list-events.ts';
import type { TestServer } from '../support/test-server.ts';

/** A raw connection that asks for the event stream as `token`'s user, then never reads a byte; `closed` once the server ended it. */
async function nonReader(s: TestServer, token: string) {
  const socket = connect(s.server.port, s.server.host);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(`GET /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  const state = { socket, closed: false };
  socket.on('close', () => (state.closed = true));
  socket.on('error', () => undefined);
  await sleep(200);
  socket.pause();
  return state;
}

// Fat entries: each text at its cap in characters that JSON writes as six bytes each (about 8 KB an event).
const FAT = '\u0001'.repeat(LIST_TEXT_MAX);

/** Creates story `id` with a fat entry, straight into the store (two events' worth of writes, told as one). */
async function writeFatArticle(s: TestServer, id: string, by: string): Promise<void> {
  await s.server.store.createArticle({ id, createdBy: by, createdAt: Date.now(), headline: FAT });
  const fields = { headline: FAT, byline: FAT, desk: FAT, slug: FAT, wordCount: 1, assignees: [], deadline: null, targetWords: null, urgency: null, pictureCount: 0, picturesMissingCredit: 0, contentHash: 'fat', updatedAt: Date.now(), updatedBy: by };
  await s.server.store.updateArticleSummary(id, fields, []);
}

describe('the story list event stream', () => {
  it('tells every signed-in client of a story created, its summary, a workflow step and who has it open', async ({ startServer, openStream, connect: connectStock }) => {
    const server = await startServer({ rooms: { summaryAfterMs: 20 } });
    const ana = await server.user('ana', 'reporter');
    const ben = await server.user('ben', 'reporter');
    const vic = await server.user('vic', 'viewer');
    const viewer = await openStream(server.url, vic.token);
    const reporter = await openStream(server.url, ben.token);
    expect(viewer.status).toBe(200);

    const created = await server.api('/api/articles', { method: 'POST', token: ana.token, json: { headline: 'Harbour bridge reopens' } });
    const id = ((await created.json()) as { id: string }).id;
    for (const client of [viewer, reporter]) {
      const event = await client.next(articleEvent(id, (e) => e.reason === 'created'), 'the created event');
      expect(event.article).toMatchObject({ id, headline: 'Harbour bridge reopens', status: 'draft', openBy: [] });
    }

    // Ben opens it: presence; he retitles it: summary; he leaves: presence again.
    let from = viewer.events.length;
    const editor = connectStock(server.wsUrl, id, ben.token);
    await editor.synced;
    const joined = await viewer.next(presenceEvent(id, ['ben']), 'ben in the story', from);
    expect(joined.openBy).toEqual([{ id: ben.id, username: 'ben', displayName: 'ben' }]);
    from = viewer.events.length;
    headlineText(editor.doc).insert(headlineText(editor.doc).length, ' on Monday');
    const summary = await viewer.next(articleEvent(id, (e) => e.reason === 'summary'), 'the summary event', from);
    expect(summary.article).toMatchObject({ headline: 'Harbour bridge reopens on Monday', updatedBy: ben.id, openBy: [{ username: 'ben' }] });
    from = viewer.events.length;
    editor.destroy();
    await viewer.next(presenceEvent(id, []), 'nobody in the story', from);

    // A revision filed for approval: a workflow event, with the entry's new status and last event.
    from = viewer.events.length;
    const saved = await server.api(`/api/articles/${id}/revisions`, { method: 'POST', token: ana.token, json: { note: 'first cut' } });
    const rev = ((await saved.json()) as { number: number }).number;
    await viewer.next(articleEvent(id, (e) => e.reason === 'workflow' && e.article.lastEvent?.action === 'snapshot'), 'the snapshot event', from);
    expect((await server.api(`/api/articles/${id}/revisions/${rev}/submit`, { method: 'POST', token: ana.token, json: {} })).status).toBe(200);
    const submitted = await viewer.next(articleEvent(id, (e) => e.article.status === 'submitted'), 'the submit event', from);
    expect(submitted).toMatchObject({ reason: 'workflow', article: { lastEvent: { action: 'submit', userName: 'ana' } } });
  });

  it('sends capped entries, however big the stored texts', async ({ startServer, openStream }) => {
    const server = await startServer();
    const ana = await server.user('ana', 'reporter');
    const viewer = await openStream(server.url, ana.token);
    const id = await server.createArticle(ana.token, { headline: 'Small' });
    // Changes to one story within a gathering window go out as one event under its first reason:
    // wait for the creation's own event, so that the summary below is news of its own.
    await viewer.next(articleEvent(id, (e) => e.reason === 'created'), 'the created event');
    const from = viewer.events.length;
    const huge = 'H'.repeat(5 * 1024 * 1024);
    await server.server.store.updateArticleSummary(
      id,
      { headline: huge, byline: huge, desk: huge, slug: huge, wordCount: 1, assignees: [], deadline: null, targetWords: null, urgency: null, pictureCount: 0, picturesMissingCredit: 0, contentHash: 'huge', updatedAt: Date.now(), updatedBy: ana.id },
      [],
    );
    const event = await viewer.next(articleEvent(id, (e) => e.reason === 'summary'), 'the summary event', from);
    expect(event.article.headline).toBe('H'.repeat(LIST_TEXT_MAX - 1) + ELLIPSIS);
    expect(viewer.bytes).toBeLessThan(16 * 1024);
  });

  it('opens at most 5 streams per user (429 {error} beyond, logged), frees a slot when one closes, and needs a token', async ({ startServer, openStream }) => {
    const server = await startServer();
    const mallory = await server.user('mallory', 'viewer');
    const ana = await server.user('ana', 'reporter');
    const open = [];
    for (let i = 0; i < 5; i++) open.push(await openStream(server.url, mallory.token));
    expect(open.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const refused = await server.api('/api/events', { token: mallory.token });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: string }).error).toMatch(/at most 5/);
    expect(server.logger.matching('refusing an event stream of mallory')).toHaveLength(1);
    // Someone else is not affected.
    expect((await openStream(server.url, ana.token)).status).toBe(200);

    // The server sees the client go and frees its slot.
    open[0].close();
    let again = await openStream(server.url, mallory.token);
    for (let tries = 0; again.status !== 200 && tries < 50; tries++) {
      await sleep(50);
      again = await openStream(server.url, mallory.token);
    }
    expect(again.status).toBe(200);
    expect((await openStream(server.url, null)).status).toBe(401);
  });

  it('beats while nothing happens, and ends when the session ends', async ({ startServer, openStream }) => {
    const server = await startServer({ events: { heartbeatMs: 100 } });
    const ana = await server.user('ana', 'reporter');
    const watcher = await openStream(server.url, ana.token);
    expect(watcher.events[0]).toEqual({ type: 'ready', heartbeatMs: 100 });
    await waitFor(() => watcher.heartbeats >= 3, 'three heartbeats');
    expect(watcher.isEnded).toBe(false);

    expect((await server.api('/api/session', { method: 'DELETE', token: ana.token })).status).toBeLessThan(300);
    await watcher.ended;
    expect(server.logger.matching('closing the event stream of ana: the session ended')).toHaveLength(1);
  });

  it('closes a stream whose client does not read, while a reading client gets every event', async ({ startServer, openStream }) => {
    const server = await startServer({ events: { maxBufferedBytes: 512 * 1024, laggingBytes: 256 * 1024, laggingMs: 2000 } });
    const mallory = await server.user('mallory', 'viewer');
    const ana = await server.user('ana', 'reporter');
    const reader = await openStream(server.url, ana.token);

    const attacker = await nonReader(server, mallory.token);
    const ids: string[] = [];
    const dropped = () => server.logger.matching('closing the event stream of mallory: it stopped reading').length === 1;
    for (let i = 0; i < 3000 && !dropped(); i++) {
      const id = `fat-${String(i).padStart(4, '0')}`;
      await writeFatArticle(server, id, ana.id);
      ids.push(id);
      if (i % 20 === 19) await sleep(15); // let the events go out, and the reader read them (the machine may be busy)
    }
    await waitFor(dropped, 'the server to close the stream nobody reads');
    console.log(`[list events] the server closed the unread stream after ${ids.length} fat events`);
    expect(server.logger.matching('closing the event stream')).toHaveLength(1);
    // Reading again, the attacker finds the connection closed (a paused socket notices nothing).
    attacker.socket.resume();
    await waitFor(() => attacker.closed, 'the connection to close');
    // The reader, meanwhile, got an event for every story.
    await waitFor(() => ids.every((id) => reader.events.some((e) => e.type === 'article' && e.article.id === id)), 'the reader to receive every event');
    expect(reader.isEnded).toBe(false);
    attacker.socket.destroy();
  });

  it('closes a stream that stays behind for a while, before its buffer is full', async ({ startServer }) => {
    const server = await startServer({ events: { maxBufferedBytes: 64 * 1024 * 1024, laggingBytes: 64 * 1024, laggingMs: 500 } });
    const mallory = await server.user('mallory', 'viewer');
    const attacker = await nonReader(server, mallory.token);
    const lagging = () => server.logger.matching('closing the event stream of mallory: it reads too slowly').length === 1;
    for (let i = 0; i < 3000 && !lagging(); i++) {
      await writeFatArticle(server, `slow-${String(i).padStart(4, '0')}`, mallory.id);
      await sleep(5);
    }
    expect(lagging()).toBe(true);
    expect(server.logger.matching('it stopped reading')).toEqual([]);
    attacker.socket.destroy();
  });
});
