// Notes that never publish (model/notes.ts): the update check takes the note mark as
// y-prosemirror writes it and refuses malformed attributes; the body reader, so every export and
// the word count, leaves notes out; approval is blocked by each note, named.
import { Node as PMNode, type Mark } from 'prosemirror-model';
import { updateYFragment } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, replaceText } from '../../model/article-schema.ts';
import { approvalBlockers, refusalMessage, submitWarning } from '../../model/approval-blockers.ts';
import { BodyLength } from '../../model/body-length.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { readBody } from '../../model/body-tree.ts';
import { exportHtml } from '../../model/html-export.ts';
import { exportNinjs } from '../../model/ninjs-export.ts';
import { noteAttrsProblem, readNotes, type NoteAttrs } from '../../model/notes.ts';
import { exportText } from '../../model/text-export.ts';
import { checkUpdateContent } from '../../model/update-check.ts';
import { articleWordCount } from '../../model/words.ts';

const s = bodySchema;
const ANA: NoteAttrs = { author: 'u-ana', name: 'Ana Reporter', at: 1_700_000_000_000 };
const ED: NoteAttrs = { author: 'u-ed', name: 'Ed Editor', at: 1_700_000_100_000 };
const note = (attrs: NoteAttrs): Mark => s.marks[BODY_MARKS.note].create(attrs);
const t = (text: string, marks: Mark[] = []) => s.text(text, marks);
const p = (...content: PMNode[]) => s.node(BODY_NODES.paragraph, null, content);
const item = (...blocks: PMNode[]) => s.node(BODY_NODES.listItem, null, blocks);
const bullets = (...items: PMNode[]) => s.node(BODY_NODES.bulletList, null, items);

/** A story whose body is `blocks`, written by y-prosemirror as the editor writes it; the update it took. */
function storyOf(...blocks: PMNode[]): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => {
    replaceText(headlineText(doc), 'Council votes');
    updateYFragment(doc, bodyFragment(doc), s.node('doc', null, blocks), { mapping: new Map(), isOMark: new Map() });
  });
  return { doc, update };
}

/** What the server's update check says of `update` on an empty story. */
function check(update: Uint8Array): string | null {
  const server = new Y.Doc();
  return checkUpdateContent(server, Y.decodeUpdate(update), new BodyLength(server).value);
}

/** The update that puts one paragraph of `text` with the formatting attributes `attributes` into an empty body. */
function rawParagraph(text: string, attributes: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc.transact(() => {
    const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
    bodyFragment(doc).insert(0, [paragraph]);
    const content = new Y.XmlText();
    paragraph.insert(0, [content]);
    content.insert(0, text, attributes);
  });
  return update;
}

const story = storyOf(
  p(t('The council voted 7 to 2. '), t('Check the vote count with the clerk.', [note(ANA)]), t(' The budget passes.')),
  p(t('A whole paragraph of stash.', [note(ED)])),
  bullets(item(p(t('Only a note here', [note(ANA)]))), item(p(t('Published item')))),
);

describe('the note mark on the server', () => {
  it('passes the update check as y-prosemirror writes it', () => {
    expect(check(story.update)).toBeNull();
  });

  it.each([
    ['no attributes', {}, /author is not an id/],
    ['an empty author', { ...ANA, author: '' }, /author is not an id/],
    ['an over-long author', { ...ANA, author: 'x'.repeat(101) }, /author is not an id/],
    ['a blank name', { ...ANA, name: '  ' }, /name is not a name/],
    ['a name that is not text', { ...ANA, name: 7 }, /name is not a name/],
    ['a time that is not a whole number', { ...ANA, at: 1.5 }, /time is not an instant/],
    ['a time as text', { ...ANA, at: '2024-01-01' }, /time is not an instant/],
    ['an attribute the mark lacks', { ...ANA, colour: 'red' }, /attribute “colour” the mark “note” does not have/],
  ])('refuses a note with %s', (_, attrs, reason) => {
    expect(check(rawParagraph('x', { [BODY_MARKS.note]: attrs }))).toMatch(reason);
  });

  it('refuses a note whose value is not its attributes', () => {
    expect(check(rawParagraph('x', { [BODY_MARKS.note]: 'by ana' }))).toMatch(/whose value is not its attributes/);
    expect(noteAttrsProblem(['u', 'n', 1])).toMatch(/not its attributes/);
  });
});

describe('readNotes', () => {
  it('lists every note in document order with who wrote it and the text it covers', () => {
    expect(readNotes(story.doc)).toEqual([
      { ...ANA, text: 'Check the vote count with the clerk.' },
      { ...ED, text: 'A whole paragraph of stash.' },
      { ...ANA, text: 'Only a note here' },
    ]);
  });

  it('finds none in a body without notes', () => {
    expect(readNotes(storyOf(p(t('Plain text'))).doc)).toEqual([]);
  });

  it('keeps two neighbouring notes by different people apart', () => {
    const { doc } = storyOf(p(t('first', [note(ANA)]), t('second', [note(ED)])));
    expect(readNotes(doc).map((n) => [n.name, n.text])).toEqual([
      ['Ana Reporter', 'first'],
      ['Ed Editor', 'second'],
    ]);
  });
});

describe('notes never publish', () => {
  it('the body reader leaves notes out, and blocks that held only notes', () => {
    const body = readBody(story.doc);
    expect(body).toHaveLength(2);
    expect(body[0].runs.map((r) => r.text).join('')).toBe('The council voted 7 to 2.  The budget passes.');
    expect(body[1].children).toHaveLength(1);
  });

  it('the text export lacks them', () => {
    const text = exportText(story.doc);
    expect(text).toContain('The council voted 7 to 2.');
    expect(text).toContain('Published item');
    for (const hidden of ['Check the vote', 'stash', 'Only a note']) expect(text).not.toContain(hidden);
  });

  it('the HTML export lacks them, with no empty paragraph or item left behind', () => {
    const html = exportHtml(story.doc, { pictureUrl: () => null });
    for (const hidden of ['Check the vote', 'stash', 'Only a note', 'note']) expect(html).not.toContain(hidden);
    expect(html).not.toContain('<p></p>');
    expect(html).toContain('<ul><li><p>Published item</p></li></ul>');
  });

  it('the ninjs export lacks them', () => {
    const json = JSON.stringify(exportNinjs(story.doc, { id: 'a1', pictureUrl: () => null }));
    expect(json).toContain('The budget passes.');
    for (const hidden of ['Check the vote', 'stash', 'Only a note']) expect(json).not.toContain(hidden);
  });

  it('do not count as words', () => {
    // 6 words before the note, 3 after, 2 in the published item.
    expect(articleWordCount(story.doc)).toBe(11);
  });
});

describe('notes block approval', () => {
  it('one blocker per note, naming who and what, never waivable', () => {
    const blockers = approvalBlockers({ pictures: [], notes: readNotes(story.doc) });
    expect(blockers.map((b) => [b.kind, b.position, b.waivable])).toEqual([
      ['open-note', 1, false],
      ['open-note', 2, false],
      ['open-note', 3, false],
    ]);
    expect(blockers[0].message).toBe(
      'Note 1 by Ana Reporter (“Check the vote count with the clerk.”) is still in the text: notes are never published. Remove it, or turn it back into text with Note, and submit the story again, then approve.',
    );
    expect(refusalMessage(blockers)).toContain('Note 2 by Ed Editor (“A whole paragraph of stash.”)');
    expect(submitWarning(blockers[2])).toBe('Note 3 by Ana Reporter (“Only a note here”) is still in the text: notes are never published. An editor cannot approve the story while it holds a note.');
  });

  it('none without notes', () => {
    expect(approvalBlockers({ pictures: [], notes: [] })).toEqual([]);
    expect(approvalBlockers({ pictures: [] })).toEqual([]);
  });
});
