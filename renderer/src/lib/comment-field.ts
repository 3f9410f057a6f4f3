// Comment threads in the headline and the standfirst (issue 14): the selection in such a field is
// what `Comment` (and Ctrl/⌘+Alt+M in the field) comments on once the user was last there, a
// thread's text is selected in its field from the panel, and the text of open threads is marked
// (the field draws it through MatchBackdrop: a textarea cannot mark parts of its own text).
import type { TextRange } from './find-matches.ts';
import type { ThreadView } from '../../../model/comment-threads.ts';
import { isCommentKey } from './comment-plugin.svelte.ts';
import type { CommentTarget, CommentThreads, TextCommentField } from './comment-threads.svelte.ts';

/** The selection in `input` as a comment target in `field`, without the blanks at its edges; null when nothing but blanks is selected. */
export function fieldCommentTarget(input: HTMLTextAreaElement | HTMLInputElement, field: TextCommentField): CommentTarget | null {
  let from = input.selectionStart ?? 0;
  let to = input.selectionEnd ?? 0;
  const value = input.value;
  while (from < to && /\s/.test(value[from])) from++;
  while (to > from && /\s/.test(value[to - 1])) to--;
  return to > from ? { field, from, to, quote: value.slice(from, to) } : null;
}

/** The text of the open threads on `field` that still have text, overlapping ones joined, in order. */
export function commentRangesIn(threads: readonly ThreadView[], field: TextCommentField): TextRange[] {
  const ranges = threads
    .filter((t) => t.field === field && !t.deleted && t.resolved === null && t.to > t.from)
    .map((t) => ({ from: t.from, to: t.to }))
    .sort((a, b) => a.from - b.from);
  const joined: TextRange[] = [];
  for (const range of ranges) {
    const last = joined.at(-1);
    if (last && range.from <= last.to) last.to = Math.max(last.to, range.to);
    else joined.push({ ...range });
  }
  return joined;
}

/** Connects the text field `input` (the headline or standfirst) to the story's threads; returns the disconnect. */
export function bindFieldComments(input: HTMLTextAreaElement, threads: CommentThreads, field: TextCommentField): () => void {
  const read = () => {
    threads.fieldSelection[field] = fieldCommentTarget(input, field);
  };
  const enter = () => {
    threads.activeField = field;
    read();
  };
  // Whether the selection changed by mouse, keyboard or script, it is read again (`selectionchange` reaches the document in older browsers).
  const onSelectionChange = () => {
    if (input.ownerDocument.activeElement === input) read();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (threads.me === null || !isCommentKey(event, /Mac|iPhone|iPad/.test(navigator.platform))) return;
    const target = fieldCommentTarget(input, field);
    if (!target) return;
    event.preventDefault();
    threads.activeField = field;
    threads.fieldSelection[field] = target;
    threads.draft = target;
  };
  const events = ['select', 'selectionchange', 'keyup', 'mouseup', 'input'] as const;
  input.addEventListener('focus', enter);
  for (const name of events) input.addEventListener(name, read);
  input.ownerDocument.addEventListener('selectionchange', onSelectionChange);
  input.addEventListener('keydown', onKeyDown);
  threads.selectInField[field] = (from, to) => {
    input.focus(); // which brings the field into view
    const end = input.value.length;
    input.setSelectionRange(Math.min(from, end), Math.min(to, end));
    read();
  };
  return () => {
    input.removeEventListener('focus', enter);
    for (const name of events) input.removeEventListener(name, read);
    input.ownerDocument.removeEventListener('selectionchange', onSelectionChange);
    input.removeEventListener('keydown', onKeyDown);
    delete threads.selectInField[field];
    threads.fieldSelection[field] = null;
  };
}
