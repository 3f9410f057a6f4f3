// Filtering and searching the story list: pure, so it is tested without a browser.
import type { ArticleListItem } from '../../../model/api-types.ts';
import type { Status } from '../../../model/workflow.ts';

/** The list's filter controls. */
export interface StoryFilter {
  status: Status | 'all';
  desk: string;
  query: string;
}

/** A filter that shows everything. */
export const ALL_STORIES: StoryFilter = { status: 'all', desk: 'all', query: '' };

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Stories matching the filter; the query matches headline words regardless of case and accents. */
export function filterStories(stories: ArticleListItem[], filter: StoryFilter): ArticleListItem[] {
  const terms = fold(filter.query).split(/\s+/).filter(Boolean);
  return stories.filter(
    (story) =>
      (filter.status === 'all' || story.status === filter.status) &&
      (filter.desk === 'all' || story.desk === filter.desk) &&
      terms.every((term) => fold(story.headline).includes(term)),
  );
}

/** The desks in use, sorted, for the desk filter. */
export function desksOf(stories: ArticleListItem[]): string[] {
  return [...new Set(stories.map((s) => s.desk).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}
