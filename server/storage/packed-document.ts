// A stored story as it crosses from the SQLite worker to the main thread: its log packed into
// one buffer that is transferred, not cloned. Cloning a long log (tens of thousands of entries
// after a crash) copied each entry on its own and took longer than applying them.
import type { StoredDocument } from './store.ts';

/** A StoredDocument with its log as one buffer and each entry's end offset in it. */
export interface PackedDocument {
  snapshot: Uint8Array | null;
  log: Uint8Array;
  ends: Uint32Array;
  lastSeq: number;
}

/** Packs `stored`'s log into one buffer (its ArrayBuffer is the packed document's own, to transfer). */
export function packDocument(stored: StoredDocument): PackedDocument {
  const ends = new Uint32Array(stored.updates.length);
  let size = 0;
  stored.updates.forEach((update, i) => (ends[i] = size += update.length));
  const log = new Uint8Array(size);
  stored.updates.forEach((update, i) => log.set(update, i === 0 ? 0 : ends[i - 1]));
  return { snapshot: stored.snapshot, log, ends, lastSeq: stored.lastSeq };
}

/** The buffers a packed document may hand over to the other thread. */
export const packedTransfers = (packed: PackedDocument): ArrayBuffer[] => [packed.log.buffer as ArrayBuffer, packed.ends.buffer as ArrayBuffer];

/**
 * The StoredDocument back. Each entry is copied out into a buffer of its own size (a few
 * milliseconds for 50,000): a view into the packed buffer would make every later postMessage
 * of one entry clone all of them.
 */
export function unpackDocument(packed: PackedDocument): StoredDocument {
  const updates = new Array<Uint8Array>(packed.ends.length);
  let start = 0;
  for (let i = 0; i < packed.ends.length; i++) {
    updates[i] = packed.log.slice(start, packed.ends[i]);
    start = packed.ends[i];
  }
  return { snapshot: packed.snapshot, updates, lastSeq: packed.lastSeq };
}
