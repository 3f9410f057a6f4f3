// The body's open suggestions for the app (issue 14): one per open story, written by the body
// editor (the list as it changes, and how to settle them) and read by the `Comments and
// suggestions` panel, so neither has to pass the other through the page.
import type * as Y from 'yjs';
import type { OpenSuggestion, SuggestionScope } from './suggest-mode.ts';

/** The open suggestions of one open story, and the editor's way to settle them. */
export class OpenSuggestions {
  /** Every open suggestion, in document order. */
  list = $state.raw<OpenSuggestion[]>([]);
  /** Accepts (true) or rejects the suggestions in a scope (set by the editor while it is mounted and editable). */
  settle = $state<((scope: SuggestionScope, accept: boolean) => void) | null>(null);
}

const perDoc = new WeakMap<Y.Doc, OpenSuggestions>();

/** The open suggestions of the story `doc` holds (made on first use, shared after). */
export function openSuggestionsOf(doc: Y.Doc): OpenSuggestions {
  let state = perDoc.get(doc);
  if (!state) perDoc.set(doc, (state = new OpenSuggestions()));
  return state;
}
