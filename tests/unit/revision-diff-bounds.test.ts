// The comparison's bounds: within them it is word by word; past jsdiff's edit limit a passage is
// shown replaced whole, past it in the paragraph alignment paragraphs are paired in order, past
// the time limit the rest is replaced whole, and every such answer says so. Whatever the path,
// the spans still spell out both versions exactly, with authors.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleDiff, DiffSpan } from '../../model/api-types.ts';
import { bodyFragment, headlineText } from '../../model/article-schema.ts';
import { appendParagraphs } from '../../model/body-tree.ts';
import { COARSE_REASONS, DEFAULT_DIFF_LIMITS, diffArticles, type DiffLimits } from '../../model/revision-diff.ts';
import { authoredText, RunCursor } from '../../model/text-authors.ts';

const ANA = 1001;
const BEN = 2002;
const authorOf = (client: number) => ({ [ANA]: 'ana', [BEN]: 'ben' })[client] ?? null;

function docAs(client: number, base?: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  return doc;
}

const words = (count: number, seed: string) => Array.from({ length: count }, (_, i) => `${seed}${i}`).join(' ');

/** A story by ANA with these paragraphs. */
function article(paragraphs: string[]): Y.Doc {
  const doc = docAs(ANA);
  appendParagraphs(doc, paragraphs);
  return doc;
}

/** BEN's edit of `base`: paragraph `index` becomes `text`. */
function rewrite(base: Y.Doc, index: number, text: string): Y.Doc {
  const doc = docAs(BEN, base);
  const paragraph = (bodyFragment(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;
  paragraph.delete(0, paragraph.length);
  paragraph.insert(0, text);
  return doc;
}

// The text a field's spans spell for the old version (unchanged and removed) or the new one (unchanged and added).
const spelled = (spans: DiffSpan[], version: 'old' | 'new') =>
  spans.filter((s) => s.kind !== (version === 'old' ? 'added' : 'removed')).map((s) => s.text).join('');
const limits = (overrides: Partial<DiffLimits>): DiffLimits => ({ ...DEFAULT_DIFF_LIMITS, ...overrides });
const compare = (a: Y.Doc, b: Y.Doc, l: DiffLimits = DEFAULT_DIFF_LIMITS): Omit<ArticleDiff, 'authors'> => diffArticles(a, b, { from: 1, to: 2 }, authorOf, l);

describe('diffArticles within its bounds', () => {
  it('is word by word and says it is not coarse', () => {
    const v1 = article(['The bridge reopened on Monday.']);
    const diff = compare(v1, rewrite(v1, 0, 'The bridge reopened on Tuesday.'));
    expect(diff.coarse).toBe(false);
    expect(diff.coarseReason).toBeUndefined();
    expect(diff.fields[0].coarse).toBeUndefined();
    expect(diff.fields[0].spans.filter((s) => s.kind !== 'same')).toEqual([
      { kind: 'removed', text: 'Monday', authorId: 'ana' },
      { kind: 'added', text: 'Tuesday', authorId: 'ben' },
    ]);
  });
});

describe('diffArticles past its bounds', () => {
  it('shows a passage that changed beyond maxEditLength replaced whole, keeping the common start and end', () => {
    const v1 = article([`Intro words. ${words(40, 'a')} closing words.`]);
    const v2 = rewrite(v1, 0, `Intro words. ${words(40, 'b')} closing words.`);
    const diff = compare(v1, v2, limits({ maxEditLength: 10 }));
    expect(diff.coarse).toBe(true);
    expect(diff.coarseReason).toBe(`${COARSE_REASONS.passage[0].toUpperCase()}${COARSE_REASONS.passage.slice(1)}.`);
    const [field] = diff.fields;
    expect(field).toMatchObject({ key: 'body:0', label: 'Paragraph 1', coarse: true });
    // BEN retyped the paragraph, so every character of it is his now: the common text is still kept as unchanged.
    expect(field.spans).toEqual([
      { kind: 'same', text: 'Intro words. ', authorId: null },
      { kind: 'removed', text: words(40, 'a'), authorId: 'ana' },
      { kind: 'added', text: words(40, 'b'), authorId: 'ben' },
      { kind: 'same', text: ' closing words.', authorId: null },
    ]);
    expect([diff.wordsAdded, diff.wordsRemoved]).toEqual([40, 40]);
  });

  it('pairs paragraphs in order when too many changed to align them, keeping identical ones at the ends out', () => {
    const before = ['Same start.', ...Array.from({ length: 30 }, (_, i) => `old ${i}`), 'Same end.'];
    const after = ['Same start.', ...Array.from({ length: 30 }, (_, i) => `new ${i}`), 'Same end.'];
    const v1 = article(before);
    // BEN's version: the body replaced by the new paragraphs.
    const v2 = docAs(BEN, v1);
    v2.transact(() => bodyFragment(v2).delete(0, bodyFragment(v2).length));
    appendParagraphs(v2, after);
    const diff = compare(v1, v2, limits({ maxEditLength: 10 }));
    expect(diff.coarse).toBe(true);
    expect(diff.coarseReason?.toLowerCase()).toContain(COARSE_REASONS.paragraphs);
    // The first and last paragraphs read the same, so they are not reported; the 30 between are paired in order.
    expect(diff.fields.map((f) => f.label)).toEqual(Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 2}`));
    expect(diff.fields[0].spans).toEqual([
      { kind: 'removed', text: 'old', authorId: 'ana' },
      { kind: 'added', text: 'new', authorId: 'ben' },
      { kind: 'same', text: ' 0', authorId: null },
    ]);
  });

  it('shows everything left replaced whole once the time is spent, and says it ran out of time', () => {
    const v1 = article(['One two three.', 'Four five six.']);
    headlineText(v1).insert(0, 'Bridge closes');
    const v2 = rewrite(rewrite(v1, 0, 'One two four.'), 1, 'Four five seven.');
    headlineText(v2).insert(headlineText(v2).length, ' today');
    const diff = compare(v1, v2, limits({ timeoutMs: 0 }));
    expect(diff.coarse).toBe(true);
    expect(diff.coarseReason?.toLowerCase()).toContain(COARSE_REASONS.time);
    expect(diff.fields.map((f) => [f.key, f.coarse])).toEqual([
      ['headline', true],
      ['body:0', true],
      ['body:1', true],
    ]);
  });

  it('spells out both versions exactly on every path, fine or coarse', () => {
    const v1 = article(['Alpha beta gamma.', words(30, 'x'), 'Omega.']);
    headlineText(v1).insert(0, 'Council approves budget');
    const v2 = rewrite(rewrite(v1, 1, words(30, 'y')), 0, 'Alpha delta gamma.');
    headlineText(v2).delete(0, 8);
    for (const l of [DEFAULT_DIFF_LIMITS, limits({ maxEditLength: 4 }), limits({ maxEditLength: 0 }), limits({ timeoutMs: 0 })]) {
      const diff = compare(v1, v2, l);
      const body = (version: 'old' | 'new') => diff.fields.filter((f) => f.key.startsWith('body:')).map((f) => spelled(f.spans, version));
      expect(body('old'), JSON.stringify(l)).toEqual(['Alpha beta gamma.', words(30, 'x')]);
      expect(body('new'), JSON.stringify(l)).toEqual(['Alpha delta gamma.', words(30, 'y')]);
      const headline = diff.fields.find((f) => f.key === 'headline')!;
      expect([spelled(headline.spans, 'old'), spelled(headline.spans, 'new')]).toEqual(['Council approves budget', 'approves budget']);
    }
  });

  it('answers two unrelated 20,000-word versions in bounded time (it took minutes unbounded), coarse', () => {
    const v1 = article([words(20_000, 'a')]);
    const v2 = rewrite(v1, 0, words(20_000, 'b'));
    const started = performance.now();
    const diff = compare(v1, v2);
    // Generous: jsdiff's edit limit makes it a few hundred ms; unbounded it did not finish in 5 minutes.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(diff.coarse).toBe(true);
    expect([diff.wordsAdded, diff.wordsRemoved]).toEqual([20_000, 20_000]);
  });
});

describe('RunCursor', () => {
  it('gives the authors of consecutive ranges of a text, walking its runs once', () => {
    // Ten runs of three characters, alternating writers.
    const runs = Array.from({ length: 10 }, (_, i) => ({ client: i % 2 === 0 ? ANA : BEN, length: 3 }));
    const cursor = new RunCursor(runs);
    expect(cursor.take(0, 2)).toEqual([{ client: ANA, length: 2 }]);
    expect(cursor.take(2, 7)).toEqual([
      { client: ANA, length: 1 },
      { client: BEN, length: 3 },
      { client: ANA, length: 1 },
    ]);
    // A gap (unchanged text skipped), a range inside one run, the end.
    expect(cursor.take(10, 11)).toEqual([{ client: BEN, length: 1 }]);
    expect(cursor.take(29, 30)).toEqual([{ client: BEN, length: 1 }]);
    expect(cursor.take(30, 30)).toEqual([]);
  });

  it('reads the runs of a real text: two writers', () => {
    const v1 = article(['Hello']);
    const v2 = docAs(BEN, v1);
    ((bodyFragment(v2).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(5, ' world');
    const { runs } = authoredText((bodyFragment(v2).get(0) as Y.XmlElement).get(0) as Y.XmlText);
    expect(runs).toEqual([
      { client: ANA, length: 5 },
      { client: BEN, length: 6 },
    ]);
    expect(new RunCursor(runs).take(3, 8)).toEqual([
      { client: ANA, length: 2 },
      { client: BEN, length: 3 },
    ]);
  });
});
