// Live counts of a story's fields: words and characters of the headline, standfirst and body,
// and the body's reading time (model/words.ts: 230 words a minute). The body counts what is
// published: notes (model/notes.ts) are left out of its words and characters. Characters are
// counted as a person counts them (a letter with an accent or an emoji is one), not in the
// UTF-16 units the caps use.
import type * as Y from 'yjs';
import { headlineText, standfirstText } from './article-schema.ts';
import { blockText, readBody, textBlocks } from './body-tree.ts';
import { countWords, readingMinutes } from './words.ts';

/** Words and characters of one field. */
export interface FieldCount {
  words: number;
  characters: number;
}

/** The counts the story shows as it is written. */
export interface StoryCounts {
  headline: FieldCount;
  standfirst: FieldCount;
  body: FieldCount;
  /** Minutes to read the body, rounded (at least 1 for any text). */
  readingMinutes: number;
}

// The longest text counted grapheme by grapheme (a headline, a standfirst, a paragraph).
const SEGMENTED_MAX = 10_000;

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/** The characters in `text` as a person counts them: grapheme clusters (code points where Intl.Segmenter is missing). */
export function countCharacters(text: string): number {
  // Printable ASCII is one character per unit: the common case, counted without segmenting (a long body's every 300 ms).
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  // A very long paragraph: code points less combining marks, near enough and far cheaper than segmenting.
  if (!segmenter || text.length > SEGMENTED_MAX) return text.length - (text.match(/[\uDC00-\uDFFF]/g)?.length ?? 0) - (text.match(/\p{M}/gu)?.length ?? 0);
  let n = 0;
  for (const segment of segmenter.segment(text)) if (segment.segment !== '') n++;
  return n;
}

/** Words and characters of `text`. */
export const fieldCount = (text: string): FieldCount => ({ words: countWords(text), characters: countCharacters(text) });

/** Every count of `doc` now. */
export function storyCounts(doc: Y.Doc): StoryCounts {
  const blocks = textBlocks(readBody(doc)).map(blockText);
  const body = blocks.reduce((sum, text) => ({ words: sum.words + countWords(text), characters: sum.characters + countCharacters(text) }), { words: 0, characters: 0 });
  return {
    headline: fieldCount(headlineText(doc).toString()),
    standfirst: fieldCount(standfirstText(doc).toString()),
    body,
    readingMinutes: readingMinutes(body.words),
  };
}

/** The counts of an empty story. */
export const NO_COUNTS: StoryCounts = { headline: { words: 0, characters: 0 }, standfirst: { words: 0, characters: 0 }, body: { words: 0, characters: 0 }, readingMinutes: 0 };
