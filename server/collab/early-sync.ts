// A cold open sends the story to the client that asked for it as soon as it is read from the
// store (when it is one update: a snapshot), while the server applies the same bytes to its own
// copy: the client's work and the server's overlap instead of following each other. The client then asks for what it lacks as
// usual (sync step 1) and is answered with what changed since the load (room.ts).
import * as Y from 'yjs';
import { storedUpdates } from '../../model/apply-stored.ts';
import type { StoredDocument } from '../storage/store.ts';
import { encodeSyncStep2Update } from './sync-messages.ts';

/** An update that changes nothing. */
export const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * The message that gives a client `stored` whole: sync step 2 with its one update (the
 * snapshot, with no log after it). Null when it is more than one update (a log not yet folded
 * in, after a crash): a stock client counts itself synced on the first step 2, so the story
 * must come whole in it, and that case takes the ordinary handshake.
 */
export function earlySyncMessage(stored: StoredDocument): Uint8Array | null {
  const updates = storedUpdates(stored);
  return updates.length === 1 ? encodeSyncStep2Update(updates[0]) : null;
}

/** The state vector of a client holding both `a` and `b` (each client's larger clock); throws if either is malformed. */
export function unionStateVectors(a: Uint8Array, b: Uint8Array): Uint8Array {
  const union = Y.decodeStateVector(a);
  for (const [client, clock] of Y.decodeStateVector(b)) union.set(client, Math.max(clock, union.get(client) ?? 0));
  return Y.encodeStateVector(union);
}
