// The update check on comment threads (model/update-check.ts): what the app writes passes; a
// forged author, a malformed thread or reply, a deletion, a change to what cannot change, and
// anything past the caps are refused; a commenter may write comments and nothing else.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COMMENT_CAPS } from '../../model/article-limits.ts';
import { commentsMap, headlineText, metaMap, THREAD_KEYS } from '../../model/article-schema.ts';
import { createThread, moveAnchor, replyTo, setResolved, textAnchor } from '../../model/comment-threads.ts';
import { checkUpdateContent, type Sender } from '../../model/update-check.ts';

/** The server's copy of a story with a headline, and the check of a change a client makes on a fresh copy of it. */
function story() {
  const server = new Y.Doc();
  headlineText(server).insert(0, 'Council passes the budget');
  /** Why the server refuses what `edit` does on a client (as `sender`), or null; a passing change is applied to the server. */
  const check = (edit: (doc: Y.Doc) => void, sender: Sender = { username: 'ed' }): string | null => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    client.transact(() => edit(client));
    const update = Y.encodeStateAsUpdate(client, before);
    const refused = checkUpdateContent(server, Y.decodeUpdate(update), 0, sender);
    if (refused === null) Y.applyUpdate(server, update);
    return refused;
  };
  return { server, check };
}

const thread = (id = 't1', author = 'ed', text = 'Source?') => (doc: Y.Doc) =>
  createThread(doc, { id, field: 'headline', ...textAnchor(headlineText(doc), 8, 14), quote: 'passes', author, at: 1_000, text });

describe('the update check on comment threads', () => {
  it('passes what the app writes: a thread, replies, resolving, reopening, moving the anchor', () => {
    const { check } = story();
    expect(check(thread())).toBeNull();
    expect(check((doc) => replyTo(doc, 't1', { id: 'r1', author: 'rita', at: 2_000, text: 'Added, @ed' }), { username: 'rita' })).toBeNull();
    expect(check((doc) => setResolved(doc, 't1', { by: 'rita', at: 3_000 }), { username: 'rita' })).toBeNull();
    expect(check((doc) => setResolved(doc, 't1', null), { username: 'ana' })).toBeNull();
    expect(check((doc) => moveAnchor(doc, 't1', 0, 7), { username: 'ana' })).toBeNull();
  });

  it('refuses a thread, reply or resolution that names someone other than the sender', () => {
    const { check } = story();
    expect(check(thread('t1', 'rita'), { username: 'mallory' })).toBe('a comment author "rita" is not the sender "mallory"');
    expect(check(thread())).toBeNull();
    expect(check((doc) => replyTo(doc, 't1', { id: 'r1', author: 'ed', at: 2_000, text: 'me' }), { username: 'mallory' })).toBe(
      'a reply author "ed" is not the sender "mallory"',
    );
    expect(check((doc) => setResolved(doc, 't1', { by: 'ed', at: 3_000 }), { username: 'mallory' })).toBe('a resolution "ed" is not the sender "mallory"');
  });

  it('refuses malformed threads and replies, and what a thread may not become', () => {
    const { check } = story();
    expect(check(thread('t1', 'ed', ''))).toBe('a comment must be text of 1 to 5,000 characters');
    expect(check(thread('t1', 'ed', 'x'.repeat(COMMENT_CAPS.text + 1)))).toBe('a comment must be text of 1 to 5,000 characters');
    expect(check((doc) => commentsMap(doc).set('t2', new Y.Map([[THREAD_KEYS.start, { item: { client: 1 }, assoc: 0 }]])))).toBe(
      'a comment anchor that is not a relative position',
    );
    expect(check((doc) => commentsMap(doc).set('t2', new Y.Map([['evil', 1]])))).toBe('a comment thread key "evil" the schema does not have');
    expect(check((doc) => commentsMap(doc).set('t2', new Y.Map([[THREAD_KEYS.replies, new Y.Text('x')]])))).toBe('comment replies that are not a list');
    expect(check((doc) => doc.getMap<unknown>('comments').set('t2', 'plain'))).toBe('a comment thread that is not a map of its fields under its id');
    expect(check(thread())).toBeNull();
    const threadOf = (doc: Y.Doc) => commentsMap(doc).get('t1')!;
    expect(check((doc) => (threadOf(doc).get(THREAD_KEYS.replies) as Y.Array<unknown>).push([{ id: 'r1', author: 'ed', at: 1, text: 'x', mentions: [], extra: 1 }]))).toBe(
      'a reply with a field the schema does not have',
    );
    expect(check((doc) => threadOf(doc).set(THREAD_KEYS.text, 'rewritten'))).toBe('a comment thread’s “text”, which cannot change once written');
    expect(check((doc) => threadOf(doc).set(THREAD_KEYS.author, 'ed'))).toBe('a comment thread’s “author”, which cannot change once written');
    expect(check((doc) => threadOf(doc).set(THREAD_KEYS.resolved, { by: 'ed', at: 1, why: 'x' }))).toBe('a resolution must be {by, at} or null');
  });

  it('refuses deleting a thread or a reply', () => {
    const { check } = story();
    expect(check(thread())).toBeNull();
    expect(check((doc) => replyTo(doc, 't1', { id: 'r1', author: 'ed', at: 2_000, text: 'x' }))).toBeNull();
    expect(check((doc) => (commentsMap(doc).get('t1')!.get(THREAD_KEYS.replies) as Y.Array<unknown>).delete(0, 1))).toBe('deletes a reply to a comment');
    // Deleting a thread deletes its replies too: the first deletion met is named.
    expect(check((doc) => commentsMap(doc).delete('t1'))).toMatch(/^deletes a (comment thread \(threads are resolved, not deleted\)|reply to a comment)$/);
    expect(check(thread('t1'))).toMatch(/^deletes a (comment thread|reply)/); // a new thread over an old one
  });

  it('refuses threads and replies past their caps', () => {
    const { check } = story();
    expect(
      check((doc) => {
        for (let i = 0; i < COMMENT_CAPS.threads; i++) thread(`t${i}`)(doc);
      }),
    ).toBeNull();
    expect(check(thread('one-more'))).toBe(`more than ${COMMENT_CAPS.threads} comment threads`);
    expect(
      check((doc) => {
        for (let i = 0; i < COMMENT_CAPS.replies; i++) replyTo(doc, 't0', { id: `r${i}`, author: 'ed', at: 1, text: 'x' });
      }),
    ).toBeNull();
    expect(check((doc) => replyTo(doc, 't0', { id: 'last', author: 'ed', at: 1, text: 'x' }))).toBe(`more than ${COMMENT_CAPS.replies} replies in a comment thread`);
  });

  it('lets a commenter comment, reply and resolve, and nothing else', () => {
    const { check } = story();
    const legal: Sender = { username: 'lee', commentsOnly: true };
    expect(check(thread('t1', 'lee'), legal)).toBeNull();
    expect(check((doc) => replyTo(doc, 't1', { id: 'r1', author: 'lee', at: 2, text: 'ok' }), legal)).toBeNull();
    expect(check((doc) => setResolved(doc, 't1', { by: 'lee', at: 3 }), legal)).toBeNull();
    expect(check((doc) => headlineText(doc).insert(0, 'Breaking: '), legal)).toBe('a commenter may only comment, not change the story');
    expect(check((doc) => headlineText(doc).delete(0, 8), legal)).toBe('a commenter may only comment, not change the story');
    expect(check((doc) => metaMap(doc).set('slug', 'x'), legal)).toBe('a commenter may only comment, not change the story');
    expect(
      check((doc) => {
        thread('t2', 'lee')(doc);
        headlineText(doc).insert(0, 'x');
      }, legal),
    ).toBe('a commenter may only comment, not change the story');
  });
});
