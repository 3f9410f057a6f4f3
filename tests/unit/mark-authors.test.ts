// Authorship of suggestion and note marks in the update check (model/update-check.ts with
// model/mark-authors.ts): a client adds such a mark only naming itself; someone else's mark may
// be removed (accepted, rejected, turned back into text) and written anew as it was (a split
// paragraph, undo, the end of a partly removed note), never made up or given another author.
import type { Mark, Node as PMNode } from 'prosemirror-model';
import { updateYFragment } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS, BODY_NODES, bodySchema } from '../../model/body-schema.ts';
import { collectDocMarks, collectMarks, keepRemovedMarks, markIdentity } from '../../model/mark-authors.ts';
import { checkUpdateContent } from '../../model/update-check.ts';

const s = bodySchema;
const paragraph = (...content: PMNode[]) => s.node(BODY_NODES.paragraph, null, content);
const text = (value: string, marks: Mark[] = []) => s.text(value, marks);
const insertion = (author: string, id = `s-${author}`) => s.marks[BODY_MARKS.insertion].create({ id, author, authorName: author.toUpperCase(), at: 1_000 });
const deletion = (author: string, id = `d-${author}`) => s.marks[BODY_MARKS.deletion].create({ id, author, authorName: author.toUpperCase(), at: 1_000 });
const note = (author: string) => s.marks[BODY_MARKS.note].create({ author, name: author.toUpperCase(), at: 2_000 });
const EDIT = 'edit';

/** The server's copy of a story and the marks it knows (as server/collab/update-guard.ts keeps them), with clients that edit it. */
function story() {
  const server = new Y.Doc();
  const known = new Set<string>();
  server.on('update', (update: Uint8Array) => collectMarks(Y.decodeUpdate(update), known));

  /** A client of user `userId`, synced with the server; each edit is checked as the server would, applied when it passes. */
  const client = (userId: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
    const undo = new Y.UndoManager(bodyFragment(doc), { trackedOrigins: new Set([EDIT]) });
    const send = (edit: () => void): string | null => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(doc)));
      const before = Y.encodeStateVector(doc);
      doc.transact(edit, EDIT);
      const update = Y.encodeStateAsUpdate(doc, before);
      const refused = checkUpdateContent(server, Y.decodeUpdate(update), 0, { username: userId, userId, knownMark: (identity) => known.has(identity) });
      if (refused === null) Y.applyUpdate(server, update);
      return refused;
    };
    /** Writes `blocks` as the body, as the editor (y-prosemirror) does. */
    const write = (...blocks: PMNode[]) =>
      send(() => updateYFragment(doc, bodyFragment(doc), s.node('doc', null, blocks), { mapping: new Map(), isOMark: new Map() }));
    return { doc, send, write, undo: () => send(() => undo.undo()) };
  };
  return { server, known, client };
}

const firstText = (doc: Y.Doc) => (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('authorship of suggestion and note marks', () => {
  it('takes marks that name the sender, and refuses ones that name anyone else', () => {
    const { client } = story();
    expect(client('ana').write(paragraph(text('Council '), text('voted', [insertion('ana')]), text(' today', [note('ana')])))).toBeNull();
    // Each from a fresh copy: a refused edit stays on the client that made it.
    const forged = (edit: (text: Y.XmlText) => void) => {
      const mallory = client('mallory');
      return mallory.send(() => edit(firstText(mallory.doc)));
    };
    expect(forged((t) => t.insert(0, 'Fake ', { [BODY_MARKS.insertion]: { id: 'x1', author: 'rita', authorName: 'Rita', at: 5 } }))).toBe(
      'a suggestion by "rita", who is not the sender',
    );
    expect(forged((t) => t.format(0, 7, { [BODY_MARKS.deletion]: { id: 'x2', author: 'ana', authorName: 'ANA', at: 5 } }))).toBe('a suggestion by "ana", who is not the sender');
    expect(forged((t) => t.format(0, 7, { [BODY_MARKS.note]: { author: 'ana', name: 'ANA', at: 5 } }))).toBe('a note by "ana", who is not the sender');
    // Hashed keys (y-prosemirror's overlapping marks) are the same mark.
    expect(forged((t) => t.format(0, 7, { [`${BODY_MARKS.note}--abcdefgh`]: { author: 'ana', name: 'ANA', at: 5 } }))).toBe('a note by "ana", who is not the sender');
    expect(forged((t) => t.format(0, 7, { [BODY_MARKS.note]: { author: 'mallory', name: 'Mallory', at: 5 } }))).toBeNull();
  });

  it('refuses giving an existing suggestion or note another author, or other attributes under its author', () => {
    const { client } = story();
    expect(client('ana').write(paragraph(text('Council '), text('voted', [insertion('ana')]), text(' today', [note('ana')])))).toBeNull();
    const forged = (edit: (text: Y.XmlText) => void) => {
      const mallory = client('mallory');
      return mallory.send(() => edit(firstText(mallory.doc)));
    };
    const retold = (author: string) => ({ [BODY_MARKS.insertion]: { id: 's-ana', author, authorName: 'ANA', at: 1_000 } });
    expect(forged((t) => t.format(8, 5, retold('rita')))).toBe('a suggestion by "rita", who is not the sender');
    // Same id and author but another name or time: not the mark the story has.
    expect(forged((t) => t.format(8, 5, { [BODY_MARKS.insertion]: { id: 's-ana', author: 'ana', authorName: 'Ana', at: 1_000 } }))).toBe(
      'a suggestion by "ana", who is not the sender',
    );
    expect(forged((t) => t.format(13, 6, { [BODY_MARKS.note]: { author: 'ana', name: 'ANA', at: 2_001 } }))).toBe('a note by "ana", who is not the sender');
    // Claimed as the sender's own, it names the sender: a suggestion of theirs now, which the check allows.
    expect(forged((t) => t.format(8, 5, retold('mallory')))).toBeNull();
  });

  it('lets anyone accept, reject, edit around and split someone else’s suggestions and notes, and undo that', () => {
    const { client } = story();
    const ana = client('ana');
    expect(ana.write(paragraph(text('The '), text('council ', [deletion('ana')]), text('voted', [insertion('ana')]), text(' today and tomorrow', [note('ana')])))).toBeNull();
    const ed = client('ed');
    // Typing inside and beside the note, and making part of it bold.
    expect(ed.write(paragraph(text('The '), text('council ', [deletion('ana')]), text('voted', [insertion('ana')]), text(' today, and tomorrow', [note('ana')]), text('!')))).toBeNull();
    expect(ed.write(paragraph(text('The '), text('council ', [deletion('ana')]), text('voted', [insertion('ana')]), text(' today, ', [note('ana')]), text('and', [note('ana'), s.marks.strong.create()]), text(' tomorrow', [note('ana')]), text('!')))).toBeNull();
    // Splitting the paragraph inside the insertion and the note: y-prosemirror writes their marks anew in the new paragraph.
    expect(ed.write(paragraph(text('The '), text('council ', [deletion('ana')]), text('vo', [insertion('ana')])), paragraph(text('ted', [insertion('ana')]), text(' today, and tomorrow', [note('ana')]), text('!')))).toBeNull();
    // Joining them again.
    expect(ed.write(paragraph(text('The '), text('council ', [deletion('ana')]), text('voted', [insertion('ana')]), text(' today, and tomorrow', [note('ana')]), text('!')))).toBeNull();
    // Turning part of the note back into text: the rest stays ana's.
    expect(ed.send(() => firstText(ed.doc).format(18, 5, { [BODY_MARKS.note]: null }))).toBeNull();
    // Accepting the insertion, rejecting the deletion: both remove ana's marks.
    expect(ed.write(paragraph(text('The council voted today,'), text(' and ', [note('ana')]), text('tomorrow', [note('ana')]), text('!')))).toBeNull();
    // And undoing that brings ana's marks back, written by ed.
    expect(ed.undo()).toBeNull();
    expect(firstText(ed.doc).toDelta()).toContainEqual({ insert: 'voted', attributes: { [BODY_MARKS.insertion]: insertion('ana').attrs } });
  });

  it('knows the marks a stored story has from its document, and those it had from its update log or kept removed ones', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const write = (...blocks: PMNode[]) => doc.transact(() => updateYFragment(doc, bodyFragment(doc), s.node('doc', null, blocks), { mapping: new Map(), isOMark: new Map() }));
    write(paragraph(text('kept', [note('ana')]), text(' gone', [insertion('rita')])));
    write(paragraph(text('kept', [note('ana')]), text(' gone')));
    const fromDoc = new Set<string>();
    collectDocMarks(doc, fromDoc);
    const ana = markIdentity(BODY_MARKS.note, note('ana').attrs)!;
    const rita = markIdentity(BODY_MARKS.insertion, insertion('rita').attrs)!;
    expect([...fromDoc]).toEqual([ana]);
    const fromLog = new Set<string>();
    for (const update of updates) collectMarks(Y.decodeUpdate(update), fromLog);
    expect([...fromLog].sort()).toEqual([ana, rita].sort());
    // A copy that keeps removed marks knows rita's too, also once stored and loaded again (the server's snapshots).
    const kept = new Y.Doc({ gcFilter: keepRemovedMarks });
    for (const update of updates) Y.applyUpdate(kept, update);
    const reloaded = new Y.Doc({ gcFilter: keepRemovedMarks });
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(kept));
    const fromKept = new Set<string>();
    collectDocMarks(reloaded, fromKept);
    expect([...fromKept].sort()).toEqual([ana, rita].sort());
    expect(bodyFragment(reloaded).toString()).not.toContain('rita');
    // Attributes in another order are the same mark.
    expect(markIdentity(`${BODY_MARKS.note}--abcdefgh`, { at: 2_000, name: 'ANA', author: 'ana' })).toBe(ana);
    expect(markIdentity(BODY_MARKS.strong, {})).toBeNull();
  });
});
