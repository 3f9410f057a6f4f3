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

  it('names the right author for every character of interleaved typing, also after bold and linked words', () => {
    const base = docAs(ANA);
    headlineText(base).insert(0, 'Bridge reopens');
    appendParagraphs(base, ['Cyclists queued at dawn on Monday.']);
    paragraph(base, 0).format(0, 8, { strong: {} }); // "Cyclists"
    paragraph(base, 0).format(19, 4, { link: { href: 'https://example.com/dawn' } }); // "dawn"
    const v1 = copy(base);
    // Ana and Ben, each on their own client, type letter by letter near one spot and see each other's letters at once.
    const ana = docAs(ANA_AGAIN, base);
    const ben = docAs(BEN, ana);
    ana.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(ben, update, 'peer'));
    ben.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(ana, update, 'peer'));
    // Who wrote each character, kept alongside: [character, author].
    const expected = { headline: [...'Bridge reopens'].map((c) => [c, 'ana']), body: [...'Cyclists queued at dawn on Monday.'].map((c) => [c, 'ana']) };
    let seed = 3;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const typed = { ana: 'AAA-ana-AAA', ben: 'BBB-ben-BBB' };
    for (const [field, spot] of [['headline', 7], ['body', 24]] as const) {
      const at: Record<'ana' | 'ben', number> = { ana: spot, ben: spot };
      for (let i = 0; i < 11; i++) {
        for (const who of ['ana', 'ben'] as const) {
          const doc = who === 'ana' ? ana : ben;
          const text = field === 'headline' ? headlineText(doc) : paragraph(doc, 0);
          // Each types at their own caret, sometimes a letter or two off.
          const index = Math.min(text.length, at[who] + random(3));
          text.insert(index, typed[who][i]);
          expected[field].splice(index, 0, [typed[who][i], who]);
          const other = who === 'ana' ? 'ben' : 'ana';
          at[who] = index + 1;
          if (at[other] > index) at[other]++;
        }
      }
    }
    const diff = diffArticles(v1, ben, { from: 1, to: 'live' }, authorOf);
    for (const [key, field] of [['headline', 'headline'], ['body:0', 'body']] as const) {
      const spans = diff.fields.find((f) => f.key === key)!.spans.filter((s) => s.kind !== 'removed');
      // The spans spell the new text exactly (no formatting tags), and every added character has its typist.
      expect(spans.map((s) => s.text).join('')).toBe(expected[field].map(([c]) => c).join(''));
      const authors = spans.flatMap((s) => [...s.text].map(() => (s.kind === 'added' ? s.authorId : 'same')));
      expect(authors, key).toEqual(expected[field].map(([, who], i) => (authors[i] === 'same' ? 'same' : who)));
      expect(authors.filter((a) => a === 'ben')).toHaveLength(11);
    }
  });

  it('marks only the letters typed into a word, and replaces other words whole', () => {
    const v1 = docAs(ANA);
    headlineText(v1).insert(0, 'Cyclists queued as the cat closed');
    const v2 = docAs(BEN, v1);
    const headline = headlineText(v2);
    headline.insert('Cyclists '.length, 'BBB'); // typed before "queued", no space between
    headline.insert('Cyclists BBBqueued as the ca'.length, 'r'); // "cat" → "cart"
    headline.delete('Cyclists BBBqueued as the cart clos'.length, 2); // "closed" → "clos"
    headline.insert(headline.length, 'ing'); // → "closing"
    const diff = diffArticles(v1, v2, { from: 1, to: 2 }, authorOf);
    expect(diff.fields[0].spans).toEqual([
      { kind: 'same', text: 'Cyclists ', authorId: null },
      { kind: 'added', text: 'BBB', authorId: 'ben' },
      { kind: 'same', text: 'queued as the ca', authorId: null },
      { kind: 'added', text: 'r', authorId: 'ben' },
      { kind: 'same', text: 't ', authorId: null },
      // "closed" → "closing" holds neither word whole: replaced, each letter with its writer.
      { kind: 'removed', text: 'closed', authorId: 'ana' },
      { kind: 'added', text: 'clos', authorId: 'ana' },
      { kind: 'added', text: 'ing', authorId: 'ben' },
    ]);
  });
});
