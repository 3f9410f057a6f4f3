// Who a client's new comments mention: read from the story's `comments` as the room applies the
// client's update (the update check has already made sure each thread and reply is the sender's),
// and handed to whoever tells the people mentioned (server/api/event-streams.ts, `mentioned`).
import * as Y from 'yjs';
import { commentsMap, THREAD_KEYS } from '../../model/article-schema.ts';
import { replyProblem, threadValueProblem } from '../../model/comment-threads.ts';

/** One new comment or reply that mentions people. */
export interface CommentMention {
  threadId: string;
  /** The usernames it mentions (the sender's own name left out by whoever tells them). */
  usernames: string[];
  /** The comment's text. */
  text: string;
}

const mentionsOf = (value: unknown): string[] => (threadValueProblem(THREAD_KEYS.mentions, value) === null ? (value as string[]) : []);

/** The mentions in the threads and replies `events` (one transaction's, on `comments`) added. */
export function newMentions(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], root: Y.Map<unknown>): CommentMention[] {
  const found: CommentMention[] = [];
  for (const event of events) {
    if (event.target === root) {
      for (const [threadId, change] of (event as Y.YMapEvent<unknown>).changes.keys) {
        const thread = root.get(threadId);
        if (change.action !== 'add' || !(thread instanceof Y.Map)) continue;
        const usernames = mentionsOf(thread.get(THREAD_KEYS.mentions));
        const text: unknown = thread.get(THREAD_KEYS.text);
        if (usernames.length > 0 && typeof text === 'string') found.push({ threadId, usernames, text });
      }
    } else if (event.target instanceof Y.Array && event.target._item?.parentSub === THREAD_KEYS.replies) {
      const threadId = (event.target._item.parent as Y.AbstractType<unknown>)._item?.parentSub;
      if (typeof threadId !== 'string') continue;
      for (const change of event.changes.delta) {
        for (const reply of (change.insert as unknown[] | undefined) ?? []) {
          if (replyProblem(reply) !== null) continue;
          const { mentions, text } = reply as { mentions: string[]; text: string };
          if (mentions.length > 0) found.push({ threadId, usernames: mentions, text });
        }
      }
    }
  }
  return found;
}

/** Calls `tell` with the mentions each transaction of `origin`s `isClient` accepts adds to `doc`'s comments; returns the stop. */
export function watchMentions(doc: Y.Doc, isClient: (origin: unknown) => boolean, tell: (origin: unknown, mentions: CommentMention[]) => void): () => void {
  const root = commentsMap(doc) as Y.Map<unknown>;
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (!isClient(transaction.origin)) return;
    const mentions = newMentions(events, root);
    if (mentions.length > 0) tell(transaction.origin, mentions);
  };
  root.observeDeep(observer);
  return () => root.unobserveDeep(observer);
}
