// Filtering and searching the story list: pure, so it is tested without a browser.
import type { ArticleListItem } from '../../../model/api-types.ts';
import { inReviewQueue, storyState, type QueueViewer, type StoryState } from '../../../model/story-state.ts';

/** What the list shows by state: every story not spiked (`all`), one state, `spiked` ones only, or the viewer's review queue. */
export type StatusFilter = StoryState | 'all' | 'queue';

/** The list's filter controls. */
export interface StoryFilter {
  status: StatusFilter;
  desk: string;
  query: string;
}

/** A filter that shows everything. */
export const ALL_STORIES: StoryFilter = { status: 'all', desk: 'all', query: '' };

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Who sees a queue when none is given: someone who may approve, and nobody's sent-back stories. */
const EDITOR: QueueViewer = { id: '', canApprove: true };

/**
 * Whether `story` shows under `status`: a spiked story only under `spiked`; `approved` also
 * covers the approved stories changed since; `queue` is `viewer`'s review queue.
 */
function matchesStatus(story: ArticleListItem, status: StatusFilter, viewer: QueueViewer = EDITOR): boolean {
  const state = storyState(story);
  if (status === 'queue') return inReviewQueue(story, viewer);
  if (status === 'all') return state !== 'spiked';
  if (status === 'approved') return state === 'approved' || state === 'approved-changed';
  return state === status;
}

/** Stories matching the filter; the query matches headline words regardless of case and accents. */
export function filterStories(stories: ArticleListItem[], filter: StoryFilter, viewer?: QueueViewer): ArticleListItem[] {
  const terms = fold(filter.query).split(/\s+/).filter(Boolean);
  return stories.filter(
    (story) =>
      matchesStatus(story, filter.status, viewer) &&
      (filter.desk === 'all' || story.desk === filter.desk) &&
      terms.every((term) => fold(story.headline).includes(term)),
  );
}

/** The stories in `viewer`'s review queue. */
export const reviewQueue = (stories: ArticleListItem[], viewer: QueueViewer): ArticleListItem[] => stories.filter((story) => inReviewQueue(story, viewer));

/** The desks in use, sorted, for the desk filter. */
export function desksOf(stories: ArticleListItem[]): string[] {
  return [...new Set(stories.map((s) => s.desk).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}
