// Plain-text import: the sample file, header lines, a headline from the first line, pictures, line ends and writing into a document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText, readByline, readPictures, replaceText, standfirstText } from '../../model/article-schema.ts';
import { blockText, readBody } from '../../model/body-tree.ts';
import { firstLineIsHeadline, importArticleIntoDoc, INFERRED_HEADLINE_MAX, parseArticleText, type ImportedArticle } from '../../model/text-import.ts';
import { itWithSharedData, SAMPLE_ARTICLE } from '../support/shared-data.ts';

const article = (fields: Partial<ImportedArticle>): ImportedArticle => ({
  headline: '',
  standfirst: '',
  byline: '',
  paragraphs: [],
  pictures: [],
  ...fields,
});

const credited = (...credits: string[]) => credits.map((credit) => ({ caption: '', credit }));

const counter = () => {
  let n = 0;
  return () => `pic-${++n}`;
};

describe('parseStoryText', () => {
  itWithSharedData('reads the sample file into 12 paragraphs and the credit Gage Skidmore', [SAMPLE_ARTICLE], () => {
    const parsed = parseArticleText(readFileSync(SAMPLE_ARTICLE, 'utf8'));
    expect(parsed.paragraphs).toHaveLength(12);
    expect(parsed.pictures).toEqual(credited('Gage Skidmore'));
    expect(parsed.headline).toBe('');
    expect(parsed.paragraphs[0]).toMatch(/^Russian diplomats have gone on the offensive/);
    expect(parsed.paragraphs.at(-1)).toMatch(/^Nonetheless, the ongoing Biden-Putin tussle/);
    expect(parsed.paragraphs.some((p) => /credit/i.test(p))).toBe(false);
  });

  it('reads header lines at the top, labels case-insensitive', () => {
    const parsed = parseArticleText('Headline: Big news\nSTANDFIRST:   The summary  \nbyline : By A. Reporter\n\nFirst.\nSecond.\n');
    expect(parsed).toEqual(
      article({ headline: 'Big news', standfirst: 'The summary', byline: 'By A. Reporter', paragraphs: ['First.', 'Second.'] }),
    );
  });

  it('treats header-looking lines after the first paragraph as paragraphs', () => {
    const parsed = parseArticleText('Intro.\nHeadline: not a header\nByline: nor this');
    expect(parsed.headline).toBe('');
    expect(parsed.byline).toBe('');
    expect(parsed.paragraphs).toEqual(['Intro.', 'Headline: not a header', 'Byline: nor this']);
  });

  it('reads credit lines anywhere, case-insensitive, and never as paragraphs', () => {
    const parsed = parseArticleText('picture credit: Early Bird\nHeadline: H\nOne.\nPICTURE  CREDIT :  Jane Doe \nTwo.\nPicture Credit: Gage Skidmore');
    expect(parsed.headline).toBe('H');
    expect(parsed.paragraphs).toEqual(['One.', 'Two.']);
    expect(parsed.pictures).toEqual(credited('Early Bird', 'Jane Doe', 'Gage Skidmore'));
  });

  it('ignores a credit line without a name', () => {
    expect(parseArticleText('One.\nPicture Credit:   \n')).toEqual(article({ paragraphs: ['One.'] }));
  });

  it('handles CRLF, CR, a BOM, blank lines and surrounding whitespace', () => {
    const parsed = parseArticleText('\uFEFFHeadline: Title\r\n\r\n  First line.  \r\n\t\r\nSecond line.\rThird.   \r\nPicture Credit: Jane\r\n');
    expect(parsed).toEqual(article({ headline: 'Title', paragraphs: ['First line.', 'Second line.', 'Third.'], pictures: credited('Jane') }));
  });

  it('reads an empty file as an empty story', () => {
    expect(parseArticleText('')).toEqual(article({}));
    expect(parseArticleText('\n \r\n')).toEqual(article({}));
  });

  it('reads a backslash before a label line (or before another backslash) as an escape', () => {
    const parsed = parseArticleText('\\Headline: a paragraph\n\\Picture Credit: also a paragraph\n\\\\two\n\\plain\nC:\\path');
    expect(parsed.headline).toBe('');
    expect(parsed.pictures).toEqual([]);
    expect(parsed.paragraphs).toEqual(['Headline: a paragraph', 'Picture Credit: also a paragraph', '\\two', '\\plain', 'C:\\path']);
  });
});

describe('parseStoryText: a file without a Headline: line', () => {
  it('takes a first paragraph that reads as a headline as the headline, when paragraphs follow', () => {
    const parsed = parseArticleText('Harbour bridge reopens to cyclists\n\nCyclists queued from six.\nThe mayor cut a ribbon.\n');
    expect(parsed.headline).toBe('Harbour bridge reopens to cyclists');
    expect(parsed.paragraphs).toEqual(['Cyclists queued from six.', 'The mayor cut a ribbon.']);
    expect(parseArticleText('Is the bridge safe?\nEngineers say yes.').headline).toBe('Is the bridge safe?');
  });

  it('leaves the headline empty when the first paragraph reads as a sentence, is long, or is all there is', () => {
    const sentences = [
      'The bridge reopened on Monday.\nMore.',
      'He said: “it is open.”\nMore.',
      'Opening times:\nMore.',
      `${'word '.repeat(INFERRED_HEADLINE_MAX.words)}end\nMore.`,
      `${'x'.repeat(INFERRED_HEADLINE_MAX.chars + 1)}\nMore.`,
      'Only one line',
    ];
    for (const text of sentences) {
      const parsed = parseArticleText(text);
      expect(parsed.headline, text).toBe('');
      expect(parsed.paragraphs[0], text).toBe(text.split('\n')[0]);
    }
  });

  it('never takes an escaped line, and an empty Headline: line says there is none', () => {
    expect(parseArticleText('\\Headline: a paragraph\nMore').headline).toBe('');
    const parsed = parseArticleText('Headline:\n\nShort first paragraph\nMore');
    expect(parsed.headline).toBe('');
    expect(parsed.paragraphs).toEqual(['Short first paragraph', 'More']);
  });

  it('firstLineIsHeadline: short lines not ending like a sentence', () => {
    expect(firstLineIsHeadline('Bridge reopens')).toBe(true);
    expect(firstLineIsHeadline('Ready?')).toBe(true);
    expect(firstLineIsHeadline('Bridge reopens.')).toBe(false);
    expect(firstLineIsHeadline('“Open,”')).toBe(false);
    expect(firstLineIsHeadline('Wait…')).toBe(false);
  });
});

describe('parseStoryText: pictures', () => {
  it('pairs a caption with the credit line right after it, and never makes either a paragraph', () => {
    const parsed = parseArticleText('One.\nPicture Caption: The bridge at dawn\n\npicture credit: Jane Doe\nTwo.\nPicture Credit: Gage Skidmore');
    expect(parsed.paragraphs).toEqual(['One.', 'Two.']);
    expect(parsed.pictures).toEqual([
      { caption: 'The bridge at dawn', credit: 'Jane Doe' },
      { caption: '', credit: 'Gage Skidmore' },
    ]);
  });

  it('keeps a caption without a credit as a picture of its own', () => {
    expect(parseArticleText('Picture Caption: First\nPicture Caption: Second\nPicture Credit: Ann\nPicture Caption: Last').pictures).toEqual([
      { caption: 'First', credit: '' },
      { caption: 'Second', credit: 'Ann' },
      { caption: 'Last', credit: '' },
    ]);
    expect(parseArticleText('Picture Caption: Alone\nPicture Credit:\nPicture Credit: Bob').pictures).toEqual([
      { caption: 'Alone', credit: '' },
      { caption: '', credit: 'Bob' },
    ]);
    expect(parseArticleText('Picture Caption:   \nPicture Credit: Bob').pictures).toEqual([{ caption: '', credit: 'Bob' }]);
  });

  it('reads an escaped caption line as a paragraph', () => {
    const parsed = parseArticleText('One.\n\\Picture Caption: a sentence');
    expect(parsed.paragraphs).toEqual(['One.', 'Picture Caption: a sentence']);
    expect(parsed.pictures).toEqual([]);
  });
});

describe('importStoryIntoDoc', () => {
  it('writes fields, paragraphs and one picture (without its image) per caption or credit, in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    importArticleIntoDoc(
      doc,
      article({ headline: 'H', standfirst: 'S', byline: 'B', paragraphs: ['p1', 'p2'], pictures: [...credited('Ann'), { caption: 'Bob at work', credit: 'Bob' }] }),
      counter(),
    );
    expect(transactions).toBe(1);
    expect(headlineText(doc).toString()).toBe('H');
    expect(standfirstText(doc).toString()).toBe('S');
    expect(readByline(doc)).toBe('B');
    expect(readBody(doc).map(blockText)).toEqual(['p1', 'p2']);
    expect(readPictures(doc)).toEqual([
      { id: 'pic-1', hash: '', caption: '', credit: 'Ann', copyright: '', alt: '' },
      { id: 'pic-2', hash: '', caption: 'Bob at work', credit: 'Bob', copyright: '', alt: '' },
    ]);
  });

  it('leaves existing fields alone when the story has none, and appends to the body', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'Kept');
    importArticleIntoDoc(doc, article({ paragraphs: ['first'] }), counter());
    importArticleIntoDoc(doc, article({ paragraphs: ['second'] }), counter());
    expect(headlineText(doc).toString()).toBe('Kept');
    expect(readByline(doc)).toBe('');
    expect(readBody(doc).map(blockText)).toEqual(['first', 'second']);
    expect(readPictures(doc)).toEqual([]);
  });

  itWithSharedData('imports the sample file into 12 paragraphs and one picture credited Gage Skidmore', [SAMPLE_ARTICLE], () => {
    const doc = new Y.Doc();
    importArticleIntoDoc(doc, parseArticleText(readFileSync(SAMPLE_ARTICLE, 'utf8')), counter());
    expect(readBody(doc)).toHaveLength(12);
    const pictures = readPictures(doc);
    expect(pictures).toHaveLength(1);
    expect(pictures[0]).toMatchObject({ id: 'pic-1', credit: 'Gage Skidmore', hash: '' });
  });
});
