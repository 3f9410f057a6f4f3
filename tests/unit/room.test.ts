// A room driven without a network: in-memory transports and in-memory hooks.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { headlineText } from '../../model/article-schema.ts';
import { encodeSaved, MESSAGE_AWARENESS, MESSAGE_READ_ONLY, MESSAGE_SAVED, MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { Room, type RoomHooks } from '../../server/collab/room.ts';
import type { Transport } from '../../server/collab/transport.ts';
import type { User } from '../../server/storage/store.ts';
import { MemoryLogger } from '../support/test-server.ts';

/** Hooks over an in-memory log; `gate` holds appends until released. */
function memoryHooks() {
  const log: Uint8Array[] = [];
  let snapshot: Uint8Array | null = null;
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const hooks: RoomHooks = {
    load: async () => ({ snapshot, updates: [...log], lastSeq: log.length }),
    append: async (_id, updates) => {
      await gate;
      log.push(...updates);
      return log.length;
    },
    compact: async (_id, state) => {
      snapshot = state;
    },
    changed: async () => undefined,
  };
  return {
    hooks,
    log,
    hold: () => (gate = new Promise((resolve) => (open = resolve))),
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

const edit = (text: string) => {
  const doc = new Y.Doc();
  headlineText(doc).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
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
    expect(room.awareness.getStates().get(clientDoc.clientID)).toEqual({ user: { name: 'Ana' } });
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
});
