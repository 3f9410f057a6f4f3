// Comment threads (model/comment-threads.ts): making, replying, resolving and reopening, the
// panel's order, and anchors that stay on their words through everything co-editing does —
// typing before and inside, splitting and joining paragraphs (as y-prosemirror writes them),
// undo, a concurrent delete of part or all of it, and the real editing traces.
import { Transform } from 'prosemirror-transform';
import { initProseMirrorDoc, updateYFragment } from 'y-prosemirror';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment, headlineText, standfirstText } from '../../model/article-schema.ts';
import { bodySchema } from '../../model/body-schema.ts';
import { approvalBlockers } from '../../model/approval-blockers.ts';
import { createThread, mentionsIn, moveAnchor, openComments, readThreads, replyTo, setResolved, textAnchor, type CommentField } from '../../model/comment-threads.ts';
import { loadTrace, replayConcurrent, type ConcurrentTrace, type Patch } from '../support/editing-traces.ts';
import { itWithSharedData, traceFile } from '../support/shared-data.ts';

/** Two replicas of one story that exchange every update at once (or later, when `sync` is called). */
function pair() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

/** A body of paragraphs (one Y.XmlText each), written as y-prosemirror writes it. */
function bodyOf(doc: Y.Doc, ...paragraphs: string[]): Y.XmlText[] {
  const fragment = bodyFragment(doc);
  doc.transact(() => {
    fragment.insert(
      0,
      paragraphs.map((p) => {
        const element = new Y.XmlElement('paragraph');
        const text = new Y.XmlText();
        text.insert(0, p);
        element.insert(0, [text]);
        return element;
      }),
    );
  });
  return paragraphs.map((_, i) => (fragment.get(i) as Y.XmlElement).get(0) as Y.XmlText);
}

/** Comments on `words` (their first occurrence) in `text`, in field `field`. */
function commentOn(doc: Y.Doc, text: Y.Text, words: string, field: CommentField = 'body', id = 't1', author = 'ed'): void {
  const index = plain(text).indexOf(words);
  expect(index).toBeGreaterThanOrEqual(0);
  createThread(doc, { id, field, ...textAnchor(text, index, index + words.length), quote: words, author, at: 1_000, text: `On ${words}` });
}

const plain = (text: Y.Text) => (text.toDelta() as { insert: string }[]).map((op) => op.insert).join('');
const only = (doc: Y.Doc) => {
  const threads = readThreads(doc);
  expect(threads).toHaveLength(1);
  return threads[0];
};

describe('comment threads', () => {
  it('are made on a range, replied to, resolved and reopened, and read the same on every replica', () => {
    const { a, b, sync } = pair();
    headlineText(a).insert(0, 'Council passes the budget');
    commentOn(a, headlineText(a), 'passes', 'headline');
    sync();
    expect(replyTo(b, 't1', { id: 'r1', author: 'rita', at: 2_000, text: 'Fixed, @ed — see @legal.desk.' })).toBe(true);
    sync();
    const thread = only(a);
    expect(thread).toMatchObject({ field: 'headline', quote: 'passes', current: 'passes', deleted: false, author: 'ed', text: 'On passes', resolved: null });
    expect(thread.replies).toEqual([{ id: 'r1', author: 'rita', at: 2_000, text: 'Fixed, @ed — see @legal.desk.', mentions: ['ed', 'legal.desk'] }]);
    expect(setResolved(a, 't1', { by: 'ed', at: 3_000 })).toBe(true);
    sync();
    expect(only(b).resolved).toEqual({ by: 'ed', at: 3_000 });
    setResolved(b, 't1', null);
    sync();
    expect(only(a).resolved).toBeNull();
    expect(replyTo(a, 'nope', { id: 'r2', author: 'ed', at: 1, text: 'x' })).toBe(false);
  });

  it('lists threads in document order: headline, standfirst, then the body from top to bottom', () => {
    const doc = new Y.Doc();
    const [first, second] = bodyOf(doc, 'First paragraph here.', 'Second paragraph there.');
    headlineText(doc).insert(0, 'Headline words');
    standfirstText(doc).insert(0, 'Standfirst words');
    commentOn(doc, second, 'there', 'body', 'b2');
    commentOn(doc, first, 'paragraph', 'body', 'b1');
    commentOn(doc, standfirstText(doc), 'words', 'standfirst', 's1');
    commentOn(doc, headlineText(doc), 'words', 'headline', 'h1');
    expect(readThreads(doc).map((t) => [t.id, t.current])).toEqual([
      ['h1', 'words'],
      ['s1', 'words'],
      ['b1', 'paragraph'],
      ['b2', 'there'],
    ]);
  });

  it('reads mentions as usernames, once each, not e-mail addresses', () => {
    expect(mentionsIn('@ana and @ben.s, again @ana; write to x@example.org.')).toEqual(['ana', 'ben.s']);
  });
});

describe('an anchor under co-editing', () => {
  it('stays on its words when a colleague types before it, inside it and at both edges', () => {
    const { a, b, sync } = pair();
    const [text] = bodyOf(a, 'The bridge will close in May.');
    commentOn(a, text, 'bridge will');
    sync();
    const theirs = (bodyFragment(b).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    theirs.insert(0, 'Officials say ');
    sync();
    theirs.insert(plain(theirs).indexOf(' will'), ' on Main Street');
    // Typing right before and right after the range is not in it.
    text.insert(plain(text).indexOf('bridge'), 'old ');
    text.insert(plain(text).indexOf(' close'), ' not');
    sync();
    expect(plain(text)).toBe('Officials say The old bridge on Main Street will not close in May.');
    expect(only(a).current).toBe('bridge on Main Street will');
    expect(only(b).current).toBe('bridge on Main Street will');
  });

  it('keeps the rest when a colleague deletes part of it, and is marked deleted when all of it goes', () => {
    const { a, b, sync } = pair();
    const [text] = bodyOf(a, 'The bridge will close in May.');
    commentOn(a, text, 'bridge will close');
    sync();
    const theirs = (bodyFragment(b).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    theirs.delete(0, plain(theirs).indexOf(' will')); // "The bridge" goes, across the start
    sync();
    expect(only(a)).toMatchObject({ current: ' will close', deleted: false });
    theirs.delete(0, plain(theirs).indexOf(' in'));
    sync();
    expect(only(a)).toMatchObject({ current: '', deleted: true, quote: 'bridge will close' });
  });

  it('comes back with its words when their deletion is undone', () => {
    const doc = new Y.Doc();
    const [text] = bodyOf(doc, 'The bridge will close in May.');
    commentOn(doc, text, 'will close');
    const undo = new Y.UndoManager(bodyFragment(doc), { captureTimeout: 0 });
    text.delete(plain(text).indexOf('bridge'), 'bridge will close '.length);
    expect(only(doc).deleted).toBe(true);
    undo.undo();
    expect(plain(text)).toBe('The bridge will close in May.');
    expect(only(doc)).toMatchObject({ current: 'will close', deleted: false });
    text.insert(0, 'Now: ');
    undo.undo(); // typing undone: the anchor stays
    expect(only(doc).current).toBe('will close');
  });

  it('stays on its words when the paragraph is split before or after it and joined again, as the editor writes and re-anchors it', () => {
    const doc = new Y.Doc();
    bodyOf(doc, 'The old bridge will close in May, the council said.');
    const fragment = bodyFragment(doc);
    commentOn(doc, (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText, 'will close');
    let { doc: pm } = initProseMirrorDoc(fragment, bodySchema);
    const { meta } = initProseMirrorDoc(fragment, bodySchema);
    const at = (text: string) => pm.textContent.indexOf(text) + 1; // one paragraph: its text starts at 1
    // What the editor does on its user's own change: y-prosemirror writes the new document, then
    // threads whose anchor lost its text are moved to where ProseMirror mapped their range.
    const edit = (change: (tr: Transform) => Transform) => {
      const before = only(doc);
      const tr = change(new Transform(pm));
      pm = tr.doc;
      doc.transact(() => updateYFragment(doc, fragment, pm, meta));
      const from = tr.mapping.map(before.from, 1);
      const to = tr.mapping.map(before.to, -1);
      const now = only(doc);
      if (now.from !== from || now.to !== to) expect(moveAnchor(doc, now.id, from, to)).toBe(true);
      expect(only(doc)).toMatchObject({ current: 'will close', deleted: false });
    };
    edit((tr) => tr.split(at(' the council')));
    expect(fragment.length).toBe(2);
    edit((tr) => tr.join(tr.doc.child(0).nodeSize));
    edit((tr) => tr.split(at('bridge')));
    edit((tr) => tr.join(tr.doc.child(0).nodeSize));
    expect(fragment.length).toBe(1);
  });
});

/** The ids of the visible characters of `text`, in order, as `client:clock`. */
function charIds(text: Y.Text): string[] {
  const ids: string[] = [];
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    for (let i = 0; i < item.length; i++) ids.push(`${item.id.client}:${item.id.clock + i}`);
  }
  return ids;
}

/**
 * Checks a thread's range against the characters it was made on: every one of them still there
 * is inside it, no character that existed outside it when it was made has come in, and it is
 * reported deleted exactly when its range is empty.
 */
function expectOnItsWords(doc: Y.Doc, text: Y.Text, inside: Set<string>, before: Set<string>): void {
  const thread = only(doc);
  const ids = charIds(text);
  const survivors = ids.flatMap((id, i) => (inside.has(id) ? [i] : []));
  if (thread.deleted) {
    expect(survivors.filter((i) => plain(text)[i].trim() !== '')).toEqual([]);
    return;
  }
  const range = ids.slice(thread.from, thread.to);
  for (const i of survivors) expect(i >= thread.from && i < thread.to, `surviving character ${i} inside [${thread.from}, ${thread.to})`).toBe(true);
  expect(range.filter((id) => before.has(id) && !inside.has(id))).toEqual([]);
  expect(thread.current).toBe(plain(text).slice(thread.from, thread.to));
}

/** Anchors a thread on characters `from`–`to` of `text`, noting which characters are in it and which existed. */
function anchorHere(doc: Y.Doc, text: Y.Text, from: number, to: number) {
  createThread(doc, { id: 'trace', field: 'headline', ...textAnchor(text, from, to), quote: text.toString().slice(from, to), author: 'ed', at: 1, text: 'Check' });
  const ids = charIds(text);
  return { inside: new Set(ids.slice(from, to)), before: new Set(ids) };
}

describe('an anchor through the real editing traces', () => {
  itWithSharedData('seph-blog1 (one author): a thread made once the text has begun stays on its words to the end', [traceFile('seph-blog1')], () => {
    const trace = loadTrace<{ endContent: string; txns: { patches: Patch[] }[] }>('seph-blog1');
    const doc = new Y.Doc();
    const text = headlineText(doc); // a plain Y.Text: the trace is longer than a headline's cap, which only the server checks
    let marks: ReturnType<typeof anchorHere> | null = null;
    for (const txn of trace.txns) {
      doc.transact(() => {
        for (const [pos, del, ins] of txn.patches) {
          if (del > 0) text.delete(pos, del);
          if (ins) text.insert(pos, ins);
        }
      });
      if (!marks && text.length >= 400) marks = anchorHere(doc, text, 100, 300);
    }
    expect(text.toString()).toBe(trace.endContent);
    expectOnItsWords(doc, text, marks!.inside, marks!.before);
  }, 120_000);

  for (const name of ['friendsforever', 'clownschool']) {
    itWithSharedData(`${name} (concurrent): on every replica the thread is on the same words, or deleted, at the end`, [traceFile(name)], async () => {
      const trace = loadTrace<ConcurrentTrace>(name);
      const server = new Y.Doc();
      let marks: ReturnType<typeof anchorHere> | null = null;
      // Each author's edits reach the server in trace order; the thread is made there, concurrently with what they type next.
      await replayConcurrent(trace, Y.encodeStateAsUpdate(new Y.Doc()), headlineText, (_agent, update) => {
        Y.applyUpdate(server, update);
        const text = headlineText(server);
        if (!marks && text.length >= 600) marks = anchorHere(server, text, 200, 400);
      });
      expect(headlineText(server).toString()).toBe(trace.endContent);
      expect(marks).not.toBeNull();
      expectOnItsWords(server, headlineText(server), marks!.inside, marks!.before);
      // A replica that gets the story (thread and all) in another order reads the same.
      const late = new Y.Doc();
      Y.applyUpdate(late, Y.encodeStateAsUpdate(server));
      expect(readThreads(late)).toEqual(readThreads(server));
    }, 120_000);
  }
});

describe('open comments and approval', () => {
  it('each open thread blocks approval, named by author and text, in document order; resolved ones do not', () => {
    const doc = new Y.Doc();
    const [text] = bodyOf(doc, 'The bridge will close in May.');
    headlineText(doc).insert(0, 'Council passes the budget');
    commentOn(doc, text, 'bridge', 'body', 'b1', 'ed');
    commentOn(doc, text, 'May', 'body', 'b2', 'lee');
    commentOn(doc, headlineText(doc), 'budget', 'headline', 'h1', 'rita');
    setResolved(doc, 'b2', { by: 'ed', at: 5 });
    text.delete(plain(text).indexOf('bridge'), 'bridge'.length);
    expect(approvalBlockers({ pictures: [], threads: openComments(doc) }).map((b) => [b.kind, b.threadId, b.waivable, b.message])).toEqual([
      ['open-comment', 'h1', false, 'Comment by rita on “budget” is not resolved. Resolve it in Comments and submit the story again, then approve.'],
      ['open-comment', 'b1', false, 'Comment by ed on deleted text “bridge” is not resolved. Resolve it in Comments and submit the story again, then approve.'],
    ]);
    setResolved(doc, 'b1', { by: 'ed', at: 6 });
    setResolved(doc, 'h1', { by: 'ed', at: 6 });
    expect(approvalBlockers({ pictures: [], threads: openComments(doc) })).toEqual([]);
  });
});
