// A room driven without a network: in-memory transports and in-memory hooks.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { userColor } from '../../model/user-colors.ts';
import { encodeSaved, MESSAGE_AWARENESS, MESSAGE_READ_ONLY, MESSAGE_SAVED, MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { FANOUT_ORIGIN } from '../../server/collab/origins.ts';
import { Room, type RoomHooks } from '../../server/collab/room.ts';
import type { Transport } from '../../server/collab/transport.ts';
import type { ClientAuthor, User } from '../../server/storage/store.ts';
import { MemoryLogger } from '../support/test-server.ts';

/** Hooks over an in-memory log and author list; `gate` holds appends until released; `authorsFail` refuses author writes. */
function memoryHooks() {
  const log: Uint8Array[] = [];
  const authors: ClientAuthor[] = [];
  const authorWrites: ClientAuthor[][] = [];
  const control = { authorsFail: false };
  let snapshot: Uint8Array | null = null;
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const hooks: RoomHooks = {
    log: {
      loadDocument: async () => ({ snapshot, updates: [...log], lastSeq: log.length }),
      appendUpdates: async (_id, updates) => {
        await gate;
        log.push(...updates);
        return log.length;
      },
      compact: async (_id, state) => {
        snapshot = state;
      },
      addClientAuthors: async (_id, entries) => {
        authorWrites.push(entries);
        if (control.authorsFail) throw new Error('disk full (injected)');
        authors.push(...entries);
      },
      listClientAuthors: async () => [...authors],
    },
    changed: async () => undefined,
  };
  return {
    hooks,
    log,
    authors,
    authorWrites,
    control,
    hold: () => {
      gate = new Promise((resolve) => (open = resolve));
    },
    releaseWrites: () => open(),
  };
}

/** A transport that records what the room sent. */
function memoryTransport() {
  const sent: Uint8Array[] = [];
  const closes: number[] = [];
  const transport: Transport = { send: (m) => sent.push(m), close: (code) => closes.push(code) };
  return { transport, sent, closes };
}

const user = (name: string, role: User['role'] = 'reporter'): User => ({ id: name, username: name, displayName: name, role, createdAt: 0 });

const updateMessage = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
};

const typeOf = (message: Uint8Array) => decoding.readVarUint(decoding.createDecoder(message));

const edit = (text: string, doc = new Y.Doc()) => {
  const before = Y.encodeStateVector(doc);
  headlineText(doc).insert(headlineText(doc).length, text);
  return Y.encodeStateAsUpdate(doc, before);
};

const flushTimers = () => new Promise((r) => setTimeout(r, 20));

describe('Room without a network', () => {
  it('greets a client with sync step 1, relays updates to others but not the sender, and logs them', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const a = memoryTransport();
    const b = memoryTransport();
    const ca = room.join(a.transport, user('ana'), false);
    room.join(b.transport, user('ben'), false);
    expect(a.sent.map(typeOf)).toEqual([MESSAGE_SYNC]);

    room.receive(ca, updateMessage(edit('Hello')));
    expect(headlineText(room.doc).toString()).toBe('Hello');
    expect(b.sent.length).toBe(2);
    expect(a.sent.length).toBe(1);
    await flushTimers();
    expect(memory.log.length).toBe(1);
    room.destroy();
  });

  it('refuses an update whose declared length runs past the end of its message, though the bytes after it are in the same buffer', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const a = memoryTransport();
    const ca = room.join(a.transport, user('ana'), false);
    // A socket's receive buffer: a truncated update message followed by the rest of its bytes
    // (say, the next message). The message is a view of the first part only.
    const whole = updateMessage(edit('Hidden'));
    const buffer = new Uint8Array(whole);
    const cut = whole.length - 4;
    room.receive(ca, buffer.subarray(0, cut));
    expect(a.closes).toEqual([1007]);
    expect(headlineText(room.doc).toString()).toBe('');
    room.destroy();
  });

  it('applies nothing of a frame with bytes after a whole update, and closes its sender with 1007', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const a = memoryTransport();
    const ca = room.join(a.transport, user('ana'), false);
    room.receive(ca, new Uint8Array([...updateMessage(edit('Hidden')), 0]));
    expect(a.closes).toEqual([1007]);
    expect(headlineText(room.doc).toString()).toBe('');
    // Checked by the type checker: the room's clients cannot be changed from outside.
    // @ts-expect-error `connections` is a ReadonlySet
    const addFromOutside = () => room.connections.add(ca);
    void addFromOutside;
    room.destroy();
  });

  it('answers a saved request only after the write that holds the earlier update', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const a = memoryTransport();
    const ca = room.join(a.transport, user('ana'), false);
    memory.hold();
    room.receive(ca, updateMessage(edit('Draft')));
    room.receive(ca, encodeSaved(7));
    await flushTimers();
    expect(a.sent.some((m) => typeOf(m) === MESSAGE_SAVED)).toBe(false);
    memory.releaseWrites();
    await flushTimers();
    const saved = a.sent.filter((m) => typeOf(m) === MESSAGE_SAVED);
    expect(saved).toEqual([encodeSaved(7)]);
    room.destroy();
  });

  it('relays another instance’s change to every client without logging it again, and serves it to a new client', async () => {
    const memory = memoryHooks();
    let finishCompaction: () => void = () => undefined;
    const compacting = new Promise<void>((resolve) => (finishCompaction = resolve));
    const log = memory.hooks.log;
    const hooks: RoomHooks = { ...memory.hooks, log: { ...log, compact: async (...args) => (await compacting, log.compact(...args)) } };
    const room = await Room.load('story', hooks, new MemoryLogger(), {}, () => undefined);
    const a = memoryTransport();
    const ca = room.join(a.transport, user('ana'), false);
    room.receive(ca, updateMessage(edit('Mine')));
    await flushTimers();
    expect(memory.log.length).toBe(1);

    // The change arrives while a compaction is writing the state from before it.
    const compaction = room.compact();
    const sentBefore = a.sent.length;
    Y.applyUpdate(room.doc, edit(' and theirs', new Y.Doc()), FANOUT_ORIGIN);
    expect(a.sent.length).toBe(sentBefore + 1); // relayed, even to the client that sent the first change
    finishCompaction();
    await compaction;
    await flushTimers();
    expect(memory.log.length).toBe(1); // the other instance stored it; this one does not

    // A client that has nothing gets the state with the change, not the compacted state from before it.
    const fresh = new Y.Doc();
    const b = memoryTransport();
    const cb = room.join(b.transport, user('ben'), false);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, fresh);
    room.receive(cb, encoding.toUint8Array(encoder));
    const reply = decoding.createDecoder(b.sent.at(-1)!);
    decoding.readVarUint(reply);
    syncProtocol.readSyncMessage(reply, encoding.createEncoder(), fresh, null);
    expect(headlineText(fresh).toString()).toBe(headlineText(room.doc).toString());
    expect(headlineText(fresh).toString()).toContain('theirs');
    room.destroy();
  });

  it('writes the list entry when asked, resolving only once a write under way and the changes made since are in it', async () => {
    const memory = memoryHooks();
    const written: string[] = [];
    let finishWrite: () => void = () => undefined;
    const hooks: RoomHooks = {
      ...memory.hooks,
      changed: async (_id, doc) => {
        written.push(headlineText(doc).toString());
        await new Promise<void>((resolve) => (finishWrite = resolve));
      },
    };
    const room = await Room.load('story', hooks, new MemoryLogger(), { summaryAfterMs: 1 }, () => undefined);
    const ca = room.join(memoryTransport().transport, user('ana'), false);
    const client = new Y.Doc();
    room.receive(ca, updateMessage(edit('One', client)));
    await flushTimers();
    expect(written).toEqual(['One']); // the entry's own write, a moment after the change, is under way

    // Asked now, with nothing new: it waits for the write under way to end.
    let done = false;
    const asked = room.writeSummary().then(() => (done = true));
    await flushTimers();
    expect(done).toBe(false);
    // A change meanwhile: one more write after the one under way, with it.
    room.receive(ca, updateMessage(edit(' two', client)));
    finishWrite();
    await flushTimers();
    expect(written).toEqual(['One', 'One two']);
    expect(done).toBe(false);
    finishWrite();
    await asked;
    expect(written).toEqual(['One', 'One two']);
    room.destroy();
  });

  it('applies nothing from a read-only client and tells it so when it asks', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const v = memoryTransport();
    const cv = room.join(v.transport, user('vic', 'viewer'), true);
    room.receive(cv, updateMessage(edit('nope')));
    room.receive(cv, encodeSaved(1));
    expect(headlineText(room.doc).toString()).toBe('');
    expect(v.sent.map(typeOf)).toContain(MESSAGE_READ_ONLY);
    expect(v.closes).toEqual([]);
    room.destroy();
  });

  it('closes only the client that sends garbage', async () => {
    const memory = memoryHooks();
    const logger = new MemoryLogger();
    const room = await Room.load('story', memory.hooks, logger, {}, () => undefined);
    const bad = memoryTransport();
    const good = memoryTransport();
    const cb = room.join(bad.transport, user('mallory'), false);
    const cg = room.join(good.transport, user('ana'), false);
    room.receive(cb, new Uint8Array([0, 2, 200, 1]));
    expect(bad.closes).toEqual([1007]);
    expect(logger.matching('mallory').length).toBe(1);
    room.receive(cg, updateMessage(edit('fine')));
    expect(headlineText(room.doc).toString()).toBe('fine');
    expect(good.closes).toEqual([]);
    room.destroy();
  });

  it('forgets a leaving client’s presence, tells the others, and reports idle', async () => {
    const memory = memoryHooks();
    const idle: Room[] = [];
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, (r) => idle.push(r));
    const a = memoryTransport();
    const b = memoryTransport();
    const ca = room.join(a.transport, user('ana'), false);
    const cb = room.join(b.transport, user('ben'), false);
    const clientDoc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(clientDoc);
    awareness.setLocalState({ user: { name: 'Ana' } });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [clientDoc.clientID]));
    room.receive(ca, encoding.toUint8Array(encoder));
    // The server fills the user in from the account (room-awareness.test.ts has the rules).
    expect(room.awareness.getStates().get(clientDoc.clientID)).toEqual({ user: { id: 'ana', name: 'ana', role: 'reporter', color: userColor('ana') } });
    const beforeLeave = b.sent.length;
    room.disconnect(ca, 1000, 'bye');
    expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(false);
    expect(b.sent.length).toBe(beforeLeave + 1);
    expect(idle).toEqual([]);
    room.disconnect(cb, 1000, 'bye');
    expect(idle).toEqual([room]);
    await room.persist();
    expect(room.isClean).toBe(true);
    // Compacting with nothing new to fold must leave the room clean (it once stuck "compacting").
    await room.compact();
    expect(room.isClean).toBe(true);
    awareness.destroy();
    room.destroy();
  });

  it('records the user of each new client id once per client session, and not for read-only clients', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const ana = room.join(memoryTransport().transport, user('ana'), false);
    const ben = room.join(memoryTransport().transport, user('ben'), false);
    const vic = room.join(memoryTransport().transport, user('vic', 'viewer'), true);
    const anaDoc = new Y.Doc();
    const benDoc = new Y.Doc();
    room.receive(ana, updateMessage(edit('One', anaDoc)));
    room.receive(ana, updateMessage(edit(' two', anaDoc)));
    room.receive(ben, updateMessage(edit(' three', benDoc)));
    room.receive(ana, updateMessage(edit(' four', anaDoc)));
    room.receive(vic, updateMessage(edit('nope')));
    await flushTimers();
    expect(memory.authors).toEqual([
      { clientId: anaDoc.clientID, userId: 'ana' },
      { clientId: benDoc.clientID, userId: 'ben' },
    ]);
    expect(memory.authorWrites).toHaveLength(2);
    room.destroy();
  });

  it('keeps client ids storage refused and stores them before it counts as clean', async () => {
    const memory = memoryHooks();
    const logger = new MemoryLogger();
    const room = await Room.load('story', memory.hooks, logger, {}, () => undefined);
    const ana = room.join(memoryTransport().transport, user('ana'), false);
    const anaDoc = new Y.Doc();
    memory.control.authorsFail = true;
    room.receive(ana, updateMessage(edit('Hello', anaDoc)));
    await flushTimers();
    expect(memory.authors).toEqual([]);
    expect(logger.matching('recording the authors').length).toBe(1);
    expect(room.isClean).toBe(false);
    memory.control.authorsFail = false;
    await room.persist();
    expect(memory.authors).toEqual([{ clientId: anaDoc.clientID, userId: 'ana' }]);
    expect(room.isClean).toBe(true);
    room.destroy();
  });

  it('relays a server change live, logs it, and attributes it to the acting user under a client id of its own', async () => {
    const memory = memoryHooks();
    const room = await Room.load('story', memory.hooks, new MemoryLogger(), {}, () => undefined);
    const a = memoryTransport();
    room.join(a.transport, user('ana'), false);
    const before = a.sent.length;
    room.changeAsServer('restore', 'ed', (doc) => headlineText(doc).insert(0, 'Restored'));
    const edClient = room.doc.clientID;
    room.changeAsServer('restore', 'eve', (doc) => headlineText(doc).insert(0, 'Again '));
    expect(room.doc.clientID).not.toBe(edClient);
    // Only deletions: nothing written under the new id, so nobody is recorded for it.
    room.changeAsServer('restore', 'zed', (doc) => headlineText(doc).delete(0, 6));
    expect(a.sent.length).toBe(before + 3);
    await flushTimers();
    const stored = new Y.Doc();
    for (const update of memory.log) Y.applyUpdate(stored, update);
    expect(headlineText(stored).toString()).toBe('Restored');
    expect(memory.authors).toEqual([
      { clientId: edClient, userId: 'ed' },
      { clientId: expect.any(Number), userId: 'eve' },
    ]);
    expect(headlineText(room.doc).toString()).toBe('Restored');
    room.destroy();
  });
});
