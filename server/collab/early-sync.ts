// A cold open sends the story to the client that asked for it as soon as it is read from the
// store, while the server applies the same bytes to its own copy: the client's work and the
// server's overlap instead of following each other. The client then asks for what it lacks as
// usual (sync step 1) and is answered with what changed since the load (room.ts).
import * as Y from 'yjs';
import { storedUpdates } from '../../model/apply-stored.ts';
import type { StoredDocument } from '../storage/store.ts';
import { encodeSyncStep2Update, encodeUpdate } from './sync-messages.ts';

/** A longer log is not sent entry by entry: the client is answered from the server's copy (one update) instead. */
export const EARLY_LOG_LIMIT = 100;

/** An update that changes nothing. */
export const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * The messages that give a client `stored` whole: sync step 2 with the snapshot (or first log
 * entry), then each later entry as an update. Null when there is nothing stored or the log is
 * longer than EARLY_LOG_LIMIT.
 */
export function earlySyncMessages(stored: StoredDocument): Uint8Array[] | null {
  if (stored.updates.length > EARLY_LOG_LIMIT) return null;
  const [first, ...rest] = storedUpdates(stored);
  return first ? [encodeSyncStep2Update(first), ...rest.map(encodeUpdate)] : null;
}

/** The state vector of a client holding both `a` and `b` (each client's larger clock); throws if either is malformed. */
export function unionStateVectors(a: Uint8Array, b: Uint8Array): Uint8Array {
  const union = Y.decodeStateVector(a);
  for (const [client, clock] of Y.decodeStateVector(b)) union.set(client, Math.max(clock, union.get(client) ?? 0));
  return Y.encodeStateVector(union);
}
