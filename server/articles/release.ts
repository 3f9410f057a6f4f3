// Release decisions over the store (docs/API.md, "Release"): a story's embargo and legal hold,
// set together, and its kill. Each is one transaction with its audit entry; a killed story
// stays killed, so neither can change it afterwards (409).
import type { ArticleListItem } from '../../model/api-types.ts';
import type { ReleaseRequest } from '../../model/release-state.ts';
import { badRequest, HttpError, notFound } from '../http/http-error.ts';
import type { ReleaseStore, User } from '../storage/store.ts';
import type { Articles } from './articles.ts';

// What a change to a killed story is told.
const killedAlready = (id: string) => new HttpError(409, `story ${id} is killed, and a killed story stays killed: nothing of its release can change`);

/** Embargoes, holds and kills of stories, at the server's clock. */
export class Releases {
  constructor(
    private readonly store: ReleaseStore,
    private readonly articles: Pick<Articles, 'get'>,
    /** The server's clock (start-server.ts `now`): what "in the past" means, and when a change is made. */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Sets `article`'s embargo and hold as `request` says for `by`: 409 once it is killed, 400 for a
   * new embargo already past (null lifts one). Answers the story's entry as it is now.
   */
  async set(article: ArticleListItem, request: ReleaseRequest, by: User): Promise<ArticleListItem> {
    if (article.killed) throw killedAlready(article.id);
    const now = this.now();
    if (request.embargoUntil !== null && request.embargoUntil !== article.embargoUntil && request.embargoUntil <= now) {
      throw badRequest(`embargoUntil ${new Date(request.embargoUntil).toISOString()} is past; send a later time, or null to lift the embargo`);
    }
    const change = { embargoUntil: request.embargoUntil, holdNote: request.hold?.note ?? null };
    if (!(await this.store.setRelease(article.id, change, now, { userId: by.id }))) throw killedAlready(article.id);
    return this.current(article.id);
  }

  /** Kills `article` for good with why, for `by`; 409 when it is killed already. */
  async kill(article: ArticleListItem, note: string, by: User): Promise<ArticleListItem> {
    if (article.killed || !(await this.store.killArticle(article.id, note, this.now(), { userId: by.id }))) throw killedAlready(article.id);
    return this.current(article.id);
  }

  private async current(id: string): Promise<ArticleListItem> {
    const article = await this.articles.get(id);
    if (!article) throw notFound(`story ${id}`);
    return article;
  }
}
