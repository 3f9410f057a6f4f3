// The body as plain data: reading y-prosemirror-shaped content and appending paragraphs.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES } from '../../model/body-schema.ts';
import { appendParagraphs, blockText, createParagraph, readBody, textBlocks } from '../../model/body-tree.ts';

type Run = [text: string, attributes?: Record<string, unknown>];

// Appends an element to `parent` (integrated first, as y-prosemirror does) and fills it with formatted runs.
function addElement(parent: Y.XmlFragment | Y.XmlElement, name: string, runs: Run[] = [], attrs: Record<string, unknown> = {}) {
  const element = new Y.XmlElement(name);
  parent.push([element]);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  if (runs.length > 0) {
    const text = new Y.XmlText();
    element.push([text]);
    for (const [s, attributes] of runs) text.insert(text.length, s, attributes ?? {});
  }
  return element;
}

describe('readBody', () => {
  it('reads runs with their marks', () => {
    const doc = new Y.Doc();
    addElement(bodyFragment(doc), BODY_NODES.paragraph, [
      ['plain '],
      ['bold', { [BODY_MARKS.strong]: {} }],
      [' italic', { [BODY_MARKS.em]: {} }],
      [' both', { [BODY_MARKS.strong]: {}, [BODY_MARKS.em]: {} }],
      [' link', { [BODY_MARKS.link]: { href: 'https://x' } }],
    ]);
    const [block] = readBody(doc);
    expect(block.type).toBe(BODY_NODES.paragraph);
    expect(block.runs).toEqual([
      { text: 'plain ', strong: false, em: false },
      { text: 'bold', strong: true, em: false },
      { text: ' italic', strong: false, em: true },
      { text: ' both', strong: true, em: true },
      { text: ' link', strong: false, em: false, href: 'https://x' },
    ]);
  });

  it('reads y-prosemirror overlapping-mark keys (name--hash) by their prefix', () => {
    const doc = new Y.Doc();
    addElement(bodyFragment(doc), BODY_NODES.paragraph, [['x', { [`${BODY_MARKS.link}--abc123`]: { href: 'https://y' } }]]);
    expect(readBody(doc)[0].runs[0].href).toBe('https://y');
  });

  it('reads attributes and nested blocks', () => {
    const doc = new Y.Doc();
    const body = bodyFragment(doc);
    addElement(body, BODY_NODES.heading, [['Title']], { level: 3 });
    const list = addElement(body, BODY_NODES.bulletList);
    addElement(addElement(list, BODY_NODES.listItem), BODY_NODES.paragraph, [['one']]);
    addElement(addElement(list, BODY_NODES.listItem), BODY_NODES.paragraph, [['two']]);
    const blocks = readBody(doc);
    expect(blocks.map((b) => b.type)).toEqual([BODY_NODES.heading, BODY_NODES.bulletList]);
    expect(blocks[0].attrs.level).toBe(3);
    expect(blocks[1].children.map((item) => item.type)).toEqual([BODY_NODES.listItem, BODY_NODES.listItem]);
    expect(blockText(blocks[1])).toBe('one two');
    expect(textBlocks(blocks).map(blockText)).toEqual(['Title', 'one', 'two']);
  });

  it('is empty for an empty body', () => {
    expect(readBody(new Y.Doc())).toEqual([]);
  });
});

describe('createParagraph and appendParagraphs', () => {
  it('appends plain paragraphs after the existing body, in one transaction', () => {
    const doc = new Y.Doc();
    addElement(bodyFragment(doc), BODY_NODES.heading, [['First']], { level: 2 });
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    appendParagraphs(doc, ['a', 'b']);
    expect(transactions).toBe(1);
    const blocks = readBody(doc);
    expect(blocks.map((b) => b.type)).toEqual([BODY_NODES.heading, BODY_NODES.paragraph, BODY_NODES.paragraph]);
    expect(blocks.map(blockText)).toEqual(['First', 'a', 'b']);
  });

  it('builds a paragraph element holding the text', () => {
    const doc = new Y.Doc();
    bodyFragment(doc).push([createParagraph('Hello <world>')]);
    expect(readBody(doc)).toEqual([
      { type: BODY_NODES.paragraph, attrs: {}, runs: [{ text: 'Hello <world>', strong: false, em: false }], children: [] },
    ]);
  });
});
