// Compaction of a story whose log several instances append to. An instance's document may not
// yet hold what another instance appended a moment ago (the fan-out is asynchronous), so its
// own state "up to seq N" is not a safe snapshot: the log rows it lacks would be dropped. Under
// the story's lock, the stored snapshot and log are read back and merged with the in-memory
// state, and only what was actually read is dropped from the log.
import * as Y from 'yjs';
import { applyStored } from '../../model/apply-stored.ts';
import { keepRemovedMarks } from '../../model/mark-authors.ts';
import type { Logger } from '../log.ts';
import type { DocumentLog } from '../storage/store.ts';
import type { ArticleLock } from './article-lock.ts';

/** A `compact` of `log` safe with several writers: merges the store's content into the snapshot, one instance at a time. */
export function sharedCompaction(log: Pick<DocumentLog, 'loadDocument' | 'compact'>, lock: ArticleLock, logger: Logger): DocumentLog['compact'] {
  // The room's own `uptoSeq` is not used: the snapshot covers everything read, which includes it.
  return async (articleId, state) => {
    let locked: boolean;
    try {
      locked = await lock.tryExclusive(`compact:${articleId}`, async () => {
        const stored = await log.loadDocument(articleId);
        const merged = new Y.Doc({ gcFilter: keepRemovedMarks });
        try {
          merged.transact(() => {
            Y.applyUpdate(merged, state);
            applyStored(merged, stored);
          });
          await log.compact(articleId, Y.encodeStateAsUpdate(merged), stored.lastSeq);
        } finally {
          merged.destroy();
        }
      });
    } catch (error) {
      // Skipping is safe: the log keeps every update, and the next compaction folds it in.
      logger.warn(`not compacting story ${articleId} now: its lock could not be asked for (${(error as Error).message}); the log is kept`);
      return;
    }
    if (!locked) logger.debug(`not compacting story ${articleId} now: its lock is held by another instance or Redis is unreachable; the log is kept`);
  };
}
