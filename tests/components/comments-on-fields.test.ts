// Comments on the headline and the standfirst (issue 14): a selection in either field is what
// `Comment` and Ctrl/⌘+Alt+M comment on once the user was last there, the thread is anchored in
// that field, its open text is marked in the field, the panel lists the fields' threads first
// (headline, standfirst, body) saying which field, and selecting a thread selects its text there.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { bodyFragment, headlineText, standfirstText } from '../../model/article-schema.ts';
import { createParagraph } from '../../model/body-tree.ts';
import { createThread, readThreads, setResolved, textAnchor } from '../../model/comment-threads.ts';
import BodyEditor from '../../renderer/src/components/BodyEditor.svelte';
import CollabTextField from '../../renderer/src/components/CollabTextField.svelte';
import CommentsPanel from '../../renderer/src/components/CommentsPanel.svelte';
import { ArticleUndo } from '../../renderer/src/lib/article-undo.ts';
import { commentThreadsOf } from '../../renderer/src/lib/comment-threads.svelte.ts';
import { control, type Element } from './dom.ts';

afterEach(cleanup);

const settle = () => new Promise((r) => setTimeout(r, 20));

/** A story with a headline, a standfirst and a paragraph. */
function story() {
  const doc = new Y.Doc();
  headlineText(doc).insert(0, 'Harbour bridge reopens after repairs');
  standfirstText(doc).insert(0, 'Cyclists queued from six for the first crossing.');
  bodyFragment(doc).insert(0, [createParagraph('The bridge will close in May.')]);
  return doc;
}

/** A thread by `author` on `words` in the headline or standfirst. */
function threadOn(doc: Y.Doc, field: 'headline' | 'standfirst', words: string, id: string, author = 'ed') {
  const text = field === 'headline' ? headlineText(doc) : standfirstText(doc);
  const from = text.toString().indexOf(words);
  createThread(doc, { id, field, ...textAnchor(text, from, from + words.length), quote: words, author, at: 1, text: `About ${words}` });
}

/** The headline and standfirst fields and the body editor of `doc`, as the story page shows them. */
function showFields(doc: Y.Doc, me: string | null = 'ana') {
  const threads = commentThreadsOf(doc);
  threads.me = me;
  const common = { typing: [], readOnly: false, onfocuschange: vi.fn() };
  render(CollabTextField, { label: 'Headline', text: headlineText(doc), comments: { threads, field: 'headline' }, ...common });
  render(CollabTextField, { label: 'Standfirst', text: standfirstText(doc), multiline: true, comments: { threads, field: 'standfirst' }, ...common });
  render(BodyEditor, { fragment: bodyFragment(doc), awareness: new Awareness(doc), undoManager: new ArticleUndo(doc), ...common });
  return {
    threads,
    headline: control(screen.getByRole('textbox', { name: 'Headline' })),
    standfirst: control(screen.getByRole('textbox', { name: 'Standfirst' })),
    comment: control(screen.queryByRole('button', { name: 'Comment' })),
  };
}

/** Selects characters `from`–`to` of `field` as a person would: focus, then select. */
async function select(field: ReturnType<typeof control>, from: number, to: number) {
  field.focus();
  field.setSelectionRange(from, to);
  await fireEvent.select(field as unknown as Element);
  await settle();
}

describe('comments on the headline and the standfirst', () => {
  it('the Comment button comments on the selection in the field the user was last in, and the thread is on that field', async () => {
    const doc = story();
    const { threads, headline, standfirst, comment } = showFields(doc);
    await settle();
    expect(comment.disabled).toBe(true);
    // “ bridge ” with its blanks: the comment is on the word alone.
    await select(headline, 'Harbour'.length, 'Harbour bridge '.length);
    expect(comment.disabled).toBe(false);
    await fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(threads.draft).toEqual({ field: 'headline', from: 8, to: 14, quote: 'bridge' });
    expect(threads.create(threads.draft!, 'Which bridge, @ed?', 'ana')).toBe(true);
    threads.draft = null;
    // Then the standfirst: an empty selection there leaves nothing to comment on.
    await select(standfirst, 3, 3);
    expect(comment.disabled).toBe(true);
    await select(standfirst, 0, 'Cyclists'.length);
    await fireEvent.click(screen.getByRole('button', { name: 'Comment' }));
    expect(threads.create(threads.draft!, 'How many?', 'ana')).toBe(true);
    await settle();
    expect(readThreads(doc).map((t) => [t.field, t.current, t.author, t.mentions])).toEqual([
      ['headline', 'bridge', 'ana', ['ed']],
      ['standfirst', 'Cyclists', 'ana', []],
    ]);
  });

  it('Ctrl+Alt+M in a field opens the Comment box on its selection; not for someone who may not comment', async () => {
    const doc = story();
    const { threads, standfirst } = showFields(doc);
    await select(standfirst, 'Cyclists queued from '.length, 'Cyclists queued from six'.length);
    await fireEvent.keyDown(standfirst as unknown as Element, { code: 'KeyM', key: 'µ', ctrlKey: true, altKey: true });
    expect(threads.draft).toEqual({ field: 'standfirst', from: 21, to: 24, quote: 'six' });
    cleanup();
    const viewer = showFields(story(), null);
    await select(viewer.headline, 0, 7);
    await fireEvent.keyDown(viewer.headline as unknown as Element, { code: 'KeyM', ctrlKey: true, altKey: true });
    expect(viewer.threads.draft).toBeNull();
  });

  it('marks the text of open threads in the field as it moves with typing, not resolved ones; selecting a thread selects its text', async () => {
    const doc = story();
    threadOn(doc, 'headline', 'bridge', 'b');
    threadOn(doc, 'headline', 'reopens', 'r');
    threadOn(doc, 'standfirst', 'six', 's');
    const { threads, headline, standfirst } = showFields(doc);
    await settle();
    const marked = (label: string) =>
      [...screen.getByRole('textbox', { name: label }).parentElement!.querySelectorAll('.comment-range')].map((m) => m.textContent);
    expect(marked('Headline')).toEqual(['bridge', 'reopens']);
    expect(marked('Standfirst')).toEqual(['six']);
    headlineText(doc).insert(0, 'Old ');
    setResolved(doc, 'r', { by: 'ed', at: 2 });
    await settle();
    expect(headline.value).toBe('Old Harbour bridge reopens after repairs');
    expect(marked('Headline')).toEqual(['bridge']);

    const bridge = threads.threads.find((t) => t.id === 'b')!;
    expect(threads.select(bridge)).toBe(true);
    expect([headline.selectionStart, headline.selectionEnd]).toEqual([12, 18]);
    expect(headline.ownerDocument.activeElement).toBe(headline);
    expect(threads.select(threads.threads.find((t) => t.id === 's')!)).toBe(true);
    expect(standfirst.value.slice(standfirst.selectionStart!, standfirst.selectionEnd!)).toBe('six');
    expect(threads.activeField).toBe('standfirst');
  });
});

describe('the panel with threads on every field', () => {
  it('lists the headline’s threads, then the standfirst’s, then the body’s, each saying where it is and showing its text', async () => {
    const doc = story();
    const paragraph = (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    createThread(doc, { id: 'p', field: 'body', ...textAnchor(paragraph, 4, 10), quote: 'bridge', author: 'rita', at: 0, text: 'Body' });
    threadOn(doc, 'standfirst', 'six', 's', 'lee');
    threadOn(doc, 'headline', 'repairs', 'h', 'ed');
    const onselect = vi.fn();
    render(CommentsPanel, { threads: readThreads(doc), draft: null, canComment: true, onpost: vi.fn(), oncanceldraft: vi.fn(), onselect, onreply: vi.fn(), onresolve: vi.fn() });
    const items = within(screen.getByRole('region', { name: 'Comments and suggestions' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['Comment by ed', 'Comment by lee', 'Comment by rita']);
    expect(items[0].textContent).toMatch(/^Headline\s*“repairs”/);
    expect(items[1].textContent).toMatch(/^Standfirst\s*“six”/);
    expect(items[2].textContent).toMatch(/^\s*“bridge”/);
    await fireEvent.click(within(items[1]).getByRole('button', { name: '“six”' }));
    expect(onselect).toHaveBeenCalledWith(expect.objectContaining({ id: 's', field: 'standfirst', current: 'six' }));
  });

  it('shows which field a new comment is on', () => {
    render(CommentsPanel, { threads: [], draft: { field: 'headline', from: 0, to: 7, quote: 'Harbour' }, canComment: true, onpost: vi.fn(), oncanceldraft: vi.fn(), onselect: vi.fn(), onreply: vi.fn(), onresolve: vi.fn() });
    const form = screen.getByRole('textbox', { name: 'Comment' }).closest('form')!;
    expect(form.textContent).toMatch(/^Headline\s*Harbour/);
  });
});
