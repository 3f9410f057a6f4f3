// A story's deadline as the list and the board show it: the time left, and whether it is late.
import type { ArticleListItem } from '../../../model/api-types.ts';
import { articleState, type ArticleState, type ArticleStateFacts } from '../../../model/article-state.ts';
import { deadlineLeft } from './time.ts';

/** The states in which a story is filed: approved, whether or not the draft moved on since. */
export const APPROVED_STATES: readonly ArticleState[] = ['approved', 'approved-changed'];

/**
 * The deadline cell of a story at `now`: the time left (`in 40 min`, `due now`, `12 min late`),
 * and whether it is late — past its deadline and not approved (an approved story is filed, and its
 * cell says so instead of counting on). Null without a deadline.
 */
export function storyDeadline(article: ArticleStateFacts & Pick<ArticleListItem, 'deadline'>, now: number): { text: string; late: boolean } | null {
  if (article.deadline === null) return null;
  const left = deadlineLeft(article.deadline, now);
  if (APPROVED_STATES.includes(articleState(article)) && left.late) return { text: 'approved', late: false };
  return left;
}
