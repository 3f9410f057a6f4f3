// The comments panel (region `Comments and suggestions`) and the body editor's side of comments:
// threads listed in document order with the text they are on (deleted text marked), Reply,
// Resolve and Reopen, a new comment posted from the `Comment` box; a viewer reads only; the
// editor highlights the text of open threads and selecting one selects its text.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment } from '../../model/article-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { createThread, readThreads, setResolved, textAnchor } from '../../model/comment-threads.ts';
import BodyEditor from '../../renderer/src/components/BodyEditor.svelte';
import CommentsPanel from '../../renderer/src/components/CommentsPanel.svelte';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import { commentThreadsOf } from '../../renderer/src/lib/comment-threads.svelte.ts';
import { control } from './dom.ts';

afterEach(cleanup);

/** A story with two paragraphs and threads on “bridge” (open), “May” (resolved) and “council” (its text deleted). */
function story() {
  const doc = new Y.Doc();
  bodyFragment(doc).insert(0, [createParagraph('The bridge will close in May.'), createParagraph('The council said so.')]);
  const text = (i: number) => (bodyFragment(doc).get(i) as Y.XmlElement).get(0) as Y.XmlText;
  const on = (i: number, words: string, id: string, author: string) => {
    const from = text(i).toString().indexOf(words);
    createThread(doc, { id, field: 'body', ...textAnchor(text(i), from, from + words.length), quote: words, author, at: Date.UTC(2026, 11, 7, 15), text: `About ${words}` });
  };
  on(1, 'council', 'c', 'lee');
  on(0, 'May', 'm', 'rita');
  on(0, 'bridge', 'b', 'ed');
  setResolved(doc, 'm', { by: 'ana', at: Date.UTC(2026, 11, 7, 16) });
  text(1).delete(4, 'council'.length);
  return doc;
}

function show(doc: Y.Doc, canComment = true, draft: { from: number; to: number; quote: string } | null = null) {
  const handlers = { onpost: vi.fn(), oncanceldraft: vi.fn(), onselect: vi.fn(), onreply: vi.fn(), onresolve: vi.fn() };
  render(CommentsPanel, { threads: readThreads(doc), draft, canComment, ...handlers });
  return handlers;
}

describe('the comments panel', () => {
  it('lists threads in document order with their text, resolved and deleted ones marked', () => {
    show(story());
    const region = screen.getByRole('region', { name: 'Comments and suggestions' });
    const items = within(region).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['Comment by ed', 'Comment by rita', 'Comment by lee']);
    expect(items[0].textContent).toContain('“bridge”');
    expect(within(items[0]).getByRole('button', { name: 'Resolve' })).toBeTruthy();
    expect(items[1].textContent).toContain('Resolved by ana');
    expect(within(items[1]).getByRole('button', { name: 'Reopen' })).toBeTruthy();
    expect(items[2].textContent).toContain('Text deleted');
    expect(items[2].textContent).toContain('“council”');
  });

  it('selects a thread’s text, replies, resolves and reopens', async () => {
    const handlers = show(story());
    const [bridge, may] = screen.getAllByRole('listitem');
    await fireEvent.click(within(bridge).getByRole('button', { name: '“bridge”' }));
    expect(handlers.onselect).toHaveBeenCalledWith(expect.objectContaining({ id: 'b', current: 'bridge' }));
    await fireEvent.click(within(bridge).getByRole('button', { name: 'Reply' }));
    await fireEvent.input(within(bridge).getByRole('textbox', { name: 'Reply' }), { target: { value: 'Which one, @ed?' } });
    await fireEvent.click(within(bridge).getByRole('button', { name: 'Post' }));
    expect(handlers.onreply).toHaveBeenCalledWith('b', 'Which one, @ed?');
    await fireEvent.click(within(bridge).getByRole('button', { name: 'Resolve' }));
    expect(handlers.onresolve).toHaveBeenCalledWith('b', true);
    await fireEvent.click(within(may).getByRole('button', { name: 'Reopen' }));
    expect(handlers.onresolve).toHaveBeenCalledWith('m', false);
  });

  it('posts a new comment from the Comment box, not an empty one', async () => {
    const handlers = show(story(), true, { from: 5, to: 11, quote: 'bridge' });
    const post = control(screen.getByRole('button', { name: 'Post' }));
    expect(post.disabled).toBe(true);
    await fireEvent.input(screen.getByRole('textbox', { name: 'Comment' }), { target: { value: 'Source? @rita' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Post' }));
    expect(handlers.onpost).toHaveBeenCalledWith('Source? @rita');
  });

  it('shows a viewer the threads with nothing to press but their text', () => {
    show(story(), false);
    expect(screen.queryByRole('button', { name: 'Reply' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(screen.getAllByRole('listitem')).toHaveLength(3);
  });
});

describe('comments in the body editor', () => {
  it('highlights the text of open threads, follows new ones, and selects a thread’s text; Comment opens the box on the selection', async () => {
    const doc = story();
    const threads = commentThreadsOf(doc);
    threads.me = 'ed';
    const { container } = render(BodyEditor, { fragment: bodyFragment(doc), awareness: new Awareness(doc), undoManager: new ArticleUndo(doc), readOnly: false, typing: [], onfocuschange: vi.fn() });
    await new Promise((r) => setTimeout(r, 20));
    expect([...container.querySelectorAll('.comment-range')].map((e) => e.textContent)).toEqual(['bridge']);
    const comment = control(screen.getByRole('button', { name: 'Comment' }));
    expect(comment.disabled).toBe(true);
    const bridge = threads.threads.find((t) => t.id === 'b')!;
    threads.selectInBody!(bridge.from, bridge.to);
    await new Promise((r) => setTimeout(r, 20));
    expect(comment.disabled).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(threads.draft).toEqual({ from: bridge.from, to: bridge.to, quote: 'bridge' });
    expect(threads.create(threads.draft!, 'Another on bridge', 'ed')).toBe(true);
    setResolved(doc, 'b', { by: 'ed', at: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect([...container.querySelectorAll('.comment-range')].map((e) => e.textContent)).toEqual(['bridge']);
    expect(threads.threads.filter((t) => t.current === 'bridge').map((t) => t.author)).toEqual(['ed', 'ed']);
  });
});

describe('threads when this user splits and joins paragraphs', () => {
  it('stay on their words: the editor moves them where ProseMirror mapped them', async () => {
    // jsdom lays nothing out; ProseMirror asks where the caret is when it handles Enter and Backspace.
    const noRects = () => Object.assign([], { item: () => null });
    const rect = () => ({ left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, x: 0, y: 0, toJSON: () => ({}) });
    const ranges = (globalThis as unknown as { Range: { prototype: Record<string, unknown> } }).Range.prototype;
    const original = { getClientRects: ranges.getClientRects, getBoundingClientRect: ranges.getBoundingClientRect };
    onTestFinished(() => void Object.assign(ranges, original));
    ranges.getClientRects = noRects;
    ranges.getBoundingClientRect = rect;
    const doc = new Y.Doc();
    bodyFragment(doc).insert(0, [createParagraph('The old bridge will close in May, the council said.')]);
    const text = (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const from = text.toString().indexOf('will close');
    createThread(doc, { id: 'w', field: 'body', ...textAnchor(text, from, from + 'will close'.length), quote: 'will close', author: 'ed', at: 1, text: 'Sure?' });
    const threads = commentThreadsOf(doc);
    threads.me = 'ed';
    const { container } = render(BodyEditor, { fragment: bodyFragment(doc), awareness: new Awareness(doc), undoManager: new ArticleUndo(doc), readOnly: false, typing: [], onfocuschange: vi.fn() });
    const settle = () => new Promise((r) => setTimeout(r, 30));
    await settle();
    const body = screen.getByRole('textbox', { name: 'Body' });
    const pressAt = async (pos: number, key: string) => {
      threads.selectInBody!(pos, pos);
      await fireEvent.keyDown(body, { key });
      await settle();
    };
    const at = (words: string) => 1 + 'The old bridge will close in May, the council said.'.indexOf(words);
    await pressAt(at('bridge'), 'Enter'); // split before
    expect(bodyFragment(doc).length).toBe(2);
    expect(readThreads(doc)[0]).toMatchObject({ current: 'will close', deleted: false });
    await pressAt(at('bridge') + 2, 'Backspace'); // joined again (the second paragraph starts two positions on)
    expect(bodyFragment(doc).length).toBe(1);
    expect(readThreads(doc)[0]).toMatchObject({ current: 'will close', deleted: false });
    await pressAt(at(' the council'), 'Enter'); // split after
    expect(bodyFragment(doc).length).toBe(2);
    expect(readThreads(doc)[0]).toMatchObject({ current: 'will close', deleted: false });
    expect([...container.querySelectorAll('.comment-range')].map((e) => e.textContent)).toEqual(['will close']);
  });
});

describe('open comments where approval is shown', () => {
  it('lists every open comment, one line each, when submitting', async () => {
    // jsdom has <dialog> without its modal methods.
    const proto = (globalThis as unknown as { HTMLDialogElement: { prototype: Record<string, unknown> } }).HTMLDialogElement.prototype;
    proto.showModal ??= function (this: { open: boolean }) {
      this.open = true;
    };
    proto.close ??= function (this: { open: boolean }) {
      this.open = false;
    };
    const { default: SubmitDialog } = await import('../../renderer/src/components/SubmitDialog.svelte');
    const { approvalBlockers } = await import('../../model/approval-blockers.ts');
    const { openComments } = await import('../../model/comment-threads.ts');
    const doc = story();
    setResolved(doc, 'm', null);
    render(SubmitDialog, { blockers: approvalBlockers({ pictures: [], threads: openComments(doc) }), onsubmit: vi.fn(), onclose: vi.fn() });
    const lines = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      'Comment by ed on “bridge” is not resolved. An editor cannot approve the story until it is resolved.',
      'Comment by rita on “May” is not resolved. An editor cannot approve the story until it is resolved.',
      'Comment by lee on deleted text “council” is not resolved. An editor cannot approve the story until it is resolved.',
    ]);
  });
});
