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

/**
 * Follows the writes to a kept copy for the badge's "saved on this computer": writing from a write
 * until a check started after it (whenWrittenLocally) has seen it committed. One check at a time:
 * writes made while one runs are covered by one more check after it, not one each (a check is an
 * IndexedDB transaction; four people typing make dozens of writes a second).
 */
export class LocalWrites {
  private writes = 0;
  private checking = false;

  constructor(
    private readonly check: () => Promise<void>,
    private readonly onWriting: (writing: boolean) => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** A change was just handed to the kept copy. */
  wrote(): void {
    this.writes++;
    this.onWriting(true);
    this.run();
  }

  private run(): void {
    if (this.checking) return;
    this.checking = true;
    const upTo = this.writes;
    this.check().then(
      () => {
        this.checking = false;
        if (upTo === this.writes) this.onWriting(false);
        else this.run();
      },
      (error: unknown) => {
        this.checking = false;
        this.onError(error);
      },
    );
  }
}

/** Deletes the kept copy of a story. */
export function forgetLocally(userId: string, articleId: string): Promise<void> {
  return clearDocument(localDocName(userId, articleId));
}
