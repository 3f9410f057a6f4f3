// The open suggestions of a stored body, read from its blocks: what an approval checks (a
// revision holding any is refused) and what submitting warns about.
import type { BodyBlock, TextRun } from './body-tree.ts';
import type { FormattingAttrs, SuggestionAttrs, SuggestionKind } from './suggestion-marks.ts';

/** One open suggestion of a body: who suggested what, and its text (parts in different blocks joined by a space). */
export interface SuggestionSummary extends SuggestionAttrs {
  kind: SuggestionKind;
  text: string;
  /** A formatting suggestion's change (`formatting` only). */
  change?: Pick<FormattingAttrs, 'added' | 'removed'>;
}

// The suggestions a run is part of: an insertion or a deletion, and a change of its formatting.
function suggestionsOf(run: TextRun): [SuggestionKind, SuggestionAttrs][] {
  const out: [SuggestionKind, SuggestionAttrs][] = [];
  if (run.insertion) out.push(['insertion', run.insertion]);
  else if (run.deletion) out.push(['deletion', run.deletion]);
  if (run.formatting) out.push(['formatting', run.formatting]);
  return out;
}

/** The open suggestions in `blocks`, in document order (by where each starts). */
export function openSuggestionsIn(blocks: BodyBlock[]): SuggestionSummary[] {
  const found = new Map<string, SuggestionSummary>();
  const walk = (block: BodyBlock) => {
    let previous = new Set<string>();
    for (const run of block.runs) {
      const current = new Set<string>();
      for (const [kind, attrs] of suggestionsOf(run)) {
        const key = `${kind}:${attrs.id}`;
        current.add(key);
        const seen = found.get(key);
        if (!seen) {
          const { added, removed, ...who } = attrs as FormattingAttrs;
          found.set(key, { ...who, kind, text: run.text, ...(kind === 'formatting' ? { change: { added, removed } } : {}) });
        } else seen.text = previous.has(key) ? seen.text + run.text : `${seen.text.trimEnd()} ${run.text.trimStart()}`;
      }
      previous = current;
    }
    block.children.forEach(walk);
  };
  blocks.forEach(walk);
  return [...found.values()];
}
