// The story list ("the budget"): loaded from the server and refreshed while it is shown. Offline
// it is the list as last loaded on this device, plus the stories created here since.
import type { ApiUser, ArticleListItem } from '../../../model/api-types.ts';
import type { Api } from './api.ts';
import type { LocalIndex } from './local-index.svelte.ts';
import { isUnreachable } from './picture-uploads.ts';
import { ALL_STORIES, desksOf, filterStories, type StoryFilter } from './story-filter.ts';

/** What the list shows for a story created on this device that the server does not know yet. */
export function localListItem(id: string, user: ApiUser, at: number): ArticleListItem {
  return {
    id,
    headline: '',
    byline: '',
    desk: '',
    slug: '',
    wordCount: 0,
    status: 'draft',
    submittedRevision: null,
    approvedRevision: null,
    createdAt: at,
    createdBy: user.id,
    updatedAt: at,
    updatedBy: user.id,
    updatedByName: user.displayName,
    openBy: [],
    pictureCount: 0,
    picturesMissingCredit: 0,
    lastEvent: null,
  };
}

/** The device's side of the list: its cache and its offline-created stories. */
export interface LocalListSource {
  index: LocalIndex;
  user: ApiUser;
}

/** The list, its filter, and what is visible through it. */
export class StoryList {
  stories = $state<ArticleListItem[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  /** Offline: when the list shown was loaded from the server (null when it is current). */
  offlineSince = $state<number | null>(null);
  filter = $state<StoryFilter>({ ...ALL_STORIES });
  visible = $derived(filterStories(this.stories, this.filter));
  desks = $derived(desksOf(this.stories));
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly api: () => Api,
    private readonly local: () => LocalListSource | null = () => null,
  ) {}

  /** Loads the list now. */
  async refresh(): Promise<void> {
    const local = this.local();
    try {
      const stories = await this.api().listArticles();
      local?.index.cacheList(stories);
      this.stories = this.withLocal(stories, local);
      this.offlineSince = null;
      this.error = null;
    } catch (error) {
      const cached = local?.index.cachedList();
      if (isUnreachable(error) && cached) {
        this.stories = this.withLocal(cached.stories, local);
        this.offlineSince = cached.at;
        this.error = null;
      } else {
        this.error = (error as Error).message;
      }
    } finally {
      this.loaded = true;
    }
  }

  // Stories created on this device and not yet on the server come first.
  private withLocal(stories: ArticleListItem[], local: LocalListSource | null): ArticleListItem[] {
    if (!local) return stories;
    const known = new Set(stories.map((s) => s.id));
    const mine = Object.entries(local.index.stories)
      .filter(([id, facts]) => facts.createdOffline && !known.has(id))
      .map(([id, facts]) => localListItem(id, local.user, facts.lastOpened));
    return [...mine, ...stories];
  }

  /** Refreshes every `ms` milliseconds (and now, and when the network returns) until stopped; returns the stop function. */
  watch(ms = 5000): () => void {
    const onOnline = () => void this.refresh();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), ms);
    window.addEventListener('online', onOnline);
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      window.removeEventListener('online', onOnline);
    };
  }
}
