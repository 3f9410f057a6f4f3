// Keeping the caret in view after changes from Yjs (colleagues' typing, undo), measured once a
// frame. y-prosemirror (1.3.7) gives every such change a scrollIntoView when the local caret was
// in view, and ProseMirror then measures the caret at once: a forced layout per remote change,
// several a frame when four people type into a long story (the browser bench's profile shows it
// as getClientRects under scrollToSelection). Here the change itself does not scroll; the caret
// is brought into view at the next frame if it was in view when the first change of that frame came
// and the changes moved it out (a scroll is a whole editor update: not worth one when the caret
// is where it was; the browser's scroll anchoring keeps it there when text above it grows).
import type { EditorView } from 'prosemirror-view';
import { ySyncPluginKey, type ProsemirrorBinding } from 'y-prosemirror';

/** Makes `view`'s y-prosemirror binding scroll to the caret at most once a frame; returns a function that undoes it. */
export function scrollOncePerFrame(view: EditorView): () => void {
  const binding = (ySyncPluginKey.getState(view.state) as { binding?: ProsemirrorBinding } | undefined)?.binding;
  if (!binding) return () => {};
  const wasInView = binding._isLocalCursorInView.bind(binding);
  let frame = 0;
  // y-prosemirror asks this before each change from Yjs; answering false keeps the change from scrolling.
  binding._isLocalCursorInView = () => {
    if (frame !== 0) return false;
    const inView = wasInView(); // layout is still clean: nothing has changed since the last frame
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (inView && !view.isDestroyed && view.hasFocus() && !binding._isDomSelectionInView()) view.dispatch(view.state.tr.scrollIntoView().setMeta('addToHistory', false));
    });
    return false;
  };
  return () => {
    cancelAnimationFrame(frame);
    binding._isLocalCursorInView = wasInView;
  };
}
