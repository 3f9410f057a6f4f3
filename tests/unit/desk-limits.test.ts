// Counts against limits (issue 14, requirement 4), pure: the story's counts (notes left out,
// characters as a person counts them, reading time at 230 words a minute), which limit applies
// (the desk's, else the newsroom's default), the sentence a field past it shows, the checks of
// limits from the API and the config file, and the --config flag.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, replaceText, standfirstText } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { appliedLimits, isOver, limitsProblem, limitText, NO_LIMITS } from '../../model/desk-limits.ts';
import { countCharacters, storyCounts } from '../../model/story-counts.ts';
import { readingMinutes, WORDS_PER_MINUTE } from '../../model/words.ts';
import { parseArgs } from '../../server/cli/args.ts';
import { ConfigError, parseServerConfig } from '../../server/config/server-config.ts';

describe('storyCounts', () => {
  it('counts words and characters of headline, standfirst and body, and the reading time', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'Café owner wins 🏆');
    replaceText(standfirstText(doc), 'A short one.');
    appendParagraphs(doc, ['word '.repeat(460).trim()]);
    expect(storyCounts(doc)).toEqual({
      headline: { words: 3, characters: 17 },
      standfirst: { words: 3, characters: 12 },
      body: { words: 460, characters: 460 * 5 - 1 },
      readingMinutes: 2,
    });
  });

  it('leaves notes out of the body', () => {
    const doc = new Y.Doc();
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    bodyFragment(doc).insert(0, [paragraph]);
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    text.insert(0, 'Two words');
    text.insert(9, ' and a note', { [BODY_MARKS.note]: { author: 'u1', name: 'Ana', at: 1 } });
    expect(storyCounts(doc).body).toEqual({ words: 2, characters: 9 });
  });

  it('counts characters as a person does: an accented letter or a flag is one', () => {
    expect(countCharacters('e\u0301')).toBe(1);
    expect(countCharacters('🇬🇧')).toBe(1);
    expect(countCharacters('abc')).toBe(3);
    // A paragraph past 10,000 units: code points less combining marks.
    expect(countCharacters(`${'é'.repeat(6_000)}${'e\u0301'.repeat(6_000)}😀`)).toBe(12_001);
  });

  it('reads at 230 words a minute', () => {
    expect(WORDS_PER_MINUTE).toBe(230);
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(10)).toBe(1);
    expect(readingMinutes(690)).toBe(3);
  });
});

describe('appliedLimits', () => {
  const news = { name: 'News', limits: { headlineChars: 80, bodyWords: null } };
  it('takes the desk’s own limit, else the default, else none', () => {
    expect(appliedLimits(news, { headlineChars: 70, bodyWords: 900 })).toEqual({ headlineChars: { limit: 80, deskName: 'News' }, bodyWords: { limit: 900, deskName: null } });
    expect(appliedLimits(null, { headlineChars: 70, bodyWords: null })).toEqual({ headlineChars: { limit: 70, deskName: null }, bodyWords: null });
    expect(appliedLimits(news, NO_LIMITS).bodyWords).toBeNull();
  });
});

describe('limitText', () => {
  it('says the count, and past the limit by how much and whose limit it is', () => {
    expect(limitText('Headline', 92, 'characters', { limit: 80, deskName: 'News' })).toBe("Headline: 92 characters, 12 over the News desk's 80");
    expect(limitText('Body', 1_250, 'words', { limit: 1_200, deskName: null })).toBe("Body: 1,250 words, 50 over the newsroom's default of 1,200");
    expect(limitText('Headline', 80, 'characters', { limit: 80, deskName: 'News' })).toBe('Headline: 80 of 80 characters');
    expect(limitText('Body', 1, 'words', null)).toBe('Body: 1 word');
    expect(isOver(81, { limit: 80, deskName: null })).toBe(true);
    expect(isOver(80, { limit: 80, deskName: null })).toBe(false);
    expect(isOver(1e6, null)).toBe(false);
  });
});

describe('limitsProblem', () => {
  it('takes whole numbers in range, null or absent', () => {
    expect(limitsProblem({ headlineChars: 80, bodyWords: 600 })).toBeNull();
    expect(limitsProblem({ headlineChars: null })).toBeNull();
    expect(limitsProblem({})).toBeNull();
  });
  it.each([
    [null, /must be an object/],
    [[1], /must be an object/],
    [{ headlineChars: 0 }, /headlineChars must be a whole number from 1 to 500/],
    [{ bodyWords: 100_001 }, /bodyWords must be a whole number from 1 to 100,000/],
    [{ bodyWords: Number.NaN }, /bodyWords/],
    [{ other: 1 }, /limits have no "other"/],
  ])('refuses %j', (value, reason) => {
    expect(limitsProblem(value)).toMatch(reason);
  });
});

describe('the config file', () => {
  it('reads the limits section, absent keys none', () => {
    expect(parseServerConfig('{"limits": {"headlineChars": 80}}', 'c.json')).toEqual({ limits: { headlineChars: 80, bodyWords: null } });
    expect(parseServerConfig('{}', 'c.json')).toEqual({ limits: NO_LIMITS });
  });
  it.each([
    ['not json', /c.json is not JSON/],
    ['[]', /must hold a JSON object/],
    ['{"limit": {}}', /unknown section "limit"/],
    ['{"limits": {"bodyWords": -5}}', /c.json: bodyWords must be a whole number/],
  ])('refuses %s', (text, reason) => {
    expect(() => parseServerConfig(text, 'c.json')).toThrow(ConfigError);
    expect(() => parseServerConfig(text, 'c.json')).toThrow(reason);
  });
  it('is named by --config or NEWSROOM_CONFIG, the flag first', () => {
    expect(parseArgs(['--config', 'a.json'], {})).toMatchObject({ command: 'serve', configFile: 'a.json' });
    expect(parseArgs([], { NEWSROOM_CONFIG: 'b.json' })).toMatchObject({ configFile: 'b.json' });
    expect(parseArgs(['--config', 'a.json'], { NEWSROOM_CONFIG: 'b.json' })).toMatchObject({ configFile: 'a.json' });
    expect(parseArgs([], {})).toMatchObject({ configFile: undefined });
  });
});
