// A story's access as the rules in model/roles.ts read it, from its list entry as the renderer
// has it (a server from before restricted stories sends neither `restricted` nor `people`).
import type { ApiUser, ArticleListItem } from '../../../model/api-types.ts';
import { canRestrict, canSee, type ArticleAccess, type Viewer } from '../../../model/roles.ts';

/** The viewer the rules see: the signed-in user with their desks. */
export const viewerOf = (user: ApiUser, desks: readonly string[]): Viewer => ({ id: user.id, username: user.username, role: user.role, desks });

/** The people named on `article` (usernames). */
export function namedPeople(article: ArticleListItem): string[] {
  const people: string[] | undefined = article.people;
  return people ?? [];
}

/** `article`'s access in the rules' terms. */
export const accessOf = (article: ArticleListItem): ArticleAccess => ({
  createdBy: article.createdBy,
  deskId: article.deskId,
  restricted: article.restricted === true,
  people: namedPeople(article),
});

/** Whether `user` may restrict `article` or lift that (and name its people). */
export const mayRestrict = (article: ArticleListItem, user: ApiUser, desks: readonly string[]): boolean => canRestrict(viewerOf(user, desks), accessOf(article));

/**
 * The people to name when `user` restricts `article`: those named already, plus `user` when the
 * restriction would otherwise shut them out of the story they are restricting (an editor not on
 * its desk, say).
 */
export function peopleWhenRestricting(article: ArticleListItem, user: ApiUser, desks: readonly string[]): string[] {
  const keepsAccess = canSee(viewerOf(user, desks), { ...accessOf(article), restricted: true });
  const named = namedPeople(article);
  return keepsAccess || named.includes(user.username) ? named : [...named, user.username];
}
