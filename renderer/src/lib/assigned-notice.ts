// What the user is told when someone assigns them to a story (the list stream's `assigned` event).
import type { AssignedEvent } from '../../../model/list-events.ts';

/** The notice's title and text: who assigned them, to which story (its headline, else its slug). */
export function assignedMessage(event: AssignedEvent): { title: string; body: string } {
  const story = event.article.headline.trim() || event.article.slug.trim() || 'an untitled story';
  return {
    title: 'You were assigned a story',
    body: `${event.by?.name ? `${event.by.name} assigned you to` : 'You are now assigned to'} “${story}”.`,
  };
}
