// Story documents kept on this device: one IndexedDB database per story and user
// (y-indexeddb), so the app opens and edits stories with the server unreachable.
import type * as Y from 'yjs';
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb';

/** The IndexedDB name of a user's copy of a story. */
export const localDocName = (userId: string, articleId: string) => `newsroom:${userId}:story:${articleId}`;

/** Loads the kept copy into `doc` and keeps every change from now on (compacted by y-indexeddb as it grows). */
export function keepLocally(userId: string, articleId: string, doc: Y.Doc): IndexeddbPersistence {
  return new IndexeddbPersistence(localDocName(userId, articleId), doc);
}

// y-indexeddb's object store of updates (it does not export the name).
const UPDATES_STORE = 'updates';

/**
 * Resolves once every write to the kept copy made before the call is committed: a read-only
 * transaction over the same store starts only after the read-write ones created before it have
 * finished. Resolves at once while the copy has not opened.
 */
export function whenWrittenLocally(persistence: IndexeddbPersistence): Promise<void> {
  const db = persistence.db;
  if (!db) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction([UPDATES_STORE], 'readonly');
    transaction.oncomplete = () => resolve();
    transaction.onabort = transaction.onerror = () => reject(transaction.error ?? new Error('reading the kept copy failed'));
    transaction.objectStore(UPDATES_STORE).count();
  });
}

/** Deletes the kept copy of a story. */
export function forgetLocally(userId: string, articleId: string): Promise<void> {
  return clearDocument(localDocName(userId, articleId));
}
