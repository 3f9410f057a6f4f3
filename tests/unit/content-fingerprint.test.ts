// The content fingerprint (server/articles/content-fingerprint.ts over model/readable-article.ts):
// equal readable content, equal fingerprint, however it was written; a deletion changes it (a
// state-vector comparison would not see one); changing the draft back restores it; the desk is
// not content, a picture's credit is.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, pictureMap } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { BODY_NODES } from '../../model/body-schema.ts';
import { readableArticle } from '../../model/readable-article.ts';
import { contentFingerprint } from '../../server/articles/content-fingerprint.ts';

const fingerprint = (doc: Y.Doc) => contentFingerprint(readableArticle(doc));

function article(headline: string, paragraphs: string[]): Y.Doc {
  const doc = new Y.Doc();
  headlineText(doc).insert(0, headline);
  appendParagraphs(doc, paragraphs);
  return doc;
}

const paragraph = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

describe('contentFingerprint', () => {
  it('is the same for the same content written by different clients, in different steps', () => {
    const a = article('Bridge reopens', ['Crowds cheered.']);
    const b = new Y.Doc();
    headlineText(b).insert(0, 'reopens');
    headlineText(b).insert(0, 'Bridge ');
    appendParagraphs(b, ['Crowds ']);
    paragraph(b, 0).insert(7, 'cheered.');
    expect(fingerprint(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint(b)).toBe(fingerprint(a));
  });

  it('changes with a deletion, and comes back when the draft is changed back', () => {
    const doc = article('Bridge reopens', ['Crowds cheered loudly.']);
    const approved = fingerprint(doc);
    const vector = Y.encodeStateVector(doc);
    paragraph(doc, 0).delete(14, 7); // " loudly"
    // A deletion adds nothing to the state vector: only the content tells the versions apart.
    expect(Y.encodeStateVector(doc)).toEqual(vector);
    expect(fingerprint(doc)).not.toBe(approved);
    paragraph(doc, 0).insert(14, ' loudly');
    expect(fingerprint(doc)).toBe(approved);
  });

  it('does not depend on the order a block’s attributes were set in', () => {
    const heading = (order: [string, unknown][]) => {
      const doc = new Y.Doc();
      const element = new Y.XmlElement(BODY_NODES.heading);
      for (const [key, value] of order) element.setAttribute(key, value as string);
      element.insert(0, [new Y.XmlText('Section')]);
      bodyFragment(doc).insert(0, [element]);
      return fingerprint(doc);
    };
    expect(heading([['level', 3], ['id', 'x']])).toBe(heading([['id', 'x'], ['level', 3]]));
    expect(heading([['level', 3]])).not.toBe(heading([['level', 2]]));
  });

  it('ignores the desk (routing) and sees the byline, slug, marks and pictures’ credits (content)', () => {
    const doc = article('Bridge reopens', ['Text.']);
    const before = fingerprint(doc);
    metaMap(doc).set(META_KEYS.desk, 'Sport');
    expect(fingerprint(doc)).toBe(before);
    for (const change of [
      () => metaMap(doc).set(META_KEYS.byline, 'By Ana'),
      () => metaMap(doc).set(META_KEYS.slug, 'bridge'),
      () => paragraph(doc, 0).format(0, 4, { strong: true }),
      () => addPicture(doc, { id: 'p1', caption: 'The bridge' }),
      () => pictureMap(doc, 'p1')!.set('credit', 'Reuters'),
    ]) {
      const was = fingerprint(doc);
      change();
      expect(fingerprint(doc)).not.toBe(was);
    }
  });
});
