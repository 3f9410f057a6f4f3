// A cold open sends the story as stored to the client that opens it before the server has
// applied it (server/collab/early-sync.ts); the client's own sync request is then answered with
// what changed since the load, never the whole story again.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { earlySyncMessage, unionStateVectors } from '../../server/collab/early-sync.ts';
import { Room, type RoomHooks } from '../../server/collab/room.ts';
import type { Transport } from '../../server/collab/transport.ts';
import type { StoredDocument, User } from '../../server/storage/store.ts';
import { MemoryLogger } from '../support/test-server.ts';

const user: User = { id: 'ana', username: 'ana', displayName: 'Ana', role: 'reporter', createdAt: 0 };

// The update that types `text` at the end of `doc`'s headline.
function typed(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  headlineText(doc).insert(headlineText(doc).length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

// Hooks over a fixed stored story; writes are accepted and dropped.
const storedHooks = (stored: StoredDocument): RoomHooks => ({
  log: {
    loadDocument: async () => stored,
    appendUpdates: async () => stored.lastSeq + 1,
    compact: async () => undefined,
    addClientAuthors: async () => undefined,
    listClientAuthors: async () => [],
  },
  changed: async () => undefined,
});

/** A client's end: applies every sync message the room sends it to `doc`, noting each step 2's update size. */
function clientEnd() {
  const doc = new Y.Doc();
  const step2Sizes: number[] = [];
  const receive = (message: Uint8Array) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    const type = decoding.peekVarUint(decoder);
    if (type === syncProtocol.messageYjsSyncStep2) {
      const copy = decoding.createDecoder(message);
      decoding.readVarUint(copy);
      decoding.readVarUint(copy);
      step2Sizes.push(decoding.readVarUint8Array(copy).length);
    }
    syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), doc, 'server');
  };
  const transport: Transport = { send: receive, close: () => undefined };
  const syncRequest = () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    return encoding.toUint8Array(encoder);
  };
  return { doc, transport, receive, step2Sizes, syncRequest };
}

// A stored story: a snapshot with "Budget", and `logEntries` one-letter entries after it.
function storedStory(logEntries: number): { stored: StoredDocument; text: string } {
  const doc = new Y.Doc();
  typed(doc, 'Budget');
  const snapshot = Y.encodeStateAsUpdate(doc);
  const updates = Array.from({ length: logEntries }, () => typed(doc, 'x'));
  return { stored: { snapshot, updates, lastSeq: logEntries }, text: headlineText(doc).toString() };
}

describe('early sync messages', () => {
  it('is the snapshot as sync step 2, and nothing when a log follows it (a stock client is synced on the first step 2)', () => {
    expect(earlySyncMessage({ snapshot: null, updates: [], lastSeq: 0 })).toBeNull();
    expect(earlySyncMessage(storedStory(1).stored)).toBeNull();
    const { stored, text } = storedStory(0);
    const client = clientEnd();
    client.receive(earlySyncMessage(stored)!);
    expect(client.step2Sizes).toEqual([stored.snapshot!.length]);
    expect(headlineText(client.doc).toString()).toBe(text);
    const onlyEntry = { snapshot: null, updates: [stored.snapshot!], lastSeq: 1 };
    expect(earlySyncMessage(onlyEntry)).toEqual(earlySyncMessage(stored));
  });

  it('union of state vectors takes each client’s larger clock', () => {
    const sv = (entries: [number, number][]) => Y.encodeStateVector(new Map(entries));
    expect(Y.decodeStateVector(unionStateVectors(sv([[1, 5], [2, 1]]), sv([[1, 3], [3, 7]])))).toEqual(new Map([[1, 5], [2, 1], [3, 7]]));
  });
});

describe('a room that sent the story early', () => {
  it('answers the client’s sync request with an empty update while nothing changed since the load', async () => {
    const { stored, text } = storedStory(0);
    const client = clientEnd();
    let sentEarly = false;
    const room = await Room.load('story', storedHooks(stored), new MemoryLogger(), {}, () => undefined, (s) => {
      client.receive(earlySyncMessage(s)!);
      sentEarly = true;
    });
    expect(sentEarly).toBe(true);
    const connection = room.join(client.transport, user, false, { snapshot: stored.snapshot });
    room.receive(connection, client.syncRequest());
    expect(client.step2Sizes).toEqual([stored.snapshot!.length, 2]);
    expect(headlineText(client.doc).toString()).toBe(text);
    room.destroy();
  });

  it('sends what changed between the load and the client’s sync request, and not the rest again', async () => {
    const { stored } = storedStory(0);
    const client = clientEnd();
    const room = await Room.load('story', storedHooks(stored), new MemoryLogger(), {}, (r) => void r, (s) => {
      client.receive(earlySyncMessage(s)!);
    });
    const connection = room.join(client.transport, user, false, { snapshot: stored.snapshot });
    // Another instance's change arrives before the client's request is read.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room.doc));
    room.applyPeerUpdate(typed(other, ' cuts'), null);
    const before = client.step2Sizes.length;
    room.receive(connection, client.syncRequest());
    expect(client.step2Sizes.length).toBe(before + 1);
    expect(client.step2Sizes.at(-1)!).toBeLessThan(stored.snapshot!.length);
    expect(headlineText(client.doc).toString()).toBe(headlineText(room.doc).toString());
    expect(headlineText(client.doc).toString()).toBe('Budget cuts');
    room.destroy();
  });

  it('answers a client that has content of its own with everything it lacks, and takes its content', async () => {
    const { stored } = storedStory(0);
    const client = clientEnd();
    // Typed offline on a copy of the story: the client's state vector is its own, not empty.
    Y.applyUpdate(client.doc, stored.snapshot!);
    const offline = typed(client.doc, ' now');
    const room = await Room.load('story', storedHooks(stored), new MemoryLogger(), {}, () => undefined, (s) => {
      client.receive(earlySyncMessage(s)!);
    });
    const connection = room.join(client.transport, user, false, { snapshot: stored.snapshot });
    room.receive(connection, client.syncRequest());
    room.receive(connection, (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, offline);
      return encoding.toUint8Array(encoder);
    })());
    expect(headlineText(room.doc).toString()).toBe('Budget now');
    expect(headlineText(client.doc).toString()).toBe('Budget now');
    room.destroy();
  });
});
