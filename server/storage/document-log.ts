// Decorating a document log: the scale-out wraps a store's appends (to publish them) and its
// compaction (to take a lock) and passes every other call through.
import type { DocumentLog } from './store.ts';

/** `log` with the calls in `replaced` replaced (a replacement may call `log`'s own); the rest go to `log`. */
export function withCalls(log: DocumentLog, replaced: Partial<DocumentLog>): DocumentLog {
  return {
    loadDocument: replaced.loadDocument ?? ((articleId) => log.loadDocument(articleId)),
    appendUpdates: replaced.appendUpdates ?? ((articleId, updates) => log.appendUpdates(articleId, updates)),
    compact: replaced.compact ?? ((articleId, state, uptoSeq) => log.compact(articleId, state, uptoSeq)),
    addClientAuthors: replaced.addClientAuthors ?? ((articleId, authors) => log.addClientAuthors(articleId, authors)),
    listClientAuthors: replaced.listClientAuthors ?? ((articleId) => log.listClientAuthors(articleId)),
  };
}
