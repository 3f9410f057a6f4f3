// Restoring a revision's content into a live document with minimal edits: the result equals the
// revision, what was already equal keeps its Yjs identity, and concurrent edits elsewhere merge.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addPicture,
  bodyFragment,
  headlineText,
  META_KEYS,
  metaMap,
  picturesArray,
  readPictures,
  standfirstText,
} from '../../model/article-schema.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { appendParagraphs, blockText, readBody } from '../../model/body-tree.ts';
import { exportHtml } from '../../model/html-export.ts';
import { restoreContent } from '../../server/revisions/restore-content.ts';

const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};
const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const paragraphs = (doc: Y.Doc) => readBody(doc).map(blockText);
const paragraphText = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;
const html = (doc: Y.Doc) => exportHtml(doc, { pictureUrl: (hash) => `/p/${hash}` });

function article(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    headlineText(doc).insert(0, 'Council approves budget');
    standfirstText(doc).insert(0, 'After a long night.');
    metaMap(doc).set(META_KEYS.byline, 'Ana Reporter');
    metaMap(doc).set(META_KEYS.tags, ['budget', 'council']);
    appendParagraphs(doc, ['Alpha one.', 'Beta two.', 'Gamma three.']);
    addPicture(doc, { id: 'p1', caption: 'The chamber', credit: 'Gage Skidmore', hash: 'h1' });
    addPicture(doc, { id: 'p2', caption: 'The crowd', credit: 'AP', hash: 'h2' });
  });
  return doc;
}

describe('restoreContent', () => {
  it('makes every field equal the revision again', () => {
    const live = article();
    const revision = copy(live);
    live.transact(() => {
      headlineText(live).insert(0, 'BREAKING: ');
      standfirstText(live).delete(0, standfirstText(live).length);
      metaMap(live).set(META_KEYS.byline, 'Someone Else');
      metaMap(live).set(META_KEYS.tags, ['other']);
      metaMap(live).set(META_KEYS.slug, 'added-later');
      paragraphText(live, 0).insert(5, ' ALTERED');
      bodyFragment(live).delete(2, 1);
      appendParagraphs(live, ['Delta four.']);
      picturesArray(live).get(1).set('credit', '');
      picturesArray(live).delete(0, 1);
      addPicture(live, { id: 'p3', caption: 'Extra' });
    });
    restoreContent(live, revision);
    expect(headlineText(live).toString()).toBe('Council approves budget');
    expect(standfirstText(live).toString()).toBe('After a long night.');
    expect(metaMap(live).toJSON()).toEqual(metaMap(revision).toJSON());
    expect(paragraphs(live)).toEqual(['Alpha one.', 'Beta two.', 'Gamma three.']);
    expect(readPictures(live)).toEqual(readPictures(revision));
    expect(html(live)).toBe(html(revision));
  });

  it('keeps the identity of unchanged paragraphs and pictures, so concurrent edits inside them merge', () => {
    const live = article();
    const revision = copy(live);
    const colleague = copy(live);
    live.transact(() => {
      paragraphText(live, 0).insert(0, 'Changed: ');
      picturesArray(live).get(0).set('caption', 'Wrong caption');
    });
    sync(live, colleague);
    // The colleague types in the second paragraph and the second picture while the restore runs.
    paragraphText(colleague, 1).insert(paragraphText(colleague, 1).length, ' More from Ben.');
    picturesArray(colleague).get(1).set('alt', 'People outside');
    const beta = bodyFragment(live).get(1);
    const crowd = picturesArray(live).get(1);

    restoreContent(live, revision);
    expect(bodyFragment(live).get(1)).toBe(beta);
    expect(picturesArray(live).get(1)).toBe(crowd);
    sync(colleague, live);
    sync(live, colleague);
    expect(paragraphs(live)).toEqual(['Alpha one.', 'Beta two. More from Ben.', 'Gamma three.']);
    expect(paragraphs(colleague)).toEqual(paragraphs(live));
    expect(readPictures(live).map((p) => [p.caption, p.alt])).toEqual([
      ['The chamber', ''],
      ['The crowd', 'People outside'],
    ]);
  });

  it('changes a headline with one edit, so a concurrent insertion elsewhere in it survives', () => {
    const live = article();
    const revision = copy(live);
    headlineText(live).insert(headlineText(live).length, ' cuts');
    const colleague = copy(live);
    headlineText(colleague).insert(0, 'City ');
    restoreContent(live, revision);
    sync(colleague, live);
    expect(headlineText(live).toString()).toBe('City Council approves budget');
  });

  it('restores headings, marks and picture order, and an empty body', () => {
    const revision = new Y.Doc();
    revision.transact(() => {
      const heading = new Y.XmlElement(BODY_NODES.heading);
      heading.setAttribute('level', 3 as unknown as string);
      const text = new Y.XmlText();
      text.insert(0, 'Bold ', { strong: {} });
      text.insert(5, 'plain', { strong: null });
      heading.insert(0, [text]);
      bodyFragment(revision).insert(0, [heading]);
      addPicture(revision, { id: 'a', caption: 'First' });
      addPicture(revision, { id: 'b', caption: 'Second' });
    });
    const live = copy(revision);
    live.transact(() => {
      bodyFragment(live).delete(0, 1);
      appendParagraphs(live, ['Only a paragraph now.']);
      picturesArray(live).delete(0, 1);
      addPicture(live, { id: 'a', caption: 'First, again' });
    });
    expect(readPictures(live).map((p) => p.id)).toEqual(['b', 'a']);
    restoreContent(live, revision);
    expect(html(live)).toBe(html(revision));
    expect(html(live)).toContain('<h3><strong>Bold </strong>plain</h3>');
    expect(readPictures(live)).toEqual(readPictures(revision));

    const empty = new Y.Doc();
    restoreContent(live, empty);
    expect(bodyFragment(live).length).toBe(0);
    expect(readPictures(live)).toEqual([]);
    expect(headlineText(live).toString()).toBe('');
  });

  it('changes nothing when the live document already equals the revision', () => {
    const live = article();
    const updates: Uint8Array[] = [];
    live.on('update', (update: Uint8Array) => updates.push(update));
    restoreContent(live, copy(live));
    expect(updates).toEqual([]);
  });
});
