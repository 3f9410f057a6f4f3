// The comparison of two versions shows suggestions as such: the newer version's text that is an
// open suggestion (added, or unchanged in a changed paragraph) is marked with its kind, the rest
// of the comparison as it always is.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bodyFragment } from '../../model/article-schema.ts';
import { BODY_MARKS } from '../../model/body-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { diffArticles } from '../../model/revision-diff.ts';

const ED = 3003;
const ANA = 1001;
const authorOf = (client: number) => ({ [ED]: 'ed', [ANA]: 'ana' })[client] ?? null;
const SUGGESTION = { author: 'ed', authorName: 'Ed Marsh', at: 1_765_000_000_000 };

function docAs(client: number, base?: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  return doc;
}

const firstText = (doc: Y.Doc) => (bodyFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;

describe('the comparison of versions with open suggestions', () => {
  it('marks a suggested insertion and a suggested deletion in a changed paragraph', () => {
    const v1 = docAs(ANA);
    appendParagraphs(v1, ['The talks ended without a deal.', 'Untouched.']);
    const v2 = docAs(ED, v1);
    const text = firstText(v2);
    text.format(16, 14, { [BODY_MARKS.deletion]: { ...SUGGESTION, id: 'd1' } }); // "without a deal"
    text.insert(16, 'late ', { [BODY_MARKS.insertion]: { ...SUGGESTION, id: 'i1' } });
    const diff = diffArticles(v1, v2, { from: 1, to: 2 }, authorOf);
    expect(diff.fields.map((f) => f.key)).toEqual(['body:0']);
    expect(diff.fields[0].spans).toEqual([
      { kind: 'same', text: 'The talks ended ', authorId: null },
      { kind: 'added', text: 'late ', authorId: 'ed', suggestion: 'insertion' },
      { kind: 'same', text: 'without a deal', authorId: null, suggestion: 'deletion' },
      { kind: 'same', text: '.', authorId: null },
    ]);
  });

  it('marks text whose formatting is a suggested change in a changed paragraph, a deletion first where both', () => {
    const v1 = docAs(ANA);
    appendParagraphs(v1, ['The talks ended.']);
    const v2 = docAs(ED, v1);
    const text = firstText(v2);
    const bold = { ...SUGGESTION, id: 'f1', added: ['strong'], removed: [] };
    text.format(4, 5, { [BODY_MARKS.strong]: {}, [BODY_MARKS.formatting]: bold }); // "talks"
    text.format(10, 5, { [BODY_MARKS.deletion]: { ...SUGGESTION, id: 'd1' }, [BODY_MARKS.formatting]: bold }); // "ended"
    text.insert(15, ' late', { [BODY_MARKS.insertion]: { ...SUGGESTION, id: 'i1' } });
    expect(diffArticles(v1, v2, { from: 1, to: 2 }, authorOf).fields[0].spans).toEqual([
      { kind: 'same', text: 'The ', authorId: null },
      { kind: 'same', text: 'talks', authorId: null, suggestion: 'formatting' },
      { kind: 'same', text: ' ', authorId: null },
      { kind: 'same', text: 'ended', authorId: null, suggestion: 'deletion' },
      { kind: 'added', text: ' late', authorId: 'ed', suggestion: 'insertion' },
      { kind: 'same', text: '.', authorId: null },
    ]);
  });

  it('leaves a comparison without suggestions as it was', () => {
    const v1 = docAs(ANA);
    appendParagraphs(v1, ['Plain.']);
    const v2 = docAs(ED, v1);
    firstText(v2).insert(6, ' More.');
    expect(diffArticles(v1, v2, { from: 1, to: 2 }, authorOf).fields[0].spans).toEqual([
      { kind: 'same', text: 'Plain.', authorId: null },
      { kind: 'added', text: ' More.', authorId: 'ed' },
    ]);
  });
});
