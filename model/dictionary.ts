// The newsroom dictionary (issue 18): names and places the desk adds, which every desktop's spell
// checker then accepts. One rule for what a word is, asked by the server (what it stores), the
// Electron main process (what it hands to the spell checker) and the renderer (what it offers).

/** The most characters a word may have (Chromium's custom dictionary takes at most 99 UTF-8 bytes: 64 letters of any script fit). */
export const DICTIONARY_WORD_MAX = 64;

/** The most words the newsroom dictionary holds: enough for a newsroom's names, small enough to hand to every desktop at sign-in. */
export const DICTIONARY_SIZE_MAX = 5000;

/** One word of the newsroom dictionary, as `GET /api/dictionary` lists it. */
export interface DictionaryEntry {
  word: string;
  /** Display name of who added it (null once their account is gone). */
  addedBy: string | null;
  /** When it was added, ms since 1970. */
  addedAt: number;
}

/** `GET /api/dictionary`: every word, in code-point order. */
export interface DictionaryResponse {
  words: DictionaryEntry[];
}

/** `POST /api/dictionary`: the word as stored, and whether this call added it (false: it was there already). */
export interface DictionaryAddResponse {
  entry: DictionaryEntry;
  added: boolean;
}

// A spell checker checks one word at a time: letters (any script) with their accents, joined by an
// apostrophe or a hyphen inside the word (O'Brien, Jean-Luc) — never a space, a digit or a symbol.
const WORD_SHAPE = /^\p{L}\p{M}*(?:['’-]?\p{L}\p{M}*)*$/u;

/** Why `word` cannot be a dictionary word (a sentence saying what to do), or null when it can. It must be NFC already. */
export function dictionaryWordProblem(word: string): string | null {
  if (word.length === 0) return 'the word is empty: type the word to add';
  if ([...word].length > DICTIONARY_WORD_MAX) return `the word is longer than ${DICTIONARY_WORD_MAX} characters: add one word at a time`;
  if (word.normalize('NFC') !== word) return 'the word is not in Unicode normal form (NFC): send it normalised';
  if (!WORD_SHAPE.test(word)) return 'a dictionary word is letters only, with an apostrophe or a hyphen inside it: add each word of a name on its own';
  return null;
}

/** Whether `value` can be a dictionary word. */
export const isDictionaryWord = (value: unknown): value is string => typeof value === 'string' && dictionaryWordProblem(value) === null;
