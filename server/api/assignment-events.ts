// Who was just assigned to a story: the event streams compare each story's new list entry with the
// assignees it had, and tell each newly assigned person (event `assigned`, docs/API.md). The last
// assignees of every assigned story are kept in memory, read from the store at start, so that the
// first change after a restart tells only who was really added. Entries from other instances pass
// through here too (list-changes.ts), so every instance knows every story's assignees.
import type { ArticleListItem } from '../../model/api-types.ts';
import type { AssignedEvent } from '../../model/list-events.ts';
import type { ArticleRecord, ArticleStore, ListPosition } from '../storage/store.ts';

/** Stories read per page when learning the assignees at start. */
const SEED_PAGE = 500;

/** The assignees of each assigned story, as last told. */
export class AssignmentTracker {
  private readonly known = new Map<string, readonly string[]>();

  /** Learns the assignees `articles` have now, telling nobody (at start). */
  seed(articles: Iterable<Pick<ArticleRecord, 'id' | 'assignees'>>): void {
    for (const article of articles) this.remember(article.id, article.assignees);
  }

  /**
   * Takes in a story's new entry and returns the usernames it newly names as assignees. A story
   * not known had none: every story there at start was seeded with the assignees it had.
   */
  added(article: Pick<ArticleListItem, 'id' | 'assignees'>): string[] {
    const before = this.known.get(article.id) ?? [];
    this.remember(article.id, article.assignees);
    return article.assignees.filter((name) => !before.includes(name));
  }

  private remember(id: string, assignees: readonly string[]): void {
    if (assignees.length === 0) this.known.delete(id);
    else this.known.set(id, [...assignees]);
  }
}

/** Reads every story's assignees from `store`, a page at a time (spiked ones too: restoring one must not tell anyone again). */
export async function seedAssignments(tracker: AssignmentTracker, store: Pick<ArticleStore, 'listArticles'>): Promise<void> {
  let after: ListPosition | undefined;
  for (;;) {
    const page = await store.listArticles({ limit: SEED_PAGE, after });
    tracker.seed(page);
    if (page.length < SEED_PAGE) return;
    const last = page[page.length - 1];
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}

/** The `assigned` event for `article`: its id, headline and slug, and its last editor as who assigned. */
export function assignedEvent(article: ArticleListItem): AssignedEvent {
  return {
    type: 'assigned',
    article: { id: article.id, headline: article.headline, slug: article.slug },
    by: article.updatedBy === null ? null : { id: article.updatedBy, name: article.updatedByName ?? '' },
  };
}
