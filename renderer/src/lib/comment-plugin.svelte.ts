// Comment threads in the body editor: the text each open thread is on is highlighted
// (decorations `comment-range`, from the threads' relative positions as model/comment-threads.ts
// reads them), the Ctrl/⌘+Alt+M shortcut (isCommentKey), and selecting a thread in
// the panel selects its text here. When this user splits or joins paragraphs, y-prosemirror
// writes the moved text anew and the threads' relative positions lose it: their highlights,
// mapped by ProseMirror through this user's own changes, say where the threads went, and the
// threads are moved there (model/comment-threads.ts moveAnchor).
import type * as Y from 'yjs';
import { Plugin, PluginKey, TextSelection, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import { ySyncPluginKey } from 'y-prosemirror';
import { moveAnchor, type ThreadView } from '../../../model/comment-threads.ts';
import { COMMENT_ORIGIN, type CommentThreads, type CommentTarget } from './comment-threads.svelte.ts';

/**
 * Whether `event` is the shortcut that comments on the selection, Ctrl/⌘+Alt+M (Google Docs'
 * own). Read on the body's section, not by ProseMirror's keymap: a read-only editor (a
 * commenter's) runs no key bindings.
 */
export const isCommentKey = (event: KeyboardEvent, mac: boolean): boolean =>
  event.code === 'KeyM' && event.altKey && (mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey);

/** The highlights, and whether every change since they were made was this user's own (so their mapping is exact). */
interface CommentState {
  decorations: DecorationSet;
  onlyOwnChanges: boolean;
}

const commentKey = new PluginKey<CommentState>('comments');

/** The highlights of the open threads on the body that still have text. */
function highlights(state: EditorState, threads: readonly ThreadView[]): DecorationSet {
  const size = state.doc.content.size;
  const ranges = threads.filter((t) => t.field === 'body' && !t.deleted && t.resolved === null && t.to <= size);
  return DecorationSet.create(
    state.doc,
    ranges.map((t) => Decoration.inline(t.from, t.to, { class: 'comment-range', 'data-thread': t.id }, { thread: t.id })),
  );
}

/** The comment plugin; between refreshes of the threads its highlights move with the text. */
export function commentPlugin(): Plugin<CommentState> {
  return new Plugin<CommentState>({
    key: commentKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, onlyOwnChanges: true }),
      apply(tr, previous) {
        const fresh = tr.getMeta(commentKey) as DecorationSet | undefined;
        if (fresh) return { decorations: fresh, onlyOwnChanges: true };
        if (!tr.docChanged) return previous;
        // A change from the document (a colleague's, or undo) replaces the editor's content: its mapping says nothing.
        const fromDocument = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
        return { decorations: previous.decorations.map(tr.mapping, tr.doc), onlyOwnChanges: previous.onlyOwnChanges && !fromDocument };
      },
    },
    props: { decorations: (state) => commentKey.getState(state)?.decorations },
  });
}

/** Moves each thread whose anchor lost text this user moved (split, joined) to where its highlight was mapped; whether any moved. */
function followOwnChanges(state: EditorState, threads: CommentThreads, doc: Y.Doc): boolean {
  const current = commentKey.getState(state);
  if (!current?.onlyOwnChanges) return false;
  const byId = new Map(threads.threads.map((t) => [t.id, t]));
  let moved = false;
  for (const decoration of current.decorations.find()) {
    const thread = byId.get((decoration.spec as { thread: string }).thread);
    if (thread && thread.resolved === null && (thread.from !== decoration.from || thread.to !== decoration.to)) {
      moved = moveAnchor(doc, thread.id, decoration.from, decoration.to, COMMENT_ORIGIN) || moved;
    }
  }
  return moved;
}

/** The selection as a comment target, or null when nothing is selected. */
export function commentTarget(state: EditorState): CommentTarget | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const quote = state.doc.textBetween(from, to, '\n').trim();
  return quote ? { from, to, quote } : null;
}

/** Connects `view` (with commentPlugin) to the story's threads; returns the disconnect. */
export function bindComments(view: EditorView, threads: CommentThreads, doc: Y.Doc): () => void {
  const show = () => {
    if (view.isDestroyed) return;
    // Moving a thread changes the threads, which are read again and shown next time round
    // (until then the highlights stay as mapped).
    if (followOwnChanges(view.state, threads, doc)) return;
    // No `addToHistory: false` here: y-prosemirror reads that as a change kept out of undo and
    // stops the undo manager's capture, which split the user's typing into single keystrokes.
    view.dispatch(view.state.tr.setMeta(commentKey, highlights(view.state, threads.threads)));
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
