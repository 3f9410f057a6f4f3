// Find and replace, the pure part: matches in a text, in the body's text blocks, across the
// story's fields in reading order, and stepping through them.
import { describe, expect, it } from 'vitest';
import { bodySchema } from '../../model/body-schema.ts';
import { findInDoc, findInText, stepMatch, articleMatches } from '../../renderer/src/lib/find-matches.ts';

const query = (text: string, caseSensitive = false) => ({ text, caseSensitive });
const { nodes, marks } = bodySchema;

describe('findInText', () => {
  it('finds every occurrence, ignoring case unless asked, without overlaps', () => {
    expect(findInText('Bridge, bridge, BRIDGE', query('bridge'))).toEqual([
      { from: 0, to: 6 },
      { from: 8, to: 14 },
      { from: 16, to: 22 },
    ]);
    expect(findInText('Bridge, bridge', query('bridge', true))).toEqual([{ from: 8, to: 14 }]);
    expect(findInText('aaaa', query('aa'))).toEqual([{ from: 0, to: 2 }, { from: 2, to: 4 }]);
  });

  it('takes the query literally, and finds nothing for an empty one', () => {
    expect(findInText('a.b a*b (x) $5', query('a*b'))).toEqual([{ from: 4, to: 7 }]);
    expect(findInText('(x) $5', query('(x) $5'))).toEqual([{ from: 0, to: 6 }]);
    expect(findInText('anything', query(''))).toEqual([]);
  });

  it('gives positions in the original text even where lower-casing changes lengths', () => {
    // "İ" lower-cases to two code units; the match after it must not shift.
    const text = 'İstanbul bridge';
    const [match] = findInText(text, query('BRIDGE'));
    expect(text.slice(match.from, match.to)).toBe('bridge');
    expect(findInText('ΣΊΣΥΦΟΣ σίσυφος', query('σίσυφος'))).toHaveLength(2);
  });
});

describe('findInDoc', () => {
  const doc = nodes.doc.create(null, [
    nodes.heading.create({ level: 2 }, bodySchema.text('Bridge news')),
    nodes.paragraph.create(null, [bodySchema.text('The '), bodySchema.text('bri', [marks.strong.create()]), bodySchema.text('dge reopened.')]),
    nodes.blockquote.create(null, nodes.paragraph.create(null, bodySchema.text('“A bridge too far”'))),
    nodes.paragraph.create(null, bodySchema.text('bri')),
    nodes.paragraph.create(null, bodySchema.text('dge')),
  ]);

  it('finds matches in every text block, across marks, as document positions', () => {
    const found = findInDoc(doc, query('bridge'));
    expect(found.map(({ from, to }) => doc.textBetween(from, to))).toEqual(['Bridge', 'bridge', 'bridge']);
  });

  it('never matches across two blocks', () => {
    expect(findInDoc(doc, query('bridge', true)).map(({ from, to }) => doc.textBetween(from, to))).toEqual(['bridge', 'bridge']);
    expect(findInDoc(doc, query('brid'))).toHaveLength(3);
    expect(findInDoc(doc, query('bridge')).some(({ from, to }) => doc.textBetween(from, to, '|').includes('|'))).toBe(false);
  });

  it('finds nothing for an empty query', () => {
    expect(findInDoc(doc, query(''))).toEqual([]);
  });
});

describe('storyMatches and stepMatch', () => {
  it('puts the headline’s matches first, then the standfirst’s, then the body’s', () => {
    const matches = articleMatches({ body: [{ from: 3, to: 5 }], headline: [{ from: 0, to: 2 }], standfirst: [] });
    expect(matches).toEqual([
      { field: 'headline', from: 0, to: 2 },
      { field: 'body', from: 3, to: 5 },
    ]);
  });

  it('steps forward and back, wrapping around, from none to the first or last', () => {
    expect(stepMatch(3, 0, 1)).toBe(1);
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(3, -1, -1)).toBe(2);
    expect(stepMatch(0, -1, 1)).toBe(-1);
  });
});
