// The open suggestions of a stored body, read from its blocks: what an approval checks (a
// revision holding any is refused) and what submitting warns about.
import type { BodyBlock } from './body-tree.ts';
import type { SuggestionAttrs, SuggestionKind } from './suggestion-marks.ts';

/** One open suggestion of a body: who suggested what, and its text (parts in different blocks joined by a space). */
export interface SuggestionSummary extends SuggestionAttrs {
  kind: SuggestionKind;
  text: string;
}

/** The open suggestions in `blocks`, in document order (by where each starts). */
export function openSuggestionsIn(blocks: BodyBlock[]): SuggestionSummary[] {
  const found = new Map<string, SuggestionSummary>();
  const walk = (block: BodyBlock) => {
    let previous: SuggestionSummary | null = null;
    for (const run of block.runs) {
      const kind: SuggestionKind | null = run.insertion ? 'insertion' : run.deletion ? 'deletion' : null;
      const attrs = run.insertion ?? run.deletion;
      if (!kind || !attrs) {
        previous = null;
        continue;
      }
      const key = `${kind}:${attrs.id}`;
      const seen = found.get(key);
      if (!seen) found.set(key, { ...attrs, kind, text: run.text });
      else seen.text = seen === previous ? seen.text + run.text : `${seen.text.trimEnd()} ${run.text.trimStart()}`;
      previous = found.get(key)!;
    }
    block.children.forEach(walk);
  };
  blocks.forEach(walk);
  return [...found.values()];
}
