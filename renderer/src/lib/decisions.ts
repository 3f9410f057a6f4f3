// Which editor decisions a user should be told about: approvals and send-backs of stories they
// created, made by someone else, each told once — also across reloads and restarts: the ones
// already told are remembered per user on this device. Pure (the storage is given), so it is
// tested without a browser.
import type { ArticleListItem, WorkflowEvent } from '../../../model/api-types.ts';

/** Where the decisions already told are kept (the browser's localStorage in the app). */
export interface DecisionMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** How many told decisions are remembered per user (the oldest are forgotten first). */
export const REMEMBERED_DECISIONS = 500;

/** A key naming one event on one story, to remember it was told. */
const eventKey = (article: ArticleListItem, event: WorkflowEvent) => `${article.id}:${event.action}:${event.revision}:${event.at}`;

/** The storage key of `userId`'s told decisions. */
export const decisionMemoryKey = (userId: string) => `newsroom.decisions-told.${userId}`;

/** Remembers the decisions told and picks out the new ones worth telling. */
export class DecisionTracker {
  private told: string[] | null;

  /** Without `memory` (or with nothing in it for this user yet), the first call to update only remembers. */
  constructor(
    private readonly userId: string,
    private readonly memory: DecisionMemory | null = null,
  ) {
    this.told = this.load();
  }

  /** The decisions in `stories` (a list read from the server) not told before; the first call ever only remembers. */
  update(articles: ArticleListItem[]): { article: ArticleListItem; event: WorkflowEvent }[] {
    const decisions = articles.flatMap((article) => {
      const event = article.lastEvent;
      const decision = event && (event.action === 'approve' || event.action === 'reject');
      return decision && article.createdBy === this.userId && event.userId !== this.userId ? [{ article, event, key: eventKey(article, event) }] : [];
    });
    const primed = this.told !== null;
    const told = new Set(this.told);
    const fresh = decisions.filter(({ key }) => !told.has(key));
    if (fresh.length > 0 || !primed) {
      this.told = [...(this.told ?? []), ...fresh.map(({ key }) => key)].slice(-REMEMBERED_DECISIONS);
      this.save();
    }
    return primed ? fresh.map(({ article, event }) => ({ article, event })) : [];
  }

  private load(): string[] | null {
    try {
      const value: unknown = JSON.parse(this.memory?.getItem(decisionMemoryKey(this.userId)) ?? 'null');
      return Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : null;
    } catch {
      return null; // unreadable: start again, as on a new device
    }
  }

  private save(): void {
    try {
      this.memory?.setItem(decisionMemoryKey(this.userId), JSON.stringify(this.told));
    } catch {
      // Storage full or disabled: this session still remembers.
    }
  }
}

/** The words of a notification about `event` on `story`. */
export function decisionMessage(article: ArticleListItem, event: WorkflowEvent): { title: string; body: string } {
  const headline = article.headline.trim() || 'Untitled story';
  return event.action === 'approve'
    ? { title: 'Story approved', body: `${event.userName} approved “${headline}”.` }
    : { title: 'Story sent back', body: `${event.userName} sent “${headline}” back: ${event.note}` };
}
