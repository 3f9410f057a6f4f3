// Typed transaction origins: every change to a room's document says where it came from, so
// that handlers decide by kind (skip storing what was just loaded, don't echo to the sender).
import type { RoomConnection } from './room-connection.ts';

/** The document was filled from storage. Already stored; not relayed. */
export interface LoadOrigin {
  kind: 'load';
}

/** A connected client sent the change. */
export interface ClientOrigin {
  kind: 'client';
  connection: RoomConnection;
}

/** The server itself changed the document (for example, restoring a revision). */
export interface ServerOrigin {
  kind: 'server';
  reason: string;
  userId: string | null;
}

/** Where a change to a room's document came from. */
export type RoomOrigin = LoadOrigin | ClientOrigin | ServerOrigin;

/** The origin used while loading a document from storage. */
export const LOAD_ORIGIN: LoadOrigin = { kind: 'load' };

/** Narrows an arbitrary Yjs transaction origin to a RoomOrigin. */
export function asRoomOrigin(origin: unknown): RoomOrigin | null {
  const kind = (origin as { kind?: unknown } | null)?.kind;
  return kind === 'load' || kind === 'client' || kind === 'server' ? (origin as RoomOrigin) : null;
}
