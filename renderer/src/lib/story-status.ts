// The words that explain a story's state where the list and the story show it: pure, so it is
// tested without a browser.
import type { ArticleListItem } from '../../../model/api-types.ts';
import { storyState } from '../../../model/story-state.ts';

/** "1 word", "412 words". */
export const words = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'word' : 'words'}`;

/** The approved and the current word counts of a story changed since approval, e.g. "412 words approved · 455 now"; '' otherwise. */
export function changedCounts(story: ArticleListItem): string {
  if (storyState(story) !== 'approved-changed' || story.approvedWordCount === null) return '';
  return `${words(story.approvedWordCount)} approved · ${story.wordCount.toLocaleString()} now`;
}

/** What the state's label means for this story, in a sentence (a hover title); '' when the label says it all. */
export function statusTitle(story: ArticleListItem): string {
  const state = storyState(story);
  if (state === 'sent-back' && story.sentBack) return `Sent back by ${story.sentBack.byName}: “${story.sentBack.note}”`;
  if (state === 'approved-changed' && story.approvedRevision !== null && story.approvedWordCount !== null) {
    return `Revision ${story.approvedRevision} is approved (${words(story.approvedWordCount)}); the draft has changed since (${words(story.wordCount)} now).`;
  }
  return '';
}
