// Plain-text export: the layout, and import(export(story)) giving the same story back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, picturesArray, readPictures, replaceText, standfirstText } from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { exportText } from '../../model/text-export.ts';
import { importArticleIntoDoc, parseArticleText } from '../../model/text-import.ts';
import { itWithSharedData, SAMPLE_ARTICLE } from '../support/shared-data.ts';

let nextId = 0;
const newId = () => `pic-${++nextId}`;

function fullDoc(): Y.Doc {
  const doc = new Y.Doc();
  replaceText(headlineText(doc), 'Town hall <votes> "yes"');
  replaceText(standfirstText(doc), 'A short summary.');
  metaMap(doc).set(META_KEYS.byline, 'By Jane Doe');
  appendParagraphs(doc, ['First paragraph.', 'Second paragraph.']);
  addPicture(doc, { id: 'a', credit: 'Gage Skidmore', hash: 'abc' });
  addPicture(doc, { id: 'b', credit: 'Reuters' });
  addPicture(doc, { id: 'c', caption: 'No credit yet' });
  return doc;
}

describe('exportText', () => {
  it('writes header lines, a blank line, paragraphs separated by blank lines, then caption and credit lines', () => {
    expect(exportText(fullDoc())).toBe(
      [
        'Headline: Town hall <votes> "yes"',
        'Standfirst: A short summary.',
        'Byline: By Jane Doe',
        '',
        'First paragraph.',
        '',
        'Second paragraph.',
        '',
        'Picture Credit: Gage Skidmore',
        'Picture Credit: Reuters',
        'Picture Caption: No credit yet',
        'Picture Credit:',
        '',
      ].join('\n'),
    );
  });

  it('leaves out empty header fields and writes nothing for an empty story', () => {
    const doc = new Y.Doc();
    expect(exportText(doc)).toBe('');
    appendParagraphs(doc, ['Only body.']);
    expect(exportText(doc)).toBe('Only body.\n');
  });

  it('round-trips a story with headline, standfirst, byline, several credits and a caption without a credit', () => {
    const parsed = parseArticleText(exportText(fullDoc()));
    expect(parsed).toEqual({
      headline: 'Town hall <votes> "yes"',
      standfirst: 'A short summary.',
      byline: 'By Jane Doe',
      paragraphs: ['First paragraph.', 'Second paragraph.'],
      pictures: [
        { caption: '', credit: 'Gage Skidmore' },
        { caption: '', credit: 'Reuters' },
        { caption: 'No credit yet', credit: '' },
      ],
    });
  });

  itWithSharedData('round-trips the sample file with captions: headline, standfirst, paragraphs, captions and credits', [SAMPLE_ARTICLE], () => {
    const doc = new Y.Doc();
    importArticleIntoDoc(doc, parseArticleText(readFileSync(SAMPLE_ARTICLE, 'utf8')), newId);
    replaceText(headlineText(doc), 'Kremlin hits back at Biden’s “killer” remark');
    replaceText(standfirstText(doc), 'Moscow recalls its ambassador.');
    picturesArray(doc).get(0).set('caption', 'Vladimir Putin in 2021');
    addPicture(doc, { id: 'second', caption: 'Joe Biden at the White House', credit: 'Reuters' });
    addPicture(doc, { id: 'third', caption: 'A map of the region' });
    const text = exportText(doc);
    expect(text).toContain('Picture Caption: Vladimir Putin in 2021\nPicture Credit: Gage Skidmore\n');
    const parsed = parseArticleText(text);
    expect(parsed.headline).toBe('Kremlin hits back at Biden’s “killer” remark');
    expect(parsed.standfirst).toBe('Moscow recalls its ambassador.');
    expect(parsed.paragraphs).toEqual(readBody(doc).map(blockText));
    expect(parsed.paragraphs).toHaveLength(12);
    expect(parsed.pictures).toEqual([
      { caption: 'Vladimir Putin in 2021', credit: 'Gage Skidmore' },
      { caption: 'Joe Biden at the White House', credit: 'Reuters' },
      { caption: 'A map of the region', credit: '' },
    ]);
    // And into a document again: the same pictures' captions and credits.
    const again = new Y.Doc();
    importArticleIntoDoc(again, parsed, newId);
    expect(readPictures(again).map(({ caption, credit }) => ({ caption, credit }))).toEqual(parsed.pictures);
  });

  it('writes an empty Headline: line for a story without a headline whose first paragraph reads as one', () => {
    const doc = new Y.Doc();
    appendParagraphs(doc, ['A short first paragraph', 'Then the story.']);
    expect(exportText(doc)).toBe('Headline:\n\nA short first paragraph\n\nThen the story.\n');
    expect(parseArticleText(exportText(doc))).toMatchObject({ headline: '', paragraphs: ['A short first paragraph', 'Then the story.'] });
  });

  itWithSharedData('round-trips the sample file', [SAMPLE_ARTICLE], () => {
    const original = parseArticleText(readFileSync(SAMPLE_ARTICLE, 'utf8'));
    const doc = new Y.Doc();
    importArticleIntoDoc(doc, original, newId);
    expect(parseArticleText(exportText(doc))).toEqual(original);
  });

  it('round-trips paragraphs that look like labels, escapes or contain backslashes', () => {
    const paragraphs = [
      'Picture Caption: a sentence about a caption',
      'Headline: the first paragraph looks like a header',
      'Picture Credit: a sentence, not a credit',
      'picture credit:lower case too',
      'Byline: later paragraph',
      '\\Headline: already has a backslash',
      '\\\\two backslashes',
      '\\just a backslash',
      'A path C:\\temp stays',
    ];
    const doc = new Y.Doc();
    appendParagraphs(doc, paragraphs);
    addPicture(doc, { id: 'x', credit: 'Real Credit' });
    const parsed = parseArticleText(exportText(doc));
    expect(parsed.headline).toBe('');
    expect(parsed.byline).toBe('');
    expect(parsed.paragraphs).toEqual(paragraphs);
    expect(parsed.pictures).toEqual([{ caption: '', credit: 'Real Credit' }]);
  });

  it('normalises line breaks to spaces and drops empty paragraphs and credits', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'Two\nlines');
    appendParagraphs(doc, ['  padded  ', '', '   ', 'line one\r\n  line two\n\nline three']);
    addPicture(doc, { id: 'x', credit: 'Ann\nLee' });
    addPicture(doc, { id: 'y', credit: '   ' });
    expect(parseArticleText(exportText(doc))).toEqual({
      headline: 'Two lines',
      standfirst: '',
      byline: '',
      paragraphs: ['padded', 'line one line two line three'],
      pictures: [{ caption: '', credit: 'Ann Lee' }],
    });
  });

  it('writes headings, list items and quoted paragraphs as plain paragraphs', () => {
    const doc = new Y.Doc();
    const body = bodyFragment(doc);
    const heading = new Y.XmlElement(BODY_NODES.heading);
    const list = new Y.XmlElement(BODY_NODES.bulletList);
    const quote = new Y.XmlElement(BODY_NODES.blockquote);
    body.push([heading, list, quote]);
    heading.push([new Y.XmlText('A heading')]);
    const item = new Y.XmlElement(BODY_NODES.listItem);
    list.push([item]);
    item.push([paragraph('An item')]);
    quote.push([paragraph('A quote')]);
    expect(parseArticleText(exportText(doc)).paragraphs).toEqual(['A heading', 'An item', 'A quote']);
    expect(exportText(doc)).not.toMatch(/^- /m);
  });
});

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement(BODY_NODES.paragraph);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}
