// Find and replace, the pure part: where a query occurs in a text, in a ProseMirror document's
// text blocks, and across a story's fields in reading order. Tested without a browser.
import type { Node } from 'prosemirror-model';

/** What to look for. */
export interface FindQuery {
  text: string;
  /** Match case ("US" finds "US", not "us"); otherwise case is ignored. */
  caseSensitive: boolean;
}

/** A found range, [from, to), in a field's own positions (characters, or ProseMirror positions in the body). */
export interface TextRange {
  from: number;
  to: number;
}

/** The fields find and replace looks in, in reading order. */
export const FIND_FIELDS = ['headline', 'standfirst', 'body'] as const;

/** A field find and replace looks in. */
export type FindField = (typeof FIND_FIELDS)[number];

/** One match in the story. */
export interface ArticleMatch extends TextRange {
  field: FindField;
}

// Stands for an inline node that is not text (none in the schema today): one position, never matched.
const NOT_TEXT = '\uFFFC';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The non-overlapping occurrences of `query` in `text`, first to last; none for an empty query. */
export function findInText(text: string, query: FindQuery): TextRange[] {
  if (query.text === '') return [];
  // A regular expression rather than lower-casing both: lower-casing can change a string's length.
  const pattern = new RegExp(escapeRegExp(query.text), query.caseSensitive ? 'gu' : 'giu');
  return [...text.matchAll(pattern)].map((match) => ({ from: match.index, to: match.index + match[0].length }));
}

/** The occurrences of `query` in a ProseMirror document, within each text block (never across two), as document positions. */
export function findInDoc(doc: Node, query: FindQuery): TextRange[] {
  const ranges: TextRange[] = [];
  if (query.text === '') return ranges;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // One character per position inside a text block: text is itself, any other inline node one placeholder.
    const text = node.textBetween(0, node.content.size, undefined, NOT_TEXT);
    for (const range of findInText(text, query)) ranges.push({ from: pos + 1 + range.from, to: pos + 1 + range.to });
    return false;
  });
  return ranges;
}

/** Every match in the story, in reading order: the headline's, the standfirst's, then the body's. */
export function articleMatches(found: Record<FindField, TextRange[]>): ArticleMatch[] {
  return FIND_FIELDS.flatMap((field) => found[field].map((range) => ({ field, ...range })));
}

/** The match to show after `current` when moving `step` (1 or -1), wrapping around; -1 when there is none. */
export function stepMatch(count: number, current: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
