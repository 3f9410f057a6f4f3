// The story list's live changes (`GET /api/events`, Server-Sent Events): what each event is
// called and carries. The server writes them, the renderer reads them.
import type { ArticleListItem, OpenBy } from './api-types.ts';

/** Why a story's list entry changed. */
export type ListChangeReason = 'created' | 'summary' | 'workflow';

/** `event: ready`: the stream is open; events from now on arrive. Read the list after this one. */
export interface ReadyEvent {
  type: 'ready';
  /** A comment line arrives at least this often; a longer silence means the stream is dead. */
  heartbeatMs: number;
}

/** `event: article`: a story was created or its entry changed; `article` is the whole entry, capped like the list's. */
export interface ArticleEvent {
  type: 'article';
  reason: ListChangeReason;
  article: ArticleListItem;
}

/** `event: presence`: who has story `id` open changed (on any instance); only that field of the entry. */
export interface PresenceEvent {
  type: 'presence';
  id: string;
  openBy: OpenBy[];
}

/** `event: resync`: events may have been lost (the instances' link was down): read the list again. */
export interface ResyncEvent {
  type: 'resync';
}

/** `event: assigned`: the stream's user was just assigned to story `article` by `by` (only to that user's streams, and only when they may see it). */
export interface AssignedEvent {
  type: 'assigned';
  article: { id: string; headline: string; slug: string };
  /** Who made the change that assigned them (the story's last editor), when known. */
  by: { id: string; name: string } | null;
}

/** `event: mentioned`: a colleague `@mentioned` the stream's user in a comment on story `article` (only to that user's streams, and only when they may see it). */
export interface MentionedEvent {
  type: 'mentioned';
  article: { id: string; headline: string; slug: string };
  /** The thread the comment is in, to open the story at. */
  threadId: string;
  by: { id: string; name: string };
  /** The comment (its first 200 characters). */
  text: string;
}

/** `event: dictionary`: a word was added to the newsroom dictionary or removed (on any instance): read it again (`GET /api/dictionary`). */
export interface DictionaryEvent {
  type: 'dictionary';
}

/** Any event of the stream. The SSE `event:` field is `type`; `data:` is the rest as JSON. */
export type ListEvent = ReadyEvent | ArticleEvent | PresenceEvent | ResyncEvent | AssignedEvent | MentionedEvent | DictionaryEvent;

/** The event named `name` with JSON `data`, or null when it is not one of ours or malformed. */
export function parseListEvent(name: string, data: string): ListEvent | null {
  let body: unknown;
  try {
    body = data === '' ? {} : JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  switch (name) {
    case 'ready':
      return typeof b.heartbeatMs === 'number' ? { type: 'ready', heartbeatMs: b.heartbeatMs } : null;
    case 'article': {
      const article = b.article as ArticleListItem | undefined;
      const reasons: unknown[] = ['created', 'summary', 'workflow'];
      return reasons.includes(b.reason) && typeof article?.id === 'string' && typeof article.updatedAt === 'number' && Array.isArray(article.openBy)
        ? { type: 'article', reason: b.reason as ListChangeReason, article }
        : null;
    }
    case 'presence':
      return typeof b.id === 'string' && Array.isArray(b.openBy) ? { type: 'presence', id: b.id, openBy: b.openBy as OpenBy[] } : null;
    case 'resync':
      return { type: 'resync' };
    case 'dictionary':
      return { type: 'dictionary' };
    case 'assigned': {
      const article = b.article as AssignedEvent['article'] | undefined;
      const by = b.by as AssignedEvent['by'] | undefined;
      const byOk = by === null || (typeof by?.id === 'string' && typeof by.name === 'string');
      return typeof article?.id === 'string' && typeof article.headline === 'string' && typeof article.slug === 'string' && byOk
        ? { type: 'assigned', article: { id: article.id, headline: article.headline, slug: article.slug }, by: by ?? null }
        : null;
    }
    case 'mentioned': {
      const article = b.article as MentionedEvent['article'] | undefined;
      const by = b.by as MentionedEvent['by'] | undefined;
      return typeof article?.id === 'string' && typeof article.headline === 'string' && typeof article.slug === 'string' && typeof b.threadId === 'string' && typeof by?.id === 'string' && typeof by.name === 'string' && typeof b.text === 'string'
        ? { type: 'mentioned', article: { id: article.id, headline: article.headline, slug: article.slug }, threadId: b.threadId, by: { id: by.id, name: by.name }, text: b.text }
        : null;
    }
    default:
      return null;
  }
}

/** The SSE text of `event` (one `event:` line, one `data:` line: JSON never holds a raw line break). */
export function formatListEvent(event: ListEvent): string {
  const { type, ...data } = event;
  return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}
