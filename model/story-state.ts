// Where a story stands as the list, the review queue and the story page show it: the workflow
// status refined by what else is known of the story (sent back, changed since approval, spiked).
import type { ArticleListItem } from './api-types.ts';

/** Every state a story can be shown in, in the order the list's status filter offers them. */
export const STORY_STATES = ['draft', 'sent-back', 'submitted', 'approved', 'approved-changed', 'spiked'] as const;

/** A story's shown state. */
export type StoryState = (typeof STORY_STATES)[number];

/** What the state is read from. */
export type StoryStateFacts = Pick<ArticleListItem, 'status' | 'sentBack' | 'changedSinceApproval' | 'spiked'>;

/**
 * The state of `story`: spiked above all (it is out of the list), then awaiting review, then sent
 * back (its latest review step was a send-back), then approved — `approved-changed` when the live
 * draft no longer equals the approved revision —, else draft.
 */
export function storyState(story: StoryStateFacts): StoryState {
  if (story.spiked) return 'spiked';
  if (story.status === 'submitted') return 'submitted';
  if (story.sentBack) return 'sent-back';
  if (story.status === 'approved') return story.changedSinceApproval ? 'approved-changed' : 'approved';
  return 'draft';
}

/** Who looks at the review queue: their id, and whether they may approve. */
export interface QueueViewer {
  id: string;
  canApprove: boolean;
}

/**
 * Whether `story` is in `viewer`'s review queue: a story awaiting approval, for those who may
 * approve; a story sent back, for its author (who filed the revision, or who created the story).
 */
export function inReviewQueue(story: StoryStateFacts & Pick<ArticleListItem, 'createdBy'>, viewer: QueueViewer): boolean {
  const state = storyState(story);
  if (state === 'submitted') return viewer.canApprove;
  if (state === 'sent-back') return story.sentBack?.authorId === viewer.id || story.createdBy === viewer.id;
  return false;
}
