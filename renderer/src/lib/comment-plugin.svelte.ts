// Comment threads in the body editor: the text each open thread is on is highlighted
// (decorations `comment-range`, from the threads' relative positions as model/comment-threads.ts
// reads them), Ctrl/⌘+Alt+M opens the `Comment` box on the selection, and selecting a thread in
// the panel selects its text here.
import { Plugin, PluginKey, TextSelection, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { ThreadView } from '../../../model/comment-threads.ts';
import type { CommentThreads, CommentTarget } from './comment-threads.svelte.ts';

/** The shortcut that comments on the selection (Google Docs' own). */
export const COMMENT_KEY = 'Mod-Alt-m';

const commentKey = new PluginKey<DecorationSet>('comments');

/** The highlights of the open threads on the body that still have text. */
function highlights(state: EditorState, threads: readonly ThreadView[]): DecorationSet {
  const size = state.doc.content.size;
  const ranges = threads.filter((t) => t.field === 'body' && !t.deleted && t.resolved === null && t.to <= size);
  return DecorationSet.create(
    state.doc,
    ranges.map((t) => Decoration.inline(t.from, t.to, { class: 'comment-range', 'data-thread': t.id })),
  );
}

/** The comment plugin; between refreshes of the threads its highlights move with the text. */
export function commentPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: commentKey,
    state: {
      init: () => DecorationSet.empty,
      apply: (tr, previous) => (tr.getMeta(commentKey) as DecorationSet | undefined) ?? previous.map(tr.mapping, tr.doc),
    },
    props: { decorations: (state) => commentKey.getState(state) },
  });
}

/** The selection as a comment target, or null when nothing is selected. */
export function commentTarget(state: EditorState): CommentTarget | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const quote = state.doc.textBetween(from, to, '\n').trim();
  return quote ? { from, to, quote } : null;
}

/** Connects `view` (with commentPlugin) to the story's threads; returns the disconnect. */
export function bindComments(view: EditorView, threads: CommentThreads): () => void {
  const show = () => {
    if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(commentKey, highlights(view.state, threads.threads)).setMeta('addToHistory', false));
  };
  // Each time the threads are read again (a change to them or to the text), the highlights are made anew.
  const stop = $effect.root(() => {
    $effect(() => {
      void threads.threads;
      show();
    });
  });
  threads.selectInBody = (from, to) => {
    const size = view.state.doc.content.size;
    view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, Math.min(from, size), Math.min(to, size))).scrollIntoView());
    view.focus();
  };
  return () => {
    stop();
    threads.selectInBody = null;
  };
}
