// Which editor decisions a user should be told about: approvals and send-backs of stories they
// created, made by someone else, not seen before. Pure, so it is tested without a browser.
import type { ArticleListItem, WorkflowEvent } from '../../../model/api-types.ts';

/** A key naming one event, to remember it was seen. */
const eventKey = (event: WorkflowEvent) => `${event.action}:${event.revision}:${event.at}`;

/** Remembers the last event seen per story and picks out the new decisions worth telling. */
export class DecisionTracker {
  private readonly seen = new Map<string, string>();
  private primed = false;

  constructor(private readonly userId: string) {}

  /** The new decisions in `stories` since the last call; the first call only remembers. */
  update(stories: ArticleListItem[]): { story: ArticleListItem; event: WorkflowEvent }[] {
    const fresh: { story: ArticleListItem; event: WorkflowEvent }[] = [];
    for (const story of stories) {
      const event = story.lastEvent;
      if (!event) continue;
      const key = eventKey(event);
      const known = this.seen.get(story.id);
      this.seen.set(story.id, key);
      if (!this.primed || known === key) continue;
      const decision = event.action === 'approve' || event.action === 'reject';
      if (decision && story.createdBy === this.userId && event.userId !== this.userId) fresh.push({ story, event });
    }
    this.primed = true;
    return fresh;
  }
}

/** The words of a notification about `event` on `story`. */
export function decisionMessage(story: ArticleListItem, event: WorkflowEvent): { title: string; body: string } {
  const headline = story.headline.trim() || 'Untitled story';
  return event.action === 'approve'
    ? { title: 'Story approved', body: `${event.userName} approved “${headline}”.` }
    : { title: 'Story sent back', body: `${event.userName} sent “${headline}” back: ${event.note}` };
}
