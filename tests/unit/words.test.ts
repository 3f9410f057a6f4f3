// Word counts of tricky text, body-only article counts and reading time.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText, replaceText, standfirstText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { articleWordCount, countWords, readingMinutes, WORDS_PER_MINUTE } from '../../model/words.ts';

describe('countWords', () => {
  it('counts nothing in empty or blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  ')).toBe(0);
    expect(countWords(' \n\t ')).toBe(0);
    expect(countWords(' – … !? ')).toBe(0);
  });

  it('keeps apostrophes and hyphens inside a word', () => {
    expect(countWords("don't")).toBe(1);
    expect(countWords('don’t stop')).toBe(2);
    expect(countWords('a well-known fact')).toBe(3);
    expect(countWords("rock 'n' roll")).toBe(3);
  });

  it('splits on dashes, slashes and punctuation', () => {
    expect(countWords('yes – no')).toBe(2);
    expect(countWords('either/or')).toBe(2);
    expect(countWords('end.Start')).toBe(2);
    expect(countWords('hello, world!')).toBe(2);
  });

  it('is Unicode-aware', () => {
    expect(countWords('Émile Zola')).toBe(2);
    expect(countWords('E\u0301mile Zola')).toBe(2); // decomposed accent
    expect(countWords('Москва и Київ')).toBe(3);
    expect(countWords('Straße café naïve')).toBe(3);
  });

  it('counts numbers as words, with decimal and thousands separators inside', () => {
    expect(countWords('2024')).toBe(1);
    expect(countWords('3.5 million people')).toBe(3);
    expect(countWords('1,000 or 10:30 or 4.')).toBe(5);
    expect(countWords('Covid-19 in 2020s')).toBe(3);
  });
});

describe('articleWordCount', () => {
  it('counts body words only', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'A headline of six words here');
    replaceText(standfirstText(doc), 'Not counted either');
    appendParagraphs(doc, ["It's a well-known story.", 'Émile Zola wrote 31 books.']);
    expect(articleWordCount(doc)).toBe(4 + 5);
  });

  it('is 0 for an empty story', () => {
    expect(articleWordCount(new Y.Doc())).toBe(0);
  });
});

describe('readingMinutes', () => {
  it('is 0 for no words and at least 1 otherwise', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(1)).toBe(1);
    expect(readingMinutes(WORDS_PER_MINUTE)).toBe(1);
  });

  it('reads 230 words a minute, rounded', () => {
    expect(WORDS_PER_MINUTE).toBe(230);
    expect(readingMinutes(460)).toBe(2);
    expect(readingMinutes(2300)).toBe(10);
    expect(readingMinutes(575)).toBe(3); // 2.5 rounds up
  });
});
