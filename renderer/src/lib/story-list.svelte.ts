// The story list ("the budget"): loaded from the server and refreshed while it is shown.
import type { ArticleListItem } from '../../../model/api-types.ts';
import type { Api } from './api.ts';
import { ALL_STORIES, desksOf, filterStories, type StoryFilter } from './story-filter.ts';

/** The list, its filter, and what is visible through it. */
export class StoryList {
  stories = $state<ArticleListItem[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  filter = $state<StoryFilter>({ ...ALL_STORIES });
  visible = $derived(filterStories(this.stories, this.filter));
  desks = $derived(desksOf(this.stories));
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly api: () => Api) {}

  /** Loads the list now. */
  async refresh(): Promise<void> {
    try {
      this.stories = await this.api().listArticles();
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loaded = true;
    }
  }

  /** Refreshes every `ms` milliseconds (and now) until stopped; returns the stop function. */
  watch(ms = 5000): () => void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), ms);
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    };
  }
}
