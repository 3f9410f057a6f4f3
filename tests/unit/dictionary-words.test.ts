// What a newsroom dictionary word is (model/dictionary.ts): the one rule the server, the desktop's
// main process and the page ask — one word of letters in any script, an apostrophe or hyphen inside.
import { describe, expect, it } from 'vitest';
import { DICTIONARY_WORD_MAX, dictionaryWordProblem, isDictionaryWord } from '../../model/dictionary.ts';

describe('dictionary words', () => {
  it('takes names and places in any script, with apostrophes and hyphens inside', () => {
    for (const word of ['Kraków', 'Zelenskyy', "O'Brien", 'O’Neill', 'Jean-Luc', 'Ōsaka', 'Тбілісі', 'Αθήνα', 'İstanbul', 'ä'.repeat(DICTIONARY_WORD_MAX)]) {
      expect(dictionaryWordProblem(word), word).toBeNull();
    }
  });

  it('refuses anything else with a sentence saying what to do', () => {
    expect(dictionaryWordProblem('')).toMatch(/empty/);
    expect(dictionaryWordProblem('a'.repeat(DICTIONARY_WORD_MAX + 1))).toMatch(/longer than 64/);
    expect(dictionaryWordProblem('Krako\u0301w')).toMatch(/NFC/);
    for (const word of ['New York', ' Kyiv', 'COVID19', "'tis", 'Jean-', 'a--b', 'x<y', 'Zürich\n', '\u200bKyiv']) {
      expect(dictionaryWordProblem(word), JSON.stringify(word)).toMatch(/letters only/);
    }
    expect(isDictionaryWord(42)).toBe(false);
  });
});
