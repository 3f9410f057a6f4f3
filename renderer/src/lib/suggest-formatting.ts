// Suggested formatting (issue 14): in suggestion mode, making text bold or italic (or plain again)
// is applied, and the text records it as a suggestion: a `formatting` mark saying who, when, and
// which formats the change `added` to and `removed` from the text's original formatting. Changing
// the formatting of one's own suggested change again merges with it (back to the original: no
// suggestion); changing it over someone else's makes it this author's, still relative to the
// original. Text that is itself a suggested insertion is formatted directly.
import type { Transaction } from 'prosemirror-state';
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { BODY_MARKS, bodySchema, SUGGESTED_FORMATS } from '../../../model/body-schema.ts';
import { newSuggestionId, type FormattingAttrs } from '../../../model/suggestion-marks.ts';

/** Who suggests, and (for tests) the clock and the ids of new suggestions. */
export interface FormattingSuggester {
  author: { id: string; name: string };
  now?: () => number;
  newId?: () => string;
}

const formattingType = bodySchema.marks[BODY_MARKS.formatting];
const insertionType = bodySchema.marks[BODY_MARKS.insertion];
const FORMATS = Object.keys(SUGGESTED_FORMATS);

// prosemirror-transform is not a dependency of its own here: a step says its type in its JSON.
interface MarkStepJson {
  stepType?: string;
  mark?: { type?: string };
  from?: number;
  to?: number;
}

/** The ranges a transaction only adds or removes bold or italic in (null: it does something else). */
export function formattingRanges(tr: Transaction): [number, number][] | null {
  if (tr.steps.length === 0) return null;
  const ranges: [number, number][] = [];
  for (const step of tr.steps) {
    const json = step.toJSON() as MarkStepJson;
    if ((json.stepType !== 'addMark' && json.stepType !== 'removeMark') || !FORMATS.includes(json.mark?.type ?? '')) return null;
    ranges.push([json.from!, json.to!]);
  }
  // Merged, in order: a toggle writes a step per mark and per range.
  ranges.sort((a, b) => a[0] - b[0]);
  return ranges.reduce<[number, number][]>((out, [from, to]) => {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
    return out;
  }, []);
}

const has = (marks: readonly Mark[], name: string) => marks.some((m) => m.type.name === name);

/** The formats `marks` had originally: as shown, unless a formatting suggestion changed them. */
export function originalFormats(marks: readonly Mark[]): string[] {
  const suggested = formattingType.isInSet(marks)?.attrs as FormattingAttrs | undefined;
  return FORMATS.filter((name) => (suggested ? suggested.removed.includes(name) || (has(marks, name) && !suggested.added.includes(name)) : has(marks, name)));
}

/**
 * Records in `tr` (which only changes bold or italic in `ranges`, made on `before`) each changed
 * piece of text's formatting as suggested by `who`. Pieces with the same change share one new suggestion.
 */
export function suggestFormatting(before: PMNode, tr: Transaction, ranges: [number, number][], who: FormattingSuggester): void {
  const pieces: { from: number; to: number; mark: Mark | null }[] = [];
  const ids = new Map<string, string>();
  const markFor = (oldMarks: readonly Mark[], newMarks: readonly Mark[]): Mark | null => {
    const original = originalFormats(oldMarks);
    const added = FORMATS.filter((name) => has(newMarks, name) && !original.includes(name));
    const removed = original.filter((name) => !has(newMarks, name));
    if (added.length + removed.length === 0) return null;
    const existing = formattingType.isInSet(oldMarks);
    const same = existing?.attrs as FormattingAttrs | undefined;
    if (same && same.author === who.author.id && same.added.join() === added.join() && same.removed.join() === removed.join()) return existing!;
    const change = `${added.join()}|${removed.join()}`;
    if (!ids.has(change)) ids.set(change, (who.newId ?? newSuggestionId)());
    const attrs: FormattingAttrs = { id: ids.get(change)!, author: who.author.id, authorName: who.author.name, at: (who.now ?? Date.now)(), added, removed };
    return formattingType.create(attrs);
  };
  for (const [from, to] of ranges) {
    tr.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText || insertionType.isInSet(node.marks)) return !node.isText;
      const start = Math.max(pos, from);
      const end = Math.min(pos + node.nodeSize, to);
      // Mark steps move nothing: the same positions before the change hold the same characters.
      before.nodesBetween(start, end, (old, oldPos) => {
        if (!old.isText) return true;
        pieces.push({ from: Math.max(oldPos, start), to: Math.min(oldPos + old.nodeSize, end), mark: markFor(old.marks, node.marks) });
        return false;
      });
      return false;
    });
  }
  for (const { from, to, mark } of pieces) {
    tr.removeMark(from, to, formattingType);
    if (mark) tr.addMark(from, to, mark);
  }
}
