// Filtering and searching the story list: pure, so it is tested without a browser.
import type { ArticleListItem } from '../../../model/api-types.ts';
import { inReviewQueue, articleState, type QueueViewer, type ArticleState } from '../../../model/article-state.ts';

/** What the list shows by state: every story not spiked (`all`), one state, `spiked` ones only, or the viewer's review queue. */
export type StatusFilter = ArticleState | 'all' | 'queue';

/** The list's filter controls. */
export interface ArticleFilter {
  status: StatusFilter;
  desk: string;
  query: string;
  /** Only the stories on one of the viewer's desks ("My desks"). */
  mine: boolean;
}

/** A filter that shows everything. */
export const ALL_ARTICLES: ArticleFilter = { status: 'all', desk: 'all', query: '', mine: false };

/** Whether `article` is on one of `myDesks` (desk ids). */
export const onMyDesks = (article: ArticleListItem, myDesks: readonly string[]): boolean => article.deskId !== null && myDesks.includes(article.deskId);

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Who sees a queue when none is given: someone who may approve, and nobody's sent-back stories. */
const EDITOR: QueueViewer = { id: '', canApprove: true };

/**
 * Whether `story` shows under `status`: a spiked story only under `spiked`; `approved` also
 * covers the approved stories changed since; `queue` is `viewer`'s review queue.
 */
function matchesStatus(article: ArticleListItem, status: StatusFilter, viewer: QueueViewer = EDITOR): boolean {
  const state = articleState(article);
  if (status === 'queue') return inReviewQueue(article, viewer);
  if (status === 'all') return state !== 'spiked';
  if (status === 'approved') return state === 'approved' || state === 'approved-changed';
  return state === status;
}

/** Stories matching the filter (`myDesks`: the viewer's desk ids); the query matches headline words regardless of case and accents. */
export function filterArticles(articles: ArticleListItem[], filter: ArticleFilter, viewer?: QueueViewer, myDesks: readonly string[] = []): ArticleListItem[] {
  const terms = fold(filter.query).split(/\s+/).filter(Boolean);
  return articles.filter(
    (article) =>
      matchesStatus(article, filter.status, viewer) &&
      (filter.desk === 'all' || article.desk === filter.desk) &&
      (!filter.mine || onMyDesks(article, myDesks)) &&
      terms.every((term) => fold(article.headline).includes(term)),
  );
}

/** The stories in `viewer`'s review queue. */
export const reviewQueue = (articles: ArticleListItem[], viewer: QueueViewer): ArticleListItem[] => articles.filter((article) => inReviewQueue(article, viewer));

/** The desks in use, sorted, for the desk filter. */
export function desksOf(articles: ArticleListItem[]): string[] {
  return [...new Set(articles.map((s) => s.desk).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}
