// What the event streams know of restricted stories: the access of each one they were told of
// (from the list entries of this instance and the others), so that a restricted story's entry and
// presence reach only the streams whose viewer may see it, and a change of who may see it makes
// the others read their list again (it drops out of theirs) without naming it.
import type { ArticleListItem } from '../../model/api-types.ts';
import type { ArticleAccess } from '../../model/roles.ts';

// The facts that decide who sees a story, as one comparable text.
const accessKey = (article: ArticleAccess) => JSON.stringify([article.createdBy, article.deskId, [...article.people].sort()]);

/** The restricted stories this instance was told of, with who may see each. */
export class RestrictedEntries {
  private readonly known = new Map<string, { access: ArticleAccess; key: string }>();

  /**
   * Takes in a story's new entry; true when it is restricted and who may see it is not what it was
   * (newly restricted, or its desk, author or people changed, or not known since this process started).
   */
  note(article: ArticleListItem): boolean {
    if (!article.restricted) {
      this.known.delete(article.id);
      return false;
    }
    const access: ArticleAccess = { createdBy: article.createdBy, deskId: article.deskId, restricted: true, people: [...article.people] };
    const key = accessKey(access);
    const changed = this.known.get(article.id)?.key !== key;
    this.known.set(article.id, { access, key });
    return changed;
  }

  /** Every restricted story known, with who may see it. */
  *all(): IterableIterator<[string, ArticleAccess]> {
    for (const [id, { access }] of this.known) yield [id, access];
  }

  /** Who may see story `id`, when it is a restricted one; undefined for any other. */
  accessOf(id: string): ArticleAccess | undefined {
    return this.known.get(id)?.access;
  }
}
