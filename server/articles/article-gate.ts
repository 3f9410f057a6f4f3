// Who may know a story exists (model/roles.ts `canSee`), asked in one place per transport: the
// router for every /api/articles/:id route, the websocket's admission, the list's and the credits'
// SQL. Anyone else is answered as for a story that does not exist: 404, never a hint.
import type { ArticleListItem } from '../../model/api-types.ts';
import { canSee, type Viewer } from '../../model/roles.ts';
import { notFound } from '../http/http-error.ts';
import type { AccountStore, PictureRecord, PictureStore, User } from '../storage/store.ts';
import type { Articles } from './articles.ts';

/** The rule of `canSee` over the store: who the viewer is, and the story if they may see it. */
export class ArticleGate {
  constructor(
    private readonly store: Pick<AccountStore, 'getPerson'> & Pick<PictureStore, 'pictureUses'>,
    private readonly articles: Pick<Articles, 'get'>,
  ) {}

  /** `user` as the rules see them, with the desks they are a member of now. */
  async viewer(user: User): Promise<Viewer> {
    const person = await this.store.getPerson(user.id);
    return { id: user.id, username: user.username, role: user.role, desks: person?.desks ?? [] };
  }

  /** The story, or null when there is none or `user` may not know it exists. */
  async visible(user: User, id: string): Promise<ArticleListItem | null> {
    const article = await this.articles.get(id);
    if (!article) return null;
    if (!article.restricted) return article;
    return canSee(await this.viewer(user), article) ? article : null;
  }

  /** The story, or 404 (`story ID not found`) both when there is none and when `user` may not know it exists. */
  async article(user: User, id: string): Promise<ArticleListItem> {
    const article = await this.visible(user, id);
    if (!article) throw notFound(`story ${id}`);
    return article;
  }

  /**
   * Whether `user` may see a picture: its uploader always; anyone while a story that is not
   * restricted uses it (or none does yet); else only who may see one of the restricted stories using it.
   */
  async mayShowPicture(user: User, picture: PictureRecord): Promise<boolean> {
    if (picture.uploadedBy === user.id) return true;
    const uses = await this.store.pictureUses(picture.hash);
    if (uses.openUse || uses.restricted.length === 0) return true;
    const viewer = await this.viewer(user);
    return uses.restricted.some((article) => canSee(viewer, article));
  }
}
