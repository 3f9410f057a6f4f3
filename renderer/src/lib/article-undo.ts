// The story's one undo history: Ctrl/⌘+Z anywhere in the story (headline, standfirst, body)
// takes back this user's last change, wherever it was made — and a replace-all across the
// fields, made in one transaction, is one change. Only this user's own edits are tracked
// (their transaction origins), never a colleague's.
import * as Y from 'yjs';
import { defaultDeleteFilter, defaultProtectedNodes, ySyncPluginKey } from 'y-prosemirror';
import { bodyFragment, headlineText, standfirstText } from '../../../model/article-schema.ts';

/** The origin of find-and-replace edits: tracked by the story's undo, and unknown to every field binding (so each shows them). */
export const FIND_REPLACE_ORIGIN = { edit: 'find-and-replace' } as const;

/** Edits within this long of each other are one undo step (Yjs' default). */
const CAPTURE_TIMEOUT_MS = 500;

/** The undo history of one open story; fields add their own edits' origins as they bind. */
export class ArticleUndo extends Y.UndoManager {
  constructor(doc: Y.Doc) {
    super([headlineText(doc), standfirstText(doc), bodyFragment(doc)], {
      // The body's own edits (y-prosemirror's origin) and find-and-replace.
      trackedOrigins: new Set<unknown>([ySyncPluginKey, FIND_REPLACE_ORIGIN]),
      captureTimeout: CAPTURE_TIMEOUT_MS,
      // As y-prosemirror's own manager: undo never deletes a paragraph someone else typed into.
      deleteFilter: (item) => defaultDeleteFilter(item, defaultProtectedNodes),
      captureTransaction: (transaction) => transaction.meta.get('addToHistory') !== false,
    });
  }

  // y-prosemirror's undo plugin destroys the manager it is given when its editor goes, and the
  // body editor is remade when it turns read-only: the story's history outlives it. close() ends it.
  override destroy(): void {}

  /** Ends the history (the story closes). */
  close(): void {
    super.destroy();
  }
}
