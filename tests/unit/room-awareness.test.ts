// A room's presence and per-connection limits without a network: which awareness entries a
// connection may set, how states are shaped, rates, backpressure, and y-protocols' bookkeeping
// freed after ids leave.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../model/saved-protocol.ts';
import { userColor } from '../../model/user-colors.ts';
import { encodeAwarenessEntries } from '../../server/collab/awareness-shaping.ts';
import { Room, type RoomHooks, type RoomOptions } from '../../server/collab/room.ts';
import type { Transport } from '../../server/collab/transport.ts';
import type { User } from '../../server/storage/store.ts';
import { MemoryLogger } from '../support/test-server.ts';

const hooks: RoomHooks = {
  log: {
    loadDocument: async () => ({ snapshot: null, updates: [], lastSeq: 0 }),
    appendUpdates: async (_id, updates) => updates.length,
    compact: async () => undefined,
    addClientAuthors: async () => undefined,
    listClientAuthors: async () => [],
  },
  changed: async () => undefined,
};

function memoryTransport() {
  const sent: Uint8Array[] = [];
  const closes: { code: number; reason: string }[] = [];
  const state = { buffered: 0 };
  const transport: Transport = {
    send: (m) => sent.push(m),
    close: (code, reason) => closes.push({ code, reason }),
    get bufferedAmount() {
      return state.buffered;
    },
  };
  return { transport, sent, closes, state };
}

const user = (name: string, role: User['role'] = 'reporter'): User => ({ id: `u-${name}`, username: name, displayName: name.toUpperCase(), role, createdAt: 0 });

const awarenessMessage = (update: Uint8Array) => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
};

/** One entry per id: `state` (null removes) at `clock`. */
const entries = (list: [clientId: number, clock: number, state: unknown][]) =>
  awarenessMessage(encodeAwarenessEntries(list.map(([clientId, clock, state]) => ({ clientId, clock, json: JSON.stringify(state) }))));

const syncStep1 = () => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, new Y.Doc());
  return encoding.toUint8Array(encoder);
};

const typeOf = (message: Uint8Array) => decoding.readVarUint(decoding.createDecoder(message));

async function openRoom(options: RoomOptions = {}) {
  const logger = new MemoryLogger();
  const room = await Room.load('story', hooks, logger, options, () => undefined);
  const join = (name: string, role: User['role'] = 'reporter') => {
    const t = memoryTransport();
    return { ...t, connection: room.join(t.transport, user(name, role), role === 'viewer') };
  };
  return { room, logger, join };
}

describe('room presence', () => {
  it('relays a client’s state as the server shapes it: the account’s id, name and role, a safe colour', async () => {
    const { room, join } = await openRoom();
    const mallory = join('mallory');
    const ana = join('ana');
    const before = ana.sent.length;
    room.receive(mallory.connection, entries([[7, 1, { user: { id: 'u-ed', name: 'Ed', role: 'editor', color: 'red;background:url(x)' }, field: 'body' }]]));
    expect(room.awareness.getStates().get(7)).toEqual({ user: { id: 'u-mallory', name: 'MALLORY', role: 'reporter', color: userColor('u-mallory') }, field: 'body' });
    expect(ana.sent.length).toBe(before + 1);
    expect(typeOf(ana.sent.at(-1)!)).toBe(MESSAGE_AWARENESS);
    expect(mallory.closes).toEqual([]);
    room.destroy();
  });

  it('skips other clients’ ids that a stock client echoes back, and never lets one client remove another’s state', async () => {
    const { room, join } = await openRoom();
    const ana = join('ana');
    const ben = join('ben');
    room.receive(ana.connection, entries([[1, 1, { field: 'body' }]]));
    room.receive(ben.connection, entries([[2, 1, { field: null }]]));
    // Ben echoes Ana's state, then "removes" it with a later clock, then writes a state for it.
    room.receive(ben.connection, entries([[1, 1, { field: 'body' }], [2, 2, { field: 'headline' }]]));
    room.receive(ben.connection, entries([[1, 5, null]]));
    room.receive(ben.connection, entries([[1, 9, { field: 'forged' }]]));
    expect(room.awareness.getStates().get(1)).toMatchObject({ field: 'body', user: { id: 'u-ana' } });
    expect(room.awareness.getStates().get(2)).toMatchObject({ field: 'headline', user: { id: 'u-ben' } });
    expect(ben.closes).toEqual([]);
    room.destroy();
  });

  it('closes a connection that sets more ids than the cap (1008), naming the user in the log', async () => {
    const { room, logger, join } = await openRoom({ awarenessIdsPerConnection: 2 });
    const vic = join('vic', 'viewer');
    room.receive(vic.connection, entries([[1, 1, {}], [2, 1, {}]]));
    expect(vic.closes).toEqual([]);
    room.receive(vic.connection, entries([[3, 1, {}]]));
    expect(vic.closes).toEqual([{ code: 1008, reason: 'more than 2 presence ids on one connection' }]);
    expect(logger.matching('closing connection of vic to story story: more than 2 presence ids')).toHaveLength(1);
    // Its states went with it, and are not kept for a client that is gone.
    expect([...room.awareness.getStates().keys()]).toEqual([]);
    room.destroy();
  });

  it('refuses a message with a million ids from its count, and a state over the size limit', async () => {
    const { room, join } = await openRoom({ awarenessStateBytes: 100 });
    const vic = join('vic', 'viewer');
    const huge = encoding.createEncoder();
    encoding.writeVarUint(huge, 1_000_000);
    room.receive(vic.connection, awarenessMessage(encoding.toUint8Array(huge)));
    expect(vic.closes[0].code).toBe(1008);
    expect(vic.closes[0].reason).toMatch(/1000000 entries/);
    const big = join('big');
    room.receive(big.connection, entries([[5, 1, { pad: 'x'.repeat(200) }]]));
    expect(big.closes[0]).toEqual({ code: 1008, reason: expect.stringMatching(/presence state of \d+ bytes \(at most 100\)/) });
    // Filled in by the server, a state that fitted as sent may no longer fit: refused too.
    const filled = join('filled');
    room.receive(filled.connection, entries([[6, 1, { pad: 'x'.repeat(60) }]]));
    expect(filled.closes[0].reason).toMatch(/once filled in/);
    expect(room.awareness.getStates().size).toBe(0);
    room.destroy();
  });

  it('ignores removals of ids a connection never set, keeping no record of them', async () => {
    const { room, join } = await openRoom();
    const vic = join('vic', 'viewer');
    const metaBefore = room.awareness.meta.size;
    room.receive(vic.connection, entries(Array.from({ length: 5 }, (_, i): [number, number, null] => [1000 + i, 99, null])));
    expect(room.awareness.meta.size).toBe(metaBefore);
    expect(vic.closes).toEqual([]);
    room.destroy();
  });

  it('lets a connection remove its own state; the id still counts against its cap', async () => {
    const { room, join } = await openRoom({ awarenessIdsPerConnection: 1 });
    const ana = join('ana');
    room.receive(ana.connection, entries([[1, 1, {}]]));
    room.receive(ana.connection, entries([[1, 2, null]]));
    expect(room.awareness.getStates().has(1)).toBe(false);
    room.receive(ana.connection, entries([[1, 3, { field: 'body' }]]));
    expect(room.awareness.getStates().get(1)).toMatchObject({ field: 'body' });
    room.receive(ana.connection, entries([[2, 1, {}]]));
    expect(ana.closes[0]).toEqual({ code: 1008, reason: 'more than 1 presence ids on one connection' });
    room.destroy();
  });

  it('never lets a client take the server’s own awareness id', async () => {
    const { room, join } = await openRoom();
    const vic = join('vic');
    room.receive(vic.connection, entries([[room.awareness.clientID, 50, { field: 'body' }]]));
    expect(room.awareness.getStates().has(room.awareness.clientID)).toBe(false);
    room.destroy();
  });

  it('forgets the ids of clients that left once the wait is over, so connect/disconnect churn does not grow memory', async () => {
    const { room, join } = await openRoom({ awarenessForgetAfterMs: 1000 });
    const stays = join('ana');
    room.receive(stays.connection, entries([[1, 1, {}]]));
    for (let i = 0; i < 200; i++) {
      const churn = join('vic', 'viewer');
      room.receive(churn.connection, entries([[100 + i, 1, { i }], [10_000 + i, 1, {}]]));
      room.receive(churn.connection, entries([[100 + i, 2, null]]));
      room.disconnect(churn.connection, 1000, 'bye');
    }
    expect(room.awareness.meta.size).toBe(402); // the server's, Ana's and 400 gone
    room.presence.forgetGone(Date.now()); // too soon: a late message must still be recognised as old
    expect(room.awareness.meta.size).toBe(402);
    room.presence.forgetGone(Date.now() + 1000);
    expect([...room.awareness.meta.keys()].sort()).toEqual([1, room.awareness.clientID].sort());
    expect([...room.awareness.getStates().keys()]).toEqual([1]);
    room.destroy();
  });

  it('drops presence updates over the rate (logged once), and closes a connection that keeps sending', async () => {
    const { room, logger, join } = await openRoom({ awarenessUpdateRate: { burst: 3, perSecond: 0.001 } });
    const ana = join('ana');
    for (let clock = 1; clock <= 3; clock++) room.receive(ana.connection, entries([[1, clock, { n: clock }]]));
    room.receive(ana.connection, entries([[1, 4, { n: 4 }]]));
    expect(room.awareness.getStates().get(1)).toMatchObject({ n: 3 });
    expect(ana.closes).toEqual([]);
    // Echoes of others cost nothing.
    const ben = join('ben');
    room.receive(ben.connection, entries([[2, 1, {}]]));
    for (let i = 0; i < 20; i++) room.receive(ana.connection, entries([[2, 1, {}]]));
    expect(ana.closes).toEqual([]);
    for (let clock = 5; clock <= 7; clock++) room.receive(ana.connection, entries([[1, clock, { n: clock }]]));
    expect(ana.closes).toEqual([{ code: 1008, reason: 'presence updates far over the rate' }]);
    expect(logger.matching('dropping presence updates of ana')).toHaveLength(1);
    room.destroy();
  });

  it('closes a connection that asks for everyone’s presence or the whole story over the rate (1008)', async () => {
    const { room, join } = await openRoom({ awarenessQueryRate: { burst: 2, perSecond: 0.001 }, syncRequestRate: { burst: 2, perSecond: 0.001 } });
    const query = join('vic', 'viewer');
    const ask = new Uint8Array([MESSAGE_QUERY_AWARENESS]);
    room.receive(query.connection, ask);
    room.receive(query.connection, ask);
    expect(query.closes).toEqual([]);
    room.receive(query.connection, ask);
    expect(query.closes).toEqual([{ code: 1008, reason: 'presence queries over the rate' }]);
    const sync = join('vic', 'viewer');
    for (let i = 0; i < 3; i++) room.receive(sync.connection, syncStep1());
    expect(sync.sent.filter((m) => typeOf(m) === MESSAGE_SYNC)).toHaveLength(3); // its greeting and two answers
    expect(sync.closes).toEqual([{ code: 1008, reason: 'sync requests over the rate' }]);
    room.destroy();
  });

  it('closes a client that stopped reading once its unsent bytes pass the limit (1013), and forgets it', async () => {
    const { room, logger, join } = await openRoom({ maxUnsentBytes: 1000 });
    const slow = join('vic', 'viewer');
    const ana = join('ana');
    room.receive(slow.connection, entries([[9, 1, {}]]));
    slow.state.buffered = 1000; // at the limit: still sent
    room.receive(ana.connection, entries([[1, 1, {}]]));
    expect(slow.closes).toEqual([]);
    slow.state.buffered = 1001;
    const sentBefore = slow.sent.length;
    room.receive(ana.connection, entries([[1, 2, { field: 'body' }]]));
    expect(slow.sent.length).toBe(sentBefore);
    expect(slow.closes).toEqual([{ code: 1013, reason: 'too far behind: 0.0 MiB unsent' }]);
    await Promise.resolve();
    expect(room.connections.has(slow.connection)).toBe(false);
    expect(room.awareness.getStates().has(9)).toBe(false);
    expect(logger.matching('closing connection of vic to story story: too far behind')).toHaveLength(1);
    room.destroy();
  });

  it('tells another instance what its clients set, as shaped, and their departure; never what another instance set', async () => {
    const { room, join } = await openRoom();
    const told: Map<number, unknown>[] = [];
    const unsubscribe = room.presence.onLocalChange((update) => {
      const copy = new awarenessProtocol.Awareness(new Y.Doc());
      awarenessProtocol.applyAwarenessUpdate(copy, update, null);
      told.push(new Map([...copy.meta.keys()].filter((id) => id !== copy.clientID).map((id) => [id, copy.getStates().get(id) ?? null])));
    });
    const ana = join('ana');
    room.receive(ana.connection, entries([[1, 1, { user: { name: 'forged' }, field: 'body' }]]));
    expect(told).toHaveLength(1);
    expect(told[0].get(1)).toMatchObject({ user: { id: 'u-ana', name: 'ANA' }, field: 'body' });
    expect(room.presence.localUpdate()).not.toBeNull();

    // Another instance's client: relayed here, not told back.
    const peer = new awarenessProtocol.Awareness(new Y.Doc());
    peer.setLocalState({ field: 'headline' });
    room.presence.applyPeerUpdate(awarenessProtocol.encodeAwarenessUpdate(peer, [peer.clientID]));
    expect(room.awareness.getStates().get(peer.clientID)).toEqual({ field: 'headline' });
    expect(told).toHaveLength(1);

    room.disconnect(ana.connection, 1000, 'bye');
    expect(told).toHaveLength(2);
    expect(told[1]).toEqual(new Map([[1, null]]));
    expect(room.presence.localUpdate()).toBeNull();
    unsubscribe();
    peer.destroy();
    room.destroy();
  });
});

// y-protocols' Awareness in the client library: kept here so a new version that changes the
// format the server decodes by hand fails loudly.
describe('awareness wire format', () => {
  it('is what encodeAwarenessEntries writes', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ a: 1 });
    const theirs = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(encodeAwarenessEntries([{ clientId: doc.clientID, clock: 1, json: '{"a":1}' }])).toEqual(theirs);
    awareness.destroy();
  });
});
