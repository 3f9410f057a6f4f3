// A room refusing updates before they touch the story: schema, caps, authorship and quota. The
// sender is closed with 1008 and the reason, a log line names the user and the reason, and
// nothing is applied, stored or relayed; the room knows who owns each client id from the moment
// it opens (loaded with the story), and changes from the server itself or another instance are
// not checked for ownership.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { FIELD_CAPS } from '../../model/article-limits.ts';
import { headlineText, picturesArray } from '../../model/article-schema.ts';
import { MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { FANOUT_ORIGIN } from '../../server/collab/origins.ts';
import { Room, type RoomHooks, type RoomOptions } from '../../server/collab/room.ts';
import type { Transport } from '../../server/collab/transport.ts';
import type { ClientAuthor, User } from '../../server/storage/store.ts';
import { MemoryLogger } from '../support/test-server.ts';

/** A story kept in memory: its log, and its recorded client id owners. */
function memoryArticle() {
  const log: Uint8Array[] = [];
  const owners: ClientAuthor[] = [];
  const hooks: RoomHooks = {
    log: {
      loadDocument: async () => ({ snapshot: null, updates: [...log], lastSeq: log.length }),
      appendUpdates: async (_id, updates) => (log.push(...updates), log.length),
      compact: async () => undefined,
      addClientAuthors: async (_id, entries) => void owners.push(...entries),
      listClientAuthors: async () => [...owners],
    },
    changed: async () => undefined,
  };
  return { hooks, log, owners };
}

const user = (name: string): User => ({ id: `id-${name}`, username: name, displayName: name, role: 'reporter', createdAt: 0 });

function memoryTransport() {
  const sent: Uint8Array[] = [];
  const closes: { code: number; reason: string }[] = [];
  const transport: Transport = { send: (m) => sent.push(m), close: (code, reason) => closes.push({ code, reason }) };
  return { transport, sent, closes };
}

const updateMessage = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

/** The update `edit` makes on `doc`. */
function change(doc: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc));
  return Y.encodeStateAsUpdate(doc, before);
}

const settle = () => new Promise((r) => setTimeout(r, 20));

async function openRoom(hooks: RoomHooks, logger = new MemoryLogger(), options: RoomOptions = {}) {
  const room = await Room.load('story', hooks, logger, { batchMs: 1, ...options } as RoomOptions, () => undefined);
  return { room, logger };
}

describe('Room refusing updates', () => {
  it('closes the sender with 1008 and the reason, logs the user, and applies, stores and relays nothing', async () => {
    const article = memoryArticle();
    const { room, logger } = await openRoom(article.hooks);
    const mallory = memoryTransport();
    const ana = memoryTransport();
    const cm = room.join(mallory.transport, user('mallory'), false);
    room.join(ana.transport, user('ana'), false);
    const sentToAna = ana.sent.length;

    room.receive(cm, updateMessage(change(new Y.Doc(), (doc) => doc.getArray('pictures').push(['boom']))));
    expect(mallory.closes).toEqual([{ code: 1008, reason: 'update refused: a picture that is not a map of its fields' }]);
    expect(logger.matching('refused an update from mallory to story story: a picture that is not a map of its fields')).toHaveLength(1);
    expect(picturesArray(room.doc).length).toBe(0);
    expect(ana.sent.length).toBe(sentToAna);
    await settle();
    expect(article.log).toEqual([]);
    expect(room.connections.size).toBe(1);
    room.destroy();
  });

  it('cuts a long reason to what a close frame holds', async () => {
    const { room } = await openRoom(memoryArticle().hooks);
    const t = memoryTransport();
    const c = room.join(t.transport, user('mallory'), false);
    room.receive(c, updateMessage(change(new Y.Doc(), (doc) => doc.getMap(`root-${'é'.repeat(200)}`).set('x', 1))));
    expect(t.closes[0].code).toBe(1008);
    expect(Buffer.byteLength(t.closes[0].reason)).toBeLessThanOrEqual(123);
    expect(t.closes[0].reason).toMatch(/^update refused: a root type “root-é+…?/);
    room.destroy();
  });

  it('refuses a headline over its cap but takes a replace within it', async () => {
    const { room } = await openRoom(memoryArticle().hooks);
    const t = memoryTransport();
    const c = room.join(t.transport, user('ana'), false);
    const client = new Y.Doc();
    room.receive(c, updateMessage(change(client, (doc) => headlineText(doc).insert(0, 'a'.repeat(FIELD_CAPS.headline)))));
    room.receive(c, updateMessage(change(client, (doc) => {
      headlineText(doc).delete(0, FIELD_CAPS.headline);
      headlineText(doc).insert(0, 'b'.repeat(FIELD_CAPS.headline));
    })));
    expect(t.closes).toEqual([]);
    expect(headlineText(room.doc).toString()).toBe('b'.repeat(FIELD_CAPS.headline));
    room.receive(c, updateMessage(change(client, (doc) => headlineText(doc).insert(0, '!'))));
    expect(t.closes).toEqual([{ code: 1008, reason: 'update refused: headline over 500 characters' }]);
    room.destroy();
  });

  it('refuses content under a client id another user owns, with the owners loaded when the story opens', async () => {
    const article = memoryArticle();
    const first = await openRoom(article.hooks);
    const ana = new Y.Doc();
    const ca = first.room.join(memoryTransport().transport, user('ana'), false);
    first.room.receive(ca, updateMessage(change(ana, (doc) => headlineText(doc).insert(0, 'Ana’s words'))));
    await first.room.persist();
    expect(article.owners).toEqual([{ clientId: ana.clientID, userId: 'id-ana' }]);
    first.room.destroy();

    // The story opens again; Mallory writes under Ana's client id before Ana is back.
    const { room, logger } = await openRoom(article.hooks);
    const mallory = memoryTransport();
    const cm = room.join(mallory.transport, user('mallory'), false);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(room.doc));
    forged.clientID = ana.clientID;
    room.receive(cm, updateMessage(change(forged, (doc) => headlineText(doc).insert(0, 'Ana says: '))));
    expect(mallory.closes).toEqual([{ code: 1008, reason: `update refused: writes under client id ${ana.clientID}, which belongs to another user` }]);
    expect(logger.matching('from mallory').length).toBe(1);
    expect(headlineText(room.doc).toString()).toBe('Ana’s words');

    // Ana goes on under her own id; Mallory may delete her words (deletions carry no client id).
    const ana2 = room.join(memoryTransport().transport, user('ana'), false);
    room.receive(ana2, updateMessage(change(ana, (doc) => headlineText(doc).insert(headlineText(doc).length, '!'))));
    const mallory2 = room.join(memoryTransport().transport, user('mallory'), false);
    const malloryDoc = new Y.Doc();
    Y.applyUpdate(malloryDoc, Y.encodeStateAsUpdate(room.doc));
    room.receive(mallory2, updateMessage(change(malloryDoc, (doc) => headlineText(doc).delete(0, 6))));
    expect(headlineText(room.doc).toString()).toBe('words!');
    room.destroy();
  });

  it('lets the first writer claim a client id that has content but no recorded owner, and records it', async () => {
    const article = memoryArticle();
    const old = new Y.Doc();
    article.log.push(change(old, (doc) => headlineText(doc).insert(0, 'from before owners were kept')));
    const { room } = await openRoom(article.hooks);
    const dana = room.join(memoryTransport().transport, user('dana'), false);
    room.receive(dana, updateMessage(change(old, (doc) => headlineText(doc).insert(0, 'offline work: '))));
    await room.persist();
    expect(article.owners).toEqual([{ clientId: old.clientID, userId: 'id-dana' }]);
    const mallory = memoryTransport();
    const cm = room.join(mallory.transport, user('mallory'), false);
    room.receive(cm, updateMessage(change(old, (doc) => headlineText(doc).insert(0, 'x'))));
    expect(mallory.closes[0]?.code).toBe(1008);
    room.destroy();
  });

  it('does not check the server’s own changes or another instance’s for ownership', async () => {
    const article = memoryArticle();
    const { room } = await openRoom(article.hooks);
    const ana = new Y.Doc();
    room.receive(room.join(memoryTransport().transport, user('ana'), false), updateMessage(change(ana, (doc) => headlineText(doc).insert(0, 'Ana'))));
    room.changeAsServer('restore', 'id-ed', (doc) => headlineText(doc).insert(3, ' (restored)'));
    // Another instance relays words written under Ana's id there: that instance checked them.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(room.doc));
    elsewhere.clientID = ana.clientID;
    Y.applyUpdate(room.doc, change(elsewhere, (doc) => headlineText(doc).insert(0, '» ')), FANOUT_ORIGIN);
    expect(headlineText(room.doc).toString()).toBe('» Ana (restored)');
    await room.persist();
    expect(article.owners.map((o) => o.userId)).toEqual(['id-ana', 'id-ed']);
    room.destroy();
  });

  it('refuses growth past the story’s size quota, and still takes deletions', async () => {
    const { room, logger } = await openRoom(memoryArticle().hooks, new MemoryLogger(), { maxArticleBytes: 64 * 1024 });
    const t = memoryTransport();
    const c = room.join(t.transport, user('mallory'), false);
    const client = new Y.Doc();
    let pictures = 0;
    while (t.closes.length === 0 && pictures < 200) {
      room.receive(c, updateMessage(change(client, (doc) => picturesArray(doc).push([new Y.Map([['id', `p${pictures}`], ['caption', 'c'.repeat(1900)]])]))));
      pictures++;
    }
    expect(t.closes).toEqual([{ code: 1008, reason: 'update refused: story over its size quota of 0.06 MiB' }]);
    expect(logger.matching('size quota')).toHaveLength(1);
    const held = picturesArray(room.doc).length;
    expect(held).toBeGreaterThan(20);
    expect(held).toBeLessThan(pictures);
    const editor = room.join(memoryTransport().transport, user('ana'), false);
    const ana = new Y.Doc();
    Y.applyUpdate(ana, Y.encodeStateAsUpdate(room.doc));
    room.receive(editor, updateMessage(change(ana, (doc) => picturesArray(doc).delete(0, 10))));
    expect(picturesArray(room.doc).length).toBe(held - 10);
    room.destroy();
  });
});
