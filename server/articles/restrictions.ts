// Restricting a story to its desk (and named people), lifting that, and naming its people:
// PATCH /api/articles/:id {restricted?, people?}. Who may is model/roles.ts `canRestrict`; each
// change is one transaction with its audit entry (`article.restrict`, `article.unrestrict` — the
// lifting, `article.people`).
import type { ArticleListItem } from '../../model/api-types.ts';
import { canRestrict, canSee, canSetDesk } from '../../model/roles.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import type { AccountStore, AuditEvent, DeskStore, User } from '../storage/store.ts';
import type { ArticleGate } from './article-gate.ts';
import type { Articles } from './articles.ts';

/** The most people one story may name besides its desk. */
export const PEOPLE_PER_ARTICLE_MAX = 100;

/** What a PATCH asks of a story's restriction; absent fields stay as they are. */
export interface RestrictionChange {
  restricted?: boolean;
  /** Usernames. */
  people?: string[];
}

/** Restrictions over the store, the stories and the rules. */
export class Restrictions {
  constructor(
    private readonly store: Pick<AccountStore, 'findUserByUsername'> & Pick<DeskStore, 'setArticleRestriction' | 'listArticlePeople'>,
    private readonly articles: Pick<Articles, 'get'>,
    private readonly gate: Pick<ArticleGate, 'viewer'>,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * 403 unless `by` may do all a PATCH asks of `article` as it is now, before any of it is done:
   * move it (model/roles.ts `canSetDesk`: a restricted story only by who may restrict it) and
   * restrict it, lift that or name its people (`canRestrict`).
   */
  async checkRights(article: ArticleListItem, by: User, asks: { desk: boolean; restriction: boolean }): Promise<void> {
    const viewer = await this.gate.viewer(by);
    if (asks.desk && !canSetDesk(viewer, article)) {
      throw new HttpError(403, article.restricted ? `a ${by.role} who may not restrict this story cannot move it to another desk` : `a ${by.role} cannot move stories between desks`);
    }
    if (asks.restriction && !canRestrict(viewer, article)) throw new HttpError(403, `a ${by.role} who is not on the story's desk cannot restrict it or lift its restriction`);
  }

  /**
   * Applies `change` to `article` for `by`: 403 unless they may restrict `rightsOn` (the story as
   * it was before this request moved it; `article` itself by default), 400 for an unknown person.
   * Whoever restricts a story they would not see afterwards is named on it: nobody locks themself
   * out by restricting.
   */
  async change(article: ArticleListItem, change: RestrictionChange, by: User, rightsOn: ArticleListItem = article): Promise<ArticleListItem> {
    const viewer = await this.gate.viewer(by);
    if (!canRestrict(viewer, rightsOn)) throw new HttpError(403, `a ${by.role} who is not on the story's desk cannot restrict it or lift its restriction`);
    const restricted = change.restricted ?? article.restricted;
    const named = change.people === undefined ? null : await this.userIds(change.people);
    const people = new Map(named ?? (await this.store.listArticlePeople(article.id)).map((id) => [id, ''] as const));
    if (restricted && !canSee({ ...viewer, username: '' }, { ...article, restricted, people: [] }) && !people.has(by.id)) people.set(by.id, by.username);
    const action = restricted === article.restricted ? 'article.people' : restricted ? 'article.restrict' : 'article.unrestrict';
    const audit: AuditEvent = {
      at: this.now(),
      userId: by.id,
      action,
      articleId: article.id,
      detail: { restricted: [article.restricted, restricted], desk: article.deskId, ...(named ? { people: [article.people, [...people.values()].filter(Boolean)] } : {}) },
    };
    if (!(await this.store.setArticleRestriction(article.id, { restricted, people: [...people.keys()] }, this.now(), audit))) throw notFound(`story ${article.id}`);
    return (await this.articles.get(article.id))!;
  }

  // The ids of `usernames` (400 naming the first that is nobody), with the names as stored.
  private async userIds(usernames: string[]): Promise<[string, string][]> {
    const found: [string, string][] = [];
    for (const username of new Set(usernames)) {
      const user = await this.store.findUserByUsername(username);
      if (!user) throw badRequest(`there is nobody called ${JSON.stringify(username.slice(0, 64))}`);
      found.push([user.id, user.username]);
    }
    return found;
  }
}
