// Filling a Y.Doc from a story's stored form: a snapshot (or none) and the log of updates
// written after it, applied in one transaction so that observers see one change, with an
// origin that says where it came from.
import * as Y from 'yjs';

/** A story as stored: the snapshot (null before the first compaction) and the log after it. */
export interface StoredContent {
  snapshot: Uint8Array | null;
  updates: readonly Uint8Array[];
}

/** The stored content as one list of updates, the snapshot first (not decoded here). */
export function storedUpdates(stored: StoredContent): Uint8Array[] {
  return stored.snapshot ? [stored.snapshot, ...stored.updates] : [...stored.updates];
}

/** Applies `updates` to `doc` in order, in one transaction with `origin`. */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin: unknown = null): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}

/** Applies a stored snapshot and the log after it to `doc`, in one transaction with `origin`. */
export function applyStored(doc: Y.Doc, stored: StoredContent, origin: unknown = null): void {
  applyUpdates(doc, storedUpdates(stored), origin);
}
