// Typed transaction origins: every change to a room's document says where it came from, so
// that handlers decide by kind (skip storing what was just loaded, don't echo to the sender).
// Presence changes have origins of their own (room-awareness.ts).
import type { ClientOrigin } from './room-connection.ts';

/** The document was filled from storage. Already stored; not relayed. */
export interface LoadOrigin {
  kind: 'load';
}

/** The server itself changed the document (for example, restoring a revision). */
export interface ServerOrigin {
  kind: 'server';
  reason: string;
  userId: string | null;
}

/**
 * Another server instance made the change, which that instance stores: relayed to this
 * instance's clients, but neither stored (unless its instance fails to: peer-relays.ts) nor
 * published again. It arrives through the fan-out, or is read back from the store when
 * catching up after an outage.
 */
export interface PeerOrigin {
  kind: 'peer';
  via: 'fanout' | 'store';
}

/** Where a change to a room's document came from (a connected client's origin is in room-connection.ts). */
export type RoomOrigin = LoadOrigin | ClientOrigin | ServerOrigin | PeerOrigin;

/** The origin used while loading a document from storage. */
export const LOAD_ORIGIN: LoadOrigin = { kind: 'load' };

/** The origin of a change another instance published. */
export const FANOUT_ORIGIN: PeerOrigin = { kind: 'peer', via: 'fanout' };

/** The origin of a change another instance stored, read back from the store to catch up. */
export const CATCH_UP_ORIGIN: PeerOrigin = { kind: 'peer', via: 'store' };

/** Narrows an arbitrary Yjs transaction origin to a RoomOrigin. */
export function asRoomOrigin(origin: unknown): RoomOrigin | null {
  const kind = (origin as { kind?: unknown } | null)?.kind;
  return kind === 'load' || kind === 'client' || kind === 'server' || kind === 'peer' ? (origin as RoomOrigin) : null;
}

