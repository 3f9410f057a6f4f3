// Applying the story list's live changes (model/list-events.ts) to the list as loaded: pure, so
// it is tested without a browser. The list stays in the server's order: most recently updated
// first, ties by id.
import type { ArticleListItem } from '../../../model/api-types.ts';
import type { ListEvent } from '../../../model/list-events.ts';

/** The server's order of the list. */
export const byListOrder = (a: ArticleListItem, b: ArticleListItem): number => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** When an entry last changed: its summary or its latest workflow step, whichever is later. */
const changedAt = (article: ArticleListItem) => Math.max(article.updatedAt, article.lastEvent?.at ?? 0);

/**
 * `stories` with `event` applied (a new array when anything changed, else `stories` itself). An
 * entry older than the one held (it crossed a fresher page read) is ignored; a presence change
 * of a story not held waits for the story itself.
 */
export function applyListEvent(articles: ArticleListItem[], event: ListEvent): ArticleListItem[] {
  if (event.type === 'presence') {
    const index = articles.findIndex((s) => s.id === event.id);
    if (index < 0) return articles;
    const next = [...articles];
    next[index] = { ...articles[index], openBy: event.openBy };
    return next;
  }
  if (event.type !== 'article') return articles;
  const held = articles.find((s) => s.id === event.article.id);
  if (held && changedAt(held) > changedAt(event.article)) return articles;
  return [...articles.filter((s) => s !== held), event.article].sort(byListOrder);
}
