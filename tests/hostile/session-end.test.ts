// Attack: keep editing over a socket whose session ended. Mallory opens a story with a ticket,
// then his session ends — signed out, or expired as the store records it — and his client
// ignores the server's close frame and keeps sending changes. The server closes the socket
// within seconds (4401, "sign in again": at once on sign-out, at the next re-check of open
// sessions for an end it learns from the store) and applies nothing sent after the close; the
// honest editors type on, and everything they were told is stored is there.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { SESSION_ENDED_CLOSE } from '../../model/close-codes.ts';
import { MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { hashToken } from '../../server/auth/accounts.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { connectClient, sleep, waitFor } from '../support/clients.ts';
import { StubbornSocket } from '../support/stubborn-socket.ts';
import { HonestTraffic } from './support/honest-traffic.ts';
import { startHostileServer, type HostileServer } from './support/hostile-server.ts';
import { reportAttack } from './support/report.ts';

let server: HostileServer | null = null;
let traffic: HonestTraffic | null = null;
let mallory: StubbornSocket | null = null;
afterEach(async () => {
  mallory?.destroy();
  mallory = null;
  traffic?.destroy();
  traffic = null;
  await server?.dispose();
  server = null;
});

// Mallory's paragraph: made by his first edit, found in any replica by its Yjs item id.
let malloryParagraphId: Y.ID | null = null;

/** Mallory's paragraph in a replica of the story, or null before his first edit arrived. */
function malloryParagraph(doc: Y.Doc): Y.XmlElement | null {
  const id = malloryParagraphId;
  if (!id) return null;
  return (bodyFragment(doc).toArray().find((node) => node instanceof Y.XmlElement && node._item !== null && Y.compareIDs(node._item.id, id)) as Y.XmlElement | undefined) ?? null;
}

/** The text Mallory wrote into a replica. */
const malloryText = (doc: Y.Doc): string => (malloryParagraph(doc)?.get(0) as Y.XmlText | undefined)?.toString() ?? '';

/**
 * An update message writing `text` at the end of Mallory's own paragraph of `doc` (a body
 * paragraph holds far more than the headline's 500 characters, so the frames never meet a cap
 * before the session's end is noticed).
 */
function malloryEdit(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.once('update', capture);
  doc.transact(() => {
    let paragraph = malloryParagraph(doc);
    if (!paragraph) {
      paragraph = new Y.XmlElement(BODY_NODES.paragraph);
      paragraph.insert(0, [new Y.XmlText()]);
      const body = bodyFragment(doc);
      body.insert(body.length, [paragraph]);
      malloryParagraphId = paragraph._item!.id;
    }
    const content = paragraph.get(0) as Y.XmlText;
    content.insert(content.length, text);
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update!);
  return encoding.toUint8Array(encoder);
}

async function ticket(s: HostileServer, token: string, articleId: string): Promise<string> {
  const response = await s.api('/api/tickets', { method: 'POST', token, json: { articleId } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { ticket: string }).ticket;
}

/**
 * Honest editors type while Mallory edits over a ticket; `end` ends his session; his client keeps
 * sending for a second after the close frame. Returns when the socket closed and what a fresh
 * reader sees.
 */
async function keepEditingAfterTheEnd(attack: string, end: (s: HostileServer, token: string) => Promise<void>) {
  const s = (server = await startHostileServer());
  malloryParagraphId = null;
  const ana = await s.token('ana');
  const ben = await s.token('ben');
  const token = await s.token('mallory');
  const id = await s.createArticle(ana, 'Before');
  const rssBefore = s.rss();
  const peak = s.sampleRss();
  traffic = await HonestTraffic.start(s.wsUrl, id, ana, ben);

  // Mallory's copy of the story, then his own socket that will not take no for an answer.
  const copy = connectClient(s.wsUrl, id, token);
  await copy.synced;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(copy.doc));
  copy.destroy();
  mallory = await StubbornSocket.open(`${s.wsUrl}/${id}?ticket=${encodeURIComponent(await ticket(s, token, id))}`);
  mallory.send(malloryEdit(doc, ' M0'));
  const reader = connectClient(s.wsUrl, id, ana);
  await waitFor(() => malloryText(reader.doc) === ' M0', 'Mallory’s edit while signed in to arrive');

  const endedAt = Date.now();
  await end(s, token);
  // Frame n carries " Mn"; the first one sent once the close frame had arrived is noted.
  let sent = 0;
  let firstAfterClose = 0;
  const sender = setInterval(() => {
    sent++;
    if (mallory!.closeFrame && firstAfterClose === 0) firstAfterClose = sent;
    mallory!.send(malloryEdit(doc, ` M${sent}`));
  }, 20);
  await waitFor(() => mallory!.closeFrame !== null, 'the server to close Mallory’s socket', 15_000);
  const closedAfter = mallory.closeFrame!.at - endedAt;
  // At least a second's worth of frames after the close (counted, not timed: a loaded machine runs the timer late).
  await waitFor(() => firstAfterClose > 0 && sent - firstAfterClose > 25, 'Mallory to send 25 frames after the close', 15_000);
  clearInterval(sender);

  const delivery = await traffic.stop();
  const rssPeak = peak();
  await sleep(300);
  const fresh = connectClient(s.wsUrl, id, ben);
  await fresh.synced;
  const written = malloryText(fresh.doc);
  fresh.destroy();
  reader.destroy();
  const applied = written.split(' M').slice(1).map(Number);
  const appliedAfterClose = applied.filter((n) => n >= firstAfterClose).length;
  reportAttack({
    attack,
    rssBefore,
    rssPeak,
    rssAfter: s.rss(),
    delivery,
    note:
      `socket closed ${closedAfter} ms after the session ended (code ${mallory.closeFrame!.code}); ` +
      `${applied.length - 1} frames applied before the close, ${sent - firstAfterClose + 1} sent after it, ${appliedAfterClose} of those applied`,
  });
  const stored = await traffic.storedKeystrokes(s.wsUrl, id, ana);
  return { closedAfter, close: mallory.closeFrame!, applied, appliedAfterClose, firstAfterClose, sent, delivery, stored };
}

describe('keeping on editing after the session ended', () => {
  it('a signed-out session’s socket is closed at once and nothing it sends after is applied', async () => {
    const result = await keepEditingAfterTheEnd('edit after sign-out', async (s, token) => {
      expect((await s.api('/api/session', { method: 'DELETE', token })).status).toBe(204);
    });
    expect(result.close).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session signed out: sign in again' });
    expect(result.closedAfter).toBeLessThan(5000);
    expect(result.sent - result.firstAfterClose).toBeGreaterThan(20);
    // Everything was sent after the sign-out had closed the socket on the server: nothing of it counts.
    expect(result.applied).toEqual([0]);
    expect(result.delivery.delivered).toBe(result.delivery.keystrokes);
    expect(result.stored).toBe(result.delivery.keystrokes);
  });

  it('an expired session’s socket is closed at the next re-check (seconds) and nothing it sends after is applied', async () => {
    const result = await keepEditingAfterTheEnd('edit after expiry', async (s, token) => {
      // The session runs out now, as the store records it (another instance would see the same row).
      const db = new Database(databasePath(s.dataDir));
      db.pragma('busy_timeout = 5000');
      expect(db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?').run(Date.now(), hashToken(token)).changes).toBe(1);
      db.close();
    });
    expect(result.close).toMatchObject({ code: SESSION_ENDED_CLOSE, reason: 'session ended: sign in again' });
    // The re-check runs every 5 s; what came before it noticed was applied, nothing after the close.
    expect(result.closedAfter).toBeLessThan(10_000);
    expect(result.sent - result.firstAfterClose).toBeGreaterThan(20);
    expect(result.appliedAfterClose).toBe(0);
    expect(result.delivery.delivered).toBe(result.delivery.keystrokes);
    expect(result.stored).toBe(result.delivery.keystrokes);
  });
});
