// Plain-text export: the layout, and import(export(story)) giving the same story back.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, replaceText, standfirstText } from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { exportText } from '../../model/text-export.ts';
import { importStoryIntoDoc, parseStoryText } from '../../model/text-import.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const samplePath = path.resolve(repoRoot, '../shared/samples/000_ebb6b6b0f14d11f9.txt');
const sampleExists = existsSync(samplePath);

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
  it('writes header lines, a blank line, paragraphs separated by blank lines, then credit lines', () => {
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

  it('round-trips a story with headline, standfirst, byline and several credits', () => {
    const parsed = parseStoryText(exportText(fullDoc()));
    expect(parsed).toEqual({
      headline: 'Town hall <votes> "yes"',
      standfirst: 'A short summary.',
      byline: 'By Jane Doe',
      paragraphs: ['First paragraph.', 'Second paragraph.'],
      credits: ['Gage Skidmore', 'Reuters'],
    });
  });

  it.skipIf(!sampleExists)('round-trips the sample file (skipped: sample file absent)', () => {
    const original = parseStoryText(readFileSync(samplePath, 'utf8'));
    const doc = new Y.Doc();
    importStoryIntoDoc(doc, original, newId);
    expect(parseStoryText(exportText(doc))).toEqual(original);
  });

  it('round-trips paragraphs that look like labels, escapes or contain backslashes', () => {
    const paragraphs = [
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
    const parsed = parseStoryText(exportText(doc));
    expect(parsed.headline).toBe('');
    expect(parsed.byline).toBe('');
    expect(parsed.paragraphs).toEqual(paragraphs);
    expect(parsed.credits).toEqual(['Real Credit']);
  });

  it('normalises line breaks to spaces and drops empty paragraphs and credits', () => {
    const doc = new Y.Doc();
    replaceText(headlineText(doc), 'Two\nlines');
    appendParagraphs(doc, ['  padded  ', '', '   ', 'line one\r\n  line two\n\nline three']);
    addPicture(doc, { id: 'x', credit: 'Ann\nLee' });
    addPicture(doc, { id: 'y', credit: '   ' });
    expect(parseStoryText(exportText(doc))).toEqual({
      headline: 'Two lines',
      standfirst: '',
      byline: '',
      paragraphs: ['padded', 'line one line two line three'],
      credits: ['Ann Lee'],
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
    expect(parseStoryText(exportText(doc)).paragraphs).toEqual(['A heading', 'An item', 'A quote']);
    expect(exportText(doc)).not.toMatch(/^- /m);
  });
});

function paragraph(text: string): Y.XmlElement {
  const element = new Y.XmlElement(BODY_NODES.paragraph);
  element.insert(0, [new Y.XmlText(text)]);
  return element;
}
