// The dock/taskbar badge: for those who approve, the stories waiting for review; for everyone
// else, the stories with work not yet sent from this computer.
import { articleState, type ArticleStateFacts } from '../../../model/article-state.ts';
import { can, type Role } from '../../../model/roles.ts';

/** The number on the badge (0: none). */
export function badgeCount(role: Role, stories: readonly ArticleStateFacts[], unsentStories: number): number {
  if (can(role, 'approve')) return stories.filter((story) => articleState(story) === 'submitted').length;
  return unsentStories;
}
