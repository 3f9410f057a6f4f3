// The newsroom dictionary in the desktop's spell checker (issue 18, requirement 1), with a fake
// session and a real file: the newsroom's words are added, words taken out of it removed, the
// user's own words left alone, and whether the context menu may offer it follows the user's right.
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newsroomDictionary, parseNewsroomWords } from '../../electron/main/newsroom-dictionary.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A session whose spell checker starts with `own` words (the user's), and the file main keeps. */
function setUp(own: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-words-'));
  dirs.push(dir);
  const words = new Set(own);
  const session = {
    addWordToSpellCheckerDictionary: vi.fn((word: string) => (words.add(word), true)),
    removeWordFromSpellCheckerDictionary: vi.fn((word: string) => words.delete(word)),
    listWordsInSpellCheckerDictionary: vi.fn(async () => [...words]),
  };
  const file = join(dir, 'nested', 'newsroom-words.json');
  return { session, words, file, dictionary: newsroomDictionary(session, fs, file) };
}

describe('newsroomDictionary', () => {
  it('adds the newsroom’s words at sign-in and removes those taken out later, remembering which it added', async () => {
    const { session, words, file, dictionary } = setUp();
    await dictionary.use(['Kraków', 'Zelenskyy'], false);
    expect([...words].sort()).toEqual(['Kraków', 'Zelenskyy']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(['Kraków', 'Zelenskyy']);
    await dictionary.use(['Zelenskyy', 'Odesa'], false);
    expect([...words].sort()).toEqual(['Odesa', 'Zelenskyy']);
    expect(session.removeWordFromSpellCheckerDictionary.mock.calls).toEqual([['Kraków']]);
    // A word the spell checker has already is not added again.
    expect(session.addWordToSpellCheckerDictionary.mock.calls.map(([word]) => word)).toEqual(['Kraków', 'Zelenskyy', 'Odesa']);
  });

  it('leaves the user’s own words alone, even when the newsroom had them too', async () => {
    const { words, dictionary } = setUp(['Kyiv', 'teh']);
    await dictionary.use(['Kyiv', 'Odesa'], false);
    await dictionary.use([], false);
    expect([...words].sort()).toEqual(['Kyiv', 'teh']);
  });

  it('remembers across restarts which words were the newsroom’s, and reads a damaged file as none', async () => {
    const first = setUp();
    await first.dictionary.use(['Kraków'], false);
    const again = newsroomDictionary(first.session, fs, first.file);
    await again.use([], false);
    expect([...first.words]).toEqual([]);
    writeFileSync(first.file, '{"not": "a list"');
    first.words.add('Mine');
    await newsroomDictionary(first.session, fs, first.file).use([], false);
    expect([...first.words]).toEqual(['Mine']);
  });

  it('offers Add to Newsroom Dictionary only while told the user may; syncs run one after another', async () => {
    const { words, dictionary } = setUp();
    expect(dictionary.mayAdd).toBe(false);
    const a = dictionary.use(['Alpha'], true);
    const b = dictionary.use(['Beta'], true);
    expect(dictionary.mayAdd).toBe(true);
    await Promise.all([a, b]);
    expect([...words]).toEqual(['Beta']);
    await dictionary.use([], false);
    expect(dictionary.mayAdd).toBe(false);
  });

  it('parseNewsroomWords keeps only dictionary words', () => {
    expect(parseNewsroomWords(['Kraków', 'New York', 7, '', "O'Brien"])).toEqual(['Kraków', "O'Brien"]);
    expect(parseNewsroomWords('Kraków')).toEqual([]);
  });
});
