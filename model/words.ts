// Word counts and reading time for the story body.
import type * as Y from 'yjs';
import { blockText, publishedBlocks, readBody, textBlocks, type BodyBlock } from './body-tree.ts';

// A word: runs of letters, marks (combining accents) and digits, joined by apostrophes or
// hyphens inside the word (don't, well-known), or by . , : between digits (3.5, 1,000, 10:30).
// Dashes, slashes and other punctuation separate words. Scripts written without spaces
// (Chinese, Japanese, Thai) count one word per unbroken run: a known limitation.
const WORD = /[\p{L}\p{M}\p{N}]+(?:(?:['’‐‑-]|(?<=\p{N})[.,:](?=\p{N}))[\p{L}\p{M}\p{N}]+)*/gu;

/** Reading speed used for reading time, in words per minute. */
export const WORDS_PER_MINUTE = 230;

/** The number of words in `text`. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

/** The number of words in the story body (headline, standfirst and captions excluded). */
export function articleWordCount(doc: Y.Doc): number {
  return bodyWordCount(readBody(doc));
}

/** The number of words in body blocks already read (see articleWordCount), as published: suggested insertions not counted, suggested deletions counted. */
export function bodyWordCount(blocks: BodyBlock[]): number {
  return textBlocks(publishedBlocks(blocks)).reduce((sum, block) => sum + countWords(blockText(block)), 0);
}

/** Reading time in whole minutes, rounded, at least 1 for any text; 0 for an empty story. */
export function readingMinutes(words: number): number {
  return words > 0 ? Math.max(1, Math.round(words / WORDS_PER_MINUTE)) : 0;
}
