// The suggestion marks in the stored body: the server's update check takes what y-prosemirror
// writes for them (adding, accepting, rejecting) and refuses malformed attributes.
import { updateYFragment } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { BodyLength } from '../../model/body-length.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { SUGGESTION_ID_MAX, suggestionTitle } from '../../model/suggestion-marks.ts';
import { checkUpdateContent } from '../../model/update-check.ts';

const ATTRS = { id: 'k3x9Qa01', author: 'user-ana', authorName: 'Ana Lima', at: Date.UTC(2026, 11, 7, 14, 5) };

/** What the server's check says of the update `edit` makes to `server`'s copy (applied when it passes). */
function check(server: Y.Doc, edit: (doc: Y.Doc) => void): string | null {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  const update = Y.encodeStateAsUpdate(client, before);
  const problem = checkUpdateContent(server, Y.decodeUpdate(update), new BodyLength(server).value);
  if (problem === null) Y.applyUpdate(server, update);
  return problem;
}

const s = bodySchema;
const p = (...texts: ReturnType<typeof s.text>[]) => s.node(BODY_NODES.paragraph, null, texts);
const pmDoc = (...texts: ReturnType<typeof s.text>[]) => s.node('doc', null, [p(...texts)]);

/** A body paragraph holding `content` formatted with `attributes`. */
const markedParagraph = (content: string, attributes: Record<string, unknown>) => (doc: Y.Doc) => {
  const text = new Y.XmlText();
  text.insert(0, content, attributes);
  const paragraph = new Y.XmlElement(BODY_NODES.paragraph);
  paragraph.insert(0, [text]);
  bodyFragment(doc).insert(0, [paragraph]);
};

describe('suggestion marks in the update check', () => {
  it('passes what y-prosemirror writes: suggesting, accepting and rejecting', () => {
    const server = new Y.Doc();
    const meta = { mapping: new Map(), isOMark: new Map() };
    const write = (next: ReturnType<typeof pmDoc>) => check(server, (doc) => updateYFragment(doc, bodyFragment(doc), next, meta));
    const ins = s.marks[BODY_MARKS.insertion].create(ATTRS);
    const del = s.marks[BODY_MARKS.deletion].create({ ...ATTRS, id: 'other-1' });
    expect(write(pmDoc(s.text('The cat sat.')))).toBeNull();
    meta.mapping = new Map();
    expect(write(pmDoc(s.text('The '), s.text('big ', [ins]), s.text('cat '), s.text('sat', [del]), s.text('.')))).toBeNull();
    meta.mapping = new Map();
    expect(write(pmDoc(s.text('The big cat .')))).toBeNull();
    expect(bodyFragment(server).toString()).toBe('<paragraph>The big cat .</paragraph>');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['no id', { ...ATTRS, id: undefined }, /^a suggestion id undefined/],
    ['an id with spaces', { ...ATTRS, id: 'a b' }, /^a suggestion id "a b"/],
    [`an id over ${SUGGESTION_ID_MAX} characters`, { ...ATTRS, id: 'x'.repeat(SUGGESTION_ID_MAX + 1) }, /^a suggestion id/],
    ['an author that is not a user id', { ...ATTRS, author: '<script>' }, /^a suggestion author "<script>"/],
    ['an author as a number', { ...ATTRS, author: 5 }, /^a suggestion author 5/],
    ['an empty author name', { ...ATTRS, authorName: ' ' }, /author's name/],
    ['an author name over 100 characters', { ...ATTRS, authorName: 'n'.repeat(101) }, /author's name/],
    ['an author name with a bidi override', { ...ATTRS, authorName: 'Ana\u202eLima' }, /author's name/],
    ['a time as text', { ...ATTRS, at: '2026-12-07' }, /^a suggestion time "2026-12-07"/],
    ['a negative time', { ...ATTRS, at: -1 }, /^a suggestion time -1/],
    ['an attribute the mark lacks', { ...ATTRS, color: 'red' }, /^an attribute “color” the mark “insertion” does not have$/],
  ])('refuses an insertion with %s', (_name, attrs, expected) => {
    expect(check(new Y.Doc(), markedParagraph('x', { [BODY_MARKS.insertion]: attrs }))).toMatch(expected);
  });

  it('refuses a deletion with malformed attributes and takes a well-formed one', () => {
    expect(check(new Y.Doc(), markedParagraph('x', { [BODY_MARKS.deletion]: { ...ATTRS, at: 1.5 } }))).toMatch(/^a suggestion time 1.5/);
    expect(check(new Y.Doc(), markedParagraph('x', { [BODY_MARKS.deletion]: ATTRS }))).toBeNull();
    expect(check(new Y.Doc(), markedParagraph('x', { [BODY_MARKS.deletion]: 'yes' }))).toMatch(/whose value is not its attributes/);
  });

  it('shows who suggested and when, in the body’s HTML', () => {
    expect(suggestionTitle('insertion', ATTRS)).toMatch(/^Suggested insertion by Ana Lima, 7 Dec, \d\d:05$/);
    const spec = s.marks[BODY_MARKS.deletion].spec.toDOM!(s.marks[BODY_MARKS.deletion].create(ATTRS), true) as [string, Record<string, string>];
    expect(spec[0]).toBe('del');
    expect(spec[1]).toMatchObject({ class: 'suggestion deletion', 'data-author': 'user-ana' });
    expect(spec[1].style).toMatch(/^--suggestion-color: #[0-9a-f]{6}$/);
  });
});
