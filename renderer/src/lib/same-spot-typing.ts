// Two people typing at one spot of the body keep their words whole, as in Google Docs.
// y-prosemirror gets two things wrong for this (checked against y-prosemirror 1.3.7):
// - after a remote change it restores the local selection from Yjs relative positions tied to
//   the character on the caret's right, so a colleague's letter typed at your caret pushes the
//   caret past it and your next letter lands after theirs ("ABABAB");
// - it writes a keystroke into Yjs by diffing the block's old and new text, which records a
//   letter typed just before an identical letter as typed after it: the colleague's letter then
//   sits before your caret's Yjs position and the next concurrent letters interleave.
// This plugin (registered after ySyncPlugin, last in the list so input rules see typed text
// first) ties a collapsed caret to the character on its left before every remote change, and
// writes plain typed text into Yjs exactly at the caret.
import * as Y from 'yjs';
import { Plugin, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { absolutePositionToRelativePosition, getRelativeSelection, ySyncPluginKey, type ProsemirrorBinding } from 'y-prosemirror';

// What y-prosemirror's functions below return, which its typings leave as `any`.
type RelativeSelection = { type: unknown; anchor: Y.RelativePosition; head: Y.RelativePosition };
const relativePosition = (binding: ProsemirrorBinding, position: number) =>
  absolutePositionToRelativePosition(position, binding.type, binding.mapping) as Y.RelativePosition;
const bindingOf = (state: EditorState) => (ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding } | undefined)?.binding;

// `position` tied to the character on its left instead (when it lies in a text).
function tiedLeft(binding: ProsemirrorBinding, position: Y.RelativePosition): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, binding.doc);
  return absolute?.type instanceof Y.XmlText ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1) : position;
}

/**
 * The selection as y-prosemirror restores it after a remote change, with a collapsed caret tied
 * to the character on its left (text inserted at the caret stays after it) and a range's end
 * tied to its last character (text inserted at either edge of a range stays outside it).
 */
export function stickySelection(binding: ProsemirrorBinding, state: EditorState): RelativeSelection {
  const relative: RelativeSelection = getRelativeSelection(binding, state);
  const { selection } = state;
  if (!(selection instanceof TextSelection)) return relative;
  const anchorIsEnd = selection.empty || selection.anchor > selection.head;
  const headIsEnd = selection.empty || selection.head > selection.anchor;
  return {
    type: relative.type,
    anchor: anchorIsEnd ? tiedLeft(binding, relative.anchor) : relative.anchor,
    head: headIsEnd ? tiedLeft(binding, relative.head) : relative.head,
  };
}

// The Y.XmlText and index range that ProseMirror positions [from, to) cover, when both lie in one text.
function textRange(binding: ProsemirrorBinding, from: number, to: number): { text: Y.XmlText; index: number; length: number } | null {
  const start = Y.createAbsolutePositionFromRelativePosition(relativePosition(binding, from), binding.doc);
  const end = Y.createAbsolutePositionFromRelativePosition(relativePosition(binding, to), binding.doc);
  if (!start || !end || !(start.type instanceof Y.XmlText) || end.type !== start.type || end.index - start.index !== to - from) return null;
  return { text: start.type, index: start.index, length: to - from };
}

// Typed text written into Yjs at the caret itself, then shown; false leaves it to y-prosemirror
// (while composing, outside a text, or when another plugin filters or extends the transaction).
function typeAtCaret(view: EditorView, from: number, to: number, typed: string, deflt: () => Transaction): boolean {
  const binding = bindingOf(view.state);
  if (!binding || view.composing) return false;
  const range = textRange(binding, from, to);
  if (!range) return false;
  const transaction = deflt();
  if (view.state.applyTransaction(transaction).transactions.length !== 1) return false;
  // Held mutex: y-prosemirror does not redraw the editor from this Yjs change; the editor shows
  // it through `transaction`, and y-prosemirror then finds the texts equal (it only corrects
  // formatting, where the inserted text took other marks than the editor gave it).
  binding.mux(() => {
    binding.doc.transact(() => {
      if (range.length > 0) range.text.delete(range.index, range.length);
      range.text.insert(range.index, typed);
    }, ySyncPluginKey);
  });
  view.dispatch(transaction);
  return true;
}

/** The plugin; put it after ySyncPlugin and after any input rules. */
export function sameSpotTyping(): Plugin {
  return new Plugin({
    props: { handleTextInput: typeAtCaret },
    view(view) {
      const binding = bindingOf(view.state);
      if (!binding) return {};
      const doc = binding.doc;
      // y-prosemirror notes the selection on 'beforeAllTransactions'; Yjs then emits
      // 'beforeTransaction' with the origin, where the sticky selection replaces it (whatever
      // order the handlers were added in). Undo and redo keep y-prosemirror's, so the caret
      // ends after text they bring back.
      let batchStarting = false;
      const onBeforeAll = () => (batchStarting = true);
      const onBefore = (transaction: Y.Transaction) => {
        if (!batchStarting) return;
        batchStarting = false;
        if (transaction.origin instanceof Y.UndoManager || binding.prosemirrorView !== view) return;
        binding.beforeTransactionSelection = stickySelection(binding, view.state);
      };
      doc.on('beforeAllTransactions', onBeforeAll);
      doc.on('beforeTransaction', onBefore);
      return {
        destroy() {
          doc.off('beforeAllTransactions', onBeforeAll);
          doc.off('beforeTransaction', onBefore);
        },
      };
    },
  });
}
