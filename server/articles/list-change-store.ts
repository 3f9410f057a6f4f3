// The store as the server uses it, telling the story list's live changes after each write that
// changes an entry: a story created, its summary stored, a workflow event or revision recorded, a
// story spiked or restored, put on a desk, embargoed, held or killed.
// Whoever writes (rooms, the routes, revisions, workflow) needs to know nothing of it.
import type { ListChangeReason } from '../../model/list-events.ts';
import type { Store } from '../storage/store.ts';

/** Told after a write changed story `articleId`'s list entry. */
export interface ListChangeSink {
  note(articleId: string, reason: ListChangeReason): void;
}

type Writes = {
  [M in keyof Store]?: (args: Parameters<Store[M]>, result: Awaited<ReturnType<Store[M]>>) => [string, ListChangeReason] | null;
};

// The writes that change a list entry, and which story and why (null: nothing changed).
const WRITES: Writes = {
  createArticle: (_args, result) => (result.created ? [result.article.id, 'created'] : null),
  updateArticleSummary: ([id]) => [id, 'summary'],
  recordWorkflowEvent: ([event], moved) => (moved ? [event.articleId, 'workflow'] : null),
  addRevision: ([revision]) => [revision.articleId, 'workflow'],
  setSpiked: ([event], moved) => (moved ? [event.articleId, 'workflow'] : null),
  setArticleDesk: ([id], changed) => (changed ? [id, 'summary'] : null),
  setArticleRestriction: ([id], changed) => (changed ? [id, 'summary'] : null),
  setRelease: ([id], changed) => (changed ? [id, 'summary'] : null),
  killArticle: ([id], killed) => (killed ? [id, 'workflow'] : null),
};

/**
 * `store`, with `sink` told of each list change once the write succeeded. A Proxy rather than a
 * class repeating every method: whatever the Store interface gains passes through untouched.
 */
export function tellingListChanges(store: Store, sink: ListChangeSink): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!wrapped.has(property)) {
        const method = (value as (...args: unknown[]) => unknown).bind(target);
        const tell = WRITES[property as keyof Store] as ((args: unknown[], result: unknown) => [string, ListChangeReason] | null) | undefined;
        wrapped.set(
          property,
          tell
            ? async (...args: unknown[]) => {
                const result = await method(...args);
                const change = tell(args, result);
                if (change) sink.note(...change);
                return result;
              }
            : method,
        );
      }
      return wrapped.get(property);
    },
  });
}
