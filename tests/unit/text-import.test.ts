// Plain-text import: the sample file, header lines, credits, line ends and writing into a document.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText, readByline, readPictures, replaceText, standfirstText } from '../../model/article-schema.ts';
import { blockText, readBody } from '../../model/body-tree.ts';
import { importStoryIntoDoc, parseStoryText, type ImportedStory } from '../../model/text-import.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const samplePath = path.resolve(repoRoot, '../shared/samples/000_ebb6b6b0f14d11f9.txt');
const sampleExists = existsSync(samplePath);

const story = (fields: Partial<ImportedStory>): ImportedStory => ({
  headline: '',
  standfirst: '',
  byline: '',
  paragraphs: [],
  credits: [],
  ...fields,
});

const counter = () => {
  let n = 0;
  return () => `pic-${++n}`;
};

describe('parseStoryText', () => {
  it.skipIf(!sampleExists)('reads the sample file into 12 paragraphs and the credit Gage Skidmore (skipped: sample file absent)', () => {
    const parsed = parseStoryText(readFileSync(samplePath, 'utf8'));
    expect(parsed.paragraphs).toHaveLength(12);
    expect(parsed.credits).toEqual(['Gage Skidmore']);
    expect(parsed.headline).toBe('');
    expect(parsed.paragraphs[0]).toMatch(/^Russian diplomats have gone on the offensive/);
    expect(parsed.paragraphs.at(-1)).toMatch(/^Nonetheless, the ongoing Biden-Putin tussle/);
    expect(parsed.paragraphs.some((p) => /credit/i.test(p))).toBe(false);
  });

  it('reads header lines at the top, labels case-insensitive', () => {
    const parsed = parseStoryText('Headline: Big news\nSTANDFIRST:   The summary  \nbyline : By A. Reporter\n\nFirst.\nSecond.\n');
    expect(parsed).toEqual(
      story({ headline: 'Big news', standfirst: 'The summary', byline: 'By A. Reporter', paragraphs: ['First.', 'Second.'] }),
    );
  });

  it('treats header-looking lines after the first paragraph as paragraphs', () => {
    const parsed = parseStoryText('Intro.\nHeadline: not a header\nByline: nor this');
    expect(parsed.headline).toBe('');
    expect(parsed.byline).toBe('');
    expect(parsed.paragraphs).toEqual(['Intro.', 'Headline: not a header', 'Byline: nor this']);
  });

  it('reads credit lines anywhere, case-insensitive, and never as paragraphs', () => {
    const parsed = parseStoryText('picture credit: Early Bird\nHeadline: H\nOne.\nPICTURE  CREDIT :  Jane Doe \nTwo.\nPicture Credit: Gage Skidmore');
    expect(parsed.headline).toBe('H');
    expect(parsed.paragraphs).toEqual(['One.', 'Two.']);
    expect(parsed.credits).toEqual(['Early Bird', 'Jane Doe', 'Gage Skidmore']);
  });

  it('ignores a credit line without a name', () => {
    expect(parseStoryText('One.\nPicture Credit:   \n')).toEqual(story({ paragraphs: ['One.'] }));
  });

  it('handles CRLF, CR, a BOM, blank lines and surrounding whitespace', () => {
    const parsed = parseStoryText('\uFEFFHeadline: Title\r\n\r\n  First line.  \r\n\t\r\nSecond line.\rThird.   \r\nPicture Credit: Jane\r\n');
    expect(parsed).toEqual(story({ headline: 'Title', paragraphs: ['First line.', 'Second line.', 'Third.'], credits: ['Jane'] }));
  });

  it('reads an empty file as an empty story', () => {
    expect(parseStoryText('')).toEqual(story({}));
    expect(parseStoryText('\n \r\n')).toEqual(story({}));
  });

  it('reads a backslash before a label line (or before another backslash) as an escape', () => {
    const parsed = parseStoryText('\\Headline: a paragraph\n\\Picture Credit: also a paragraph\n\\\\two\n\\plain\nC:\\path');
    expect(parsed.headline).toBe('');
    expect(parsed.credits).toEqual([]);
    expect(parsed.paragraphs).toEqual(['Headline: a paragraph', 'Picture Credit: also a paragraph', '\\two', '\\plain', 'C:\\path']);
  });
});

describe('importStoryIntoDoc', () => {
  it('writes fields, paragraphs and one uncredited-image picture per credit, in one transaction', () => {
    const doc = new Y.Doc();
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    importStoryIntoDoc(
      doc,
      story({ headline: 'H', standfirst: 'S', byline: 'B', paragraphs: ['p1', 'p2'], credits: ['Ann', 'Bob'] }),
      counter(),
    );
    expect(transactions).toBe(1);
    expect(headlineText(doc).toString()).toBe('H');
    expect(standfirstText(doc).toString()).toBe('S');
    expect(readByline(doc)).toBe('B');
    expect(readBody(doc).map(blockText)).toEqual(['p1', 'p2']);
    expect(readPictures(doc)).toEqual([
      { id: 'pic-1', hash: '', caption: '', credit: 'Ann', copyright: '', alt: '' },
      { id: 'pic-2', hash: '', caption: '', credit: 'Bob', copyright: '', alt: '' },
    ]);
  });

  it('leaves existing fields alone when the story has none, and appends to the body', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'Kept');
    importStoryIntoDoc(doc, story({ paragraphs: ['first'] }), counter());
    importStoryIntoDoc(doc, story({ paragraphs: ['second'] }), counter());
    expect(headlineText(doc).toString()).toBe('Kept');
    expect(readByline(doc)).toBe('');
    expect(readBody(doc).map(blockText)).toEqual(['first', 'second']);
    expect(readPictures(doc)).toEqual([]);
  });

  it.skipIf(!sampleExists)('imports the sample file into 12 paragraphs and one picture credited Gage Skidmore (skipped: sample file absent)', () => {
    const doc = new Y.Doc();
    importStoryIntoDoc(doc, parseStoryText(readFileSync(samplePath, 'utf8')), counter());
    expect(readBody(doc)).toHaveLength(12);
    const pictures = readPictures(doc);
    expect(pictures).toHaveLength(1);
    expect(pictures[0]).toMatchObject({ id: 'pic-1', credit: 'Gage Skidmore', hash: '' });
  });
});
