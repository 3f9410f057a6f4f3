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

/** Deletes the kept copy of a story. */
export function forgetLocally(userId: string, articleId: string): Promise<void> {
  return clearDocument(localDocName(userId, articleId));
}
