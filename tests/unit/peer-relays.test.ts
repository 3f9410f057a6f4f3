// What a room does with updates another instance relayed before storing them (peer-relays.ts):
// relayed at once, held until their "stored" note, stored here when the note does not come,
// and no "saved" answer to a client of this instance before what it may build on is stored.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { encodeSaved, MESSAGE_SAVED, MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { PeerRelays } from '../../server/collab/peer-relays.ts';
import { Room, type RoomHooks } from '../../server/collab/room.ts';
import type { Transport } from '../../server/collab/transport.ts';
import type { User } from '../../server/storage/store.ts';
import { MemoryLogger } from '../support/test-server.ts';

/** Hooks over an in-memory log. */
function memoryHooks() {
  const log: Uint8Array[] = [];
  const hooks: RoomHooks = {
    log: {
      loadDocument: async () => ({ snapshot: null, updates: [...log], lastSeq: log.length }),
      appendUpdates: async (_id, updates) => (log.push(...updates), log.length),
      compact: async () => undefined,
      addClientAuthors: async () => undefined,
      listClientAuthors: async () => [],
    },
    changed: async () => undefined,
  };
  return { hooks, log };
}

const user: User = { id: 'ben', username: 'ben', displayName: 'Ben', role: 'reporter', createdAt: 0 };
const typeOf = (message: Uint8Array) => decoding.readVarUint(decoding.createDecoder(message));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const updateMessage = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

/** `doc`'s change that appends `text` to its headline. */
const edit = (doc: Y.Doc, text: string) => {
  const before = Y.encodeStateVector(doc);
  headlineText(doc).insert(headlineText(doc).length, text);
  return Y.encodeStateAsUpdate(doc, before);
};

const storedText = (log: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const update of log) Y.applyUpdate(doc, update);
  return headlineText(doc).toString();
};

async function roomWithClient(peerStoreWaitMs: number) {
  const memory = memoryHooks();
  const room = await Room.load('story', memory.hooks, new MemoryLogger(), { peerStoreWaitMs }, () => undefined);
  const sent: Uint8Array[] = [];
  const transport: Transport = { send: (m) => sent.push(m), close: () => undefined };
  const connection = room.join(transport, user, false);
  return { ...memory, room, sent, connection };
}

describe('updates another instance relayed before storing them', () => {
  it('are relayed at once, and a client’s save is confirmed only after their sender says they are stored', async () => {
    const { room, sent, connection, log } = await roomWithClient(60_000);
    const peer = new Y.Doc();
    const before = sent.length;
    expect(room.applyPeerUpdate(edit(peer, 'Theirs.'), { stream: 7, from: 0, upto: 1 })).toBe(false);
    expect(sent.length).toBe(before + 1); // relayed at once

    // The client builds on it, and asks whether its change is saved.
    const mine = new Y.Doc();
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(room.doc));
    room.receive(connection, updateMessage(edit(mine, ' Mine.')));
    room.receive(connection, encodeSaved(3));
    await sleep(30);
    expect(log.length).toBe(1); // its own change is stored...
    expect(sent.some((m) => typeOf(m) === MESSAGE_SAVED)).toBe(false); // ...but what it builds on is not yet

    expect(room.peerStored({ stream: 7, from: 0, upto: 1 })).toBe(false);
    await sleep(0);
    expect(sent.filter((m) => typeOf(m) === MESSAGE_SAVED)).toEqual([encodeSaved(3)]);
    expect(log.length).toBe(1); // the peer's part was stored by its sender, not here
    room.destroy();
  });

  it('are stored here when their note does not come in time (their instance died), and the save is confirmed then', async () => {
    const { room, sent, connection, log } = await roomWithClient(80);
    const peer = new Y.Doc();
    room.applyPeerUpdate(edit(peer, 'Theirs.'), { stream: 7, from: 0, upto: 1 });
    room.receive(connection, encodeSaved(1));
    await sleep(30);
    expect(log.length).toBe(0);
    expect(sent.some((m) => typeOf(m) === MESSAGE_SAVED)).toBe(false);
    await sleep(150);
    expect(storedText(log)).toBe('Theirs.');
    expect(sent.filter((m) => typeOf(m) === MESSAGE_SAVED)).toEqual([encodeSaved(1)]);
    room.destroy();
  });

  it('are waited for when the room is stored to close: their note, or else stored here', async () => {
    const { room, log } = await roomWithClient(100);
    room.applyPeerUpdate(edit(new Y.Doc(), 'Noted.'), { stream: 7, from: 0, upto: 1 });
    let persisted = false;
    const persisting = room.persist().then(() => (persisted = true));
    await sleep(20);
    expect(persisted).toBe(false);
    room.peerStored({ stream: 7, from: 0, upto: 1 });
    await persisting;
    expect(log.length).toBe(0); // its sender stored it

    room.applyPeerUpdate(edit(new Y.Doc(), 'Orphaned.'), { stream: 8, from: 0, upto: 1 });
    await room.persist(); // no note: stored here once the wait is over
    expect(storedText(log)).toBe('Orphaned.');
    room.destroy();
  });

  it('say when a note covers updates that never arrived here, so that the story is read back', () => {
    const relays = new PeerRelays(async () => undefined, 60_000);
    const peer = new Y.Doc();
    // Marks 1–2 were published before this instance subscribed: only 3 arrived.
    relays.relayed(edit(peer, 'c'), { stream: 1, from: 2, upto: 3 });
    expect(relays.stored({ stream: 1, from: 0, upto: 3 })).toBe(true);
    relays.relayed(edit(peer, 'd'), { stream: 1, from: 3, upto: 4 });
    expect(relays.stored({ stream: 1, from: 3, upto: 4 })).toBe(false);
    // A stream this instance never heard from.
    expect(relays.stored({ stream: 2, from: 0, upto: 1 })).toBe(true);
    relays.stop();
  });
});
