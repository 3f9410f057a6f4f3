// What the user is told when a colleague @mentions them in a comment (the list stream's
// `mentioned` event), and which thread to show once they open the story.
import { SvelteMap } from 'svelte/reactivity';
import type { MentionedEvent } from '../../../model/list-events.ts';

/** The notice's title and text: who mentioned them, in which story (its headline, else its slug), and what they wrote. */
export function mentionedMessage(event: MentionedEvent): { title: string; body: string } {
  const story = event.article.headline.trim() || event.article.slug.trim() || 'an untitled story';
  return { title: `${event.by.name} mentioned you`, body: `On “${story}”: ${event.text}` };
}

/** The comment thread to select in each story once it is open (story id → thread id), noted when the user follows a notice. */
export const threadsToOpen = new SvelteMap<string, string>();
