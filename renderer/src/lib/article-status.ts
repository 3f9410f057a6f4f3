// The words that explain a story's state where the list and the story show it: pure, so it is
// tested without a browser.
import type { ArticleListItem } from '../../../model/api-types.ts';
import { articleState } from '../../../model/article-state.ts';

/** "1 word", "412 words". */
export const words = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'word' : 'words'}`;

/** The approved and the current word counts of a story changed since approval, e.g. "412 words approved · 455 now"; '' otherwise. */
export function changedCounts(article: ArticleListItem): string {
  if (articleState(article) !== 'approved-changed' || article.approvedWordCount === null) return '';
  return `${words(article.approvedWordCount)} approved · ${article.wordCount.toLocaleString()} now`;
}

/** What the state's label means for this story, in a sentence (a hover title); '' when the label says it all. */
export function statusTitle(article: ArticleListItem): string {
  const state = articleState(article);
  if (state === 'sent-back' && article.sentBack) return `Sent back by ${article.sentBack.byName}: “${article.sentBack.note}”`;
  if (state === 'approved-changed' && article.approvedRevision !== null && article.approvedWordCount !== null) {
    return `Revision ${article.approvedRevision} is approved (${words(article.approvedWordCount)}); the draft has changed since (${words(article.wordCount)} now).`;
  }
  return '';
}
