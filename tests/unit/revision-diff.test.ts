// The revision comparison: word-level insertions and deletions per field, with authors.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPicture, bodyFragment, headlineText, META_KEYS, metaMap, picturesArray } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { diffArticles } from '../../model/revision-diff.ts';

// Every document edits with its own client id (Yjs reassigns a reused one); two map to Ana.
const ANA = 1001;
const ANA_AGAIN = 1002;
const BEN = 2002;
const users: Record<number, string> = { [ANA]: 'ana', [ANA_AGAIN]: 'ana', [BEN]: 'ben' };
const authorOf = (client: number) => users[client] ?? null;

/** A document whose edits are made as `client`. */
function docAs(client: number, base?: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  return doc;
}

const copy = (doc: Y.Doc) => {
  const c = new Y.Doc();
  Y.applyUpdate(c, Y.encodeStateAsUpdate(doc));
  return c;
};

const paragraph = (doc: Y.Doc, n: number) => (bodyFragment(doc).get(n) as Y.XmlElement).get(0) as Y.XmlText;

describe('diffArticles', () => {
  it('marks inserted and deleted words in the headline, with who wrote them', () => {
    const v1 = docAs(ANA);
    headlineText(v1).insert(0, 'Council approves budget');
    const v2 = docAs(BEN, v1);
    headlineText(v2).delete(0, 8); // "Council "
    headlineText(v2).insert(headlineText(v2).length, ' cuts');
    const diff = diffArticles(v1, v2, { from: 1, to: 2 }, authorOf);
    const headline = diff.fields.find((f) => f.key === 'headline')!;
    expect(headline.spans).toEqual([
      { kind: 'removed', text: 'Council ', authorId: 'ana' },
      { kind: 'same', text: 'approves budget', authorId: null },
      { kind: 'added', text: ' cuts', authorId: 'ben' },
    ]);
    expect(diff.wordsAdded).toBe(1);
    expect(diff.wordsRemoved).toBe(1);
  });

  it('attributes each author’s words inside one paragraph', () => {
    const base = docAs(ANA);
    appendParagraphs(base, ['The bridge reopened.']);
    const v1 = copy(base);
    const ana = docAs(ANA_AGAIN, base);
    paragraph(ana, 0).insert(paragraph(ana, 0).length, ' Cyclists cheered.');
    const ben = docAs(BEN, ana);
    paragraph(ben, 0).insert(0, 'UPDATE: ');
    const diff = diffArticles(v1, ben, { from: 1, to: 'live' }, authorOf);
    const body = diff.fields.find((f) => f.key === 'body:0')!;
    expect(body.label).toBe('Paragraph 1');
    expect(body.spans.filter((s) => s.kind === 'added')).toEqual([
      { kind: 'added', text: 'UPDATE: ', authorId: 'ben' },
      { kind: 'added', text: ' Cyclists cheered.', authorId: 'ana' },
    ]);
    expect(diff.wordsAdded).toBe(3);
  });

  it('reports added and removed paragraphs, and leaves unchanged ones out', () => {
    const v1 = docAs(ANA);
    appendParagraphs(v1, ['One.', 'Two.', 'Three.']);
    const v2 = docAs(BEN, v1);
    bodyFragment(v2).delete(1, 1);
    appendParagraphs(v2, ['Four.']);
    const diff = diffArticles(v1, v2, { from: 1, to: 2 }, authorOf);
    expect(diff.fields.map((f) => f.label)).toEqual(['Paragraph 2 (removed)', 'Paragraph 3 (new)']);
    expect(diff.fields[0].spans).toEqual([{ kind: 'removed', text: 'Two.', authorId: 'ana' }]);
    expect(diff.fields[1].spans).toEqual([{ kind: 'added', text: 'Four.', authorId: 'ben' }]);
  });

  it('compares byline and picture credits and captions', () => {
    const v1 = docAs(ANA);
    metaMap(v1).set(META_KEYS.byline, 'Ana Reyes');
    addPicture(v1, { id: 'p1', caption: 'The bridge at dawn', credit: '' });
    const v2 = docAs(BEN, v1);
    metaMap(v2).set(META_KEYS.byline, 'Ana Reyes and Ben Okafor');
    picturesArray(v2).get(0).set('credit', 'Maria Lindqvist');
    const diff = diffArticles(v1, v2, { from: 1, to: 2 }, authorOf);
    expect(diff.fields.map((f) => f.key)).toEqual(['byline', 'picture:p1:credit']);
    expect(diff.fields[1]).toMatchObject({ label: 'Picture 1 credit', spans: [{ kind: 'added', text: 'Maria Lindqvist', authorId: 'ben' }] });
    expect(diff.fields[0].spans.find((s) => s.kind === 'added')!.authorId).toBe('ben');
  });

  it('finds nothing between identical versions and null authors for unknown clients', () => {
    const v1 = docAs(3003);
    headlineText(v1).insert(0, 'Same');
    expect(diffArticles(v1, copy(v1), { from: 1, to: 1 }, authorOf).fields).toEqual([]);
    const v2 = docAs(4004, v1);
    headlineText(v2).insert(4, ' again');
    expect(diffArticles(v1, v2, { from: 1, to: 2 }, authorOf).fields[0].spans).toContainEqual({ kind: 'added', text: ' again', authorId: null });
  });
});
