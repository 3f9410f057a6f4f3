// Where a story stands as the list, the review queue and the story page show it: the workflow
// status refined by what else is known of the story (sent back, changed since approval, spiked).
import type { ArticleListItem } from './api-types.ts';

/** Every state a story can be shown in, in the order the list's status filter offers them. */
export const ARTICLE_STATES = ['draft', 'sent-back', 'submitted', 'approved', 'approved-changed', 'spiked'] as const;

/** A story's shown state. */
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** What the state is read from. */
export type ArticleStateFacts = Pick<ArticleListItem, 'status' | 'sentBack' | 'changedSinceApproval' | 'spiked'>;

/**
 * The state of `story`: spiked above all (it is out of the list), then awaiting review, then sent
 * back (its latest review step was a send-back), then approved — `approved-changed` when the live
 * draft no longer equals the approved revision —, else draft.
 */
export function articleState(article: ArticleStateFacts): ArticleState {
  if (article.spiked) return 'spiked';
  if (article.status === 'submitted') return 'submitted';
  if (article.sentBack) return 'sent-back';
  if (article.status === 'approved') return article.changedSinceApproval ? 'approved-changed' : 'approved';
  return 'draft';
}

/** Who looks at the review queue: their id, and whether they may approve. */
export interface QueueViewer {
  id: string;
  canApprove: boolean;
}

/**
 * Whether `story` is in `viewer`'s review queue: a story awaiting approval, for those who may
 * approve; a story sent back, for its author (who filed the revision, or who created the story).
 */
export function inReviewQueue(article: ArticleStateFacts & Pick<ArticleListItem, 'createdBy'>, viewer: QueueViewer): boolean {
  const state = articleState(article);
  if (state === 'submitted') return viewer.canApprove;
  if (state === 'sent-back') return article.sentBack?.authorId === viewer.id || article.createdBy === viewer.id;
  return false;
}
