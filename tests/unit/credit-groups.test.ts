// Grouping the credits index into the credits report: case- and space-insensitive groups under
// the most common spelling, draft and approved uses merged, the query filter, the JSON shape.
import { describe, expect, it } from 'vitest';
import { creditKey, creditReports, groupCredits } from '../../server/credits/credit-groups.ts';
import type { CreditUse } from '../../server/storage/store.ts';

const use = (articleId: string, pictureId: string, credit: string, fields: Partial<CreditUse> = {}): CreditUse => ({
  version: 'draft',
  articleId,
  headline: `Story ${articleId}`,
  status: 'draft',
  pictureId,
  hash: '',
  caption: '',
  credit,
  ...fields,
});

describe('creditKey', () => {
  it('ignores case, surrounding and repeated white space, and Unicode composition', () => {
    expect(creditKey('  Jane   DOE ')).toBe('jane doe');
    expect(creditKey('Jos\u0065\u0301')).toBe(creditKey('Jos\u00e9'));
    expect(creditKey('Reuters')).not.toBe(creditKey('Reuter'));
  });
});

describe('groupCredits', () => {
  it('groups spellings of one credit and shows the most common one', () => {
    const groups = groupCredits([use('a', 'p1', 'reuters'), use('a', 'p2', 'Reuters'), use('b', 'p3', 'Reuters'), use('b', 'p4', 'REUTERS  ')]);
    expect(groups).toHaveLength(1);
    expect(groups[0].credit).toBe('Reuters');
    expect(groups[0].uses.map((u) => u.pictureId)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('settles a tie between spellings the same way whatever the order', () => {
    const a = groupCredits([use('a', 'p1', 'AFP'), use('a', 'p2', 'Afp')]);
    const b = groupCredits([use('a', 'p2', 'Afp'), use('a', 'p1', 'AFP')]);
    expect(a[0].credit).toBe(b[0].credit);
  });

  it('sorts credits alphabetically, ignoring case', () => {
    const groups = groupCredits([use('a', '1', 'zeta'), use('a', '2', 'Alpha'), use('a', '3', 'beta')]);
    expect(groups.map((g) => g.credit)).toEqual(['Alpha', 'beta', 'zeta']);
  });

  it('merges a picture in both the draft and the approved revision into one approved use with the draft caption', () => {
    const groups = groupCredits([
      use('a', 'p1', 'Reuters', { caption: 'Now', version: 'draft' }),
      use('a', 'p1', 'Reuters', { caption: 'Then', version: 'approved', status: 'approved' }),
    ]);
    expect(groups[0].uses).toEqual([{ articleId: 'a', headline: 'Story a', status: 'draft', pictureId: 'p1', hash: '', caption: 'Now', approved: true }]);
    // The approved revision first: the draft's caption still wins.
    const reversed = groupCredits([use('a', 'p1', 'Reuters', { caption: 'Then', version: 'approved' }), use('a', 'p1', 'Reuters', { caption: 'Now' })]);
    expect(reversed[0].uses.map((u) => [u.caption, u.approved])).toEqual([['Now', true]]);
  });

  it('keeps a draft-only use unapproved and an approved-only use approved', () => {
    const groups = groupCredits([use('a', 'p1', 'AP'), use('a', 'p0', 'Reuters', { version: 'approved' })]);
    expect(groups.map((g) => [g.credit, g.uses.map((u) => u.approved)])).toEqual([
      ['AP', [false]],
      ['Reuters', [true]],
    ]);
  });

  it('counts a picture whose image changed since approval as two uses (two photographs)', () => {
    const groups = groupCredits([use('a', 'p1', 'Reuters', { hash: '1'.repeat(64) }), use('a', 'p1', 'Reuters', { hash: '2'.repeat(64), version: 'approved' })]);
    expect(groups[0].uses.map((u) => [u.hash[0], u.approved])).toEqual([
      ['1', false],
      ['2', true],
    ]);
  });

  it('keeps only credits containing the query, case-insensitively; a blank query keeps all', () => {
    const uses = [use('a', '1', 'Jane Doe / AFP'), use('a', '2', 'Reuters'), use('a', '3', 'John Doe')];
    expect(groupCredits(uses, 'DOE').map((g) => g.credit)).toEqual(['Jane Doe / AFP', 'John Doe']);
    expect(groupCredits(uses, ' afp ').map((g) => g.credit)).toEqual(['Jane Doe / AFP']);
    expect(groupCredits(uses, '   ')).toHaveLength(3);
    expect(groupCredits(uses, 'nobody')).toEqual([]);
  });

  it('leaves out uses without a credit', () => {
    expect(groupCredits([use('a', '1', ''), use('a', '2', '   ')])).toEqual([]);
  });
});

describe('creditReports', () => {
  it('lists each credit with its pictures and its stories, a story approved when any of its uses is', () => {
    const groups = groupCredits([
      use('a', 'p1', 'Reuters', { caption: 'One', hash: 'a'.repeat(64) }),
      use('b', 'p2', 'Reuters', { status: 'approved' }),
      use('b', 'p3', 'Reuters', { status: 'approved', version: 'approved' }),
    ]);
    expect(creditReports(groups)).toEqual([
      {
        credit: 'Reuters',
        pictures: [
          { articleId: 'a', pictureId: 'p1', hash: 'a'.repeat(64), caption: 'One' },
          { articleId: 'b', pictureId: 'p2', hash: '', caption: '' },
          { articleId: 'b', pictureId: 'p3', hash: '', caption: '' },
        ],
        articles: [
          { id: 'a', headline: 'Story a', status: 'draft', approved: false },
          { id: 'b', headline: 'Story b', status: 'approved', approved: true },
        ],
      },
    ]);
  });
});
