// The credits CSV: RFC 4180 quoting, and cells a spreadsheet would run as formulas defused.
import { describe, expect, it } from 'vitest';
import { groupCredits } from '../../server/credits/credit-groups.ts';
import { csvCell, creditsCsv } from '../../server/credits/credits-csv.ts';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a, b', '"a, b"'],
    ['say "cheese"', '"say ""cheese"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rlf', '"cr\rlf"'],
  ])('quotes %j as %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it.each([
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=cmd', "'\t=cmd"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('defuses the would-be formula %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('leaves a formula character inside a cell alone', () => {
    expect(csvCell('A = B')).toBe('A = B');
    expect(csvCell('jane@example.org')).toBe('jane@example.org');
  });
});

describe('creditsCsv', () => {
  it('writes the header, then one CRLF-terminated row per use under the shown spelling', () => {
    const groups = groupCredits([
      { version: 'draft', articleId: 's1', headline: 'Fire, docks', status: 'draft', pictureId: 'p1', hash: 'a'.repeat(64), caption: 'Smoke', credit: 'reuters' },
      { version: 'approved', articleId: 's1', headline: 'Fire, docks', status: 'draft', pictureId: 'p2', hash: '', caption: '', credit: 'Reuters' },
      { version: 'draft', articleId: 's2', headline: 'Vote', status: 'approved', pictureId: 'p3', hash: '', caption: '', credit: 'Reuters' },
    ]);
    expect(creditsCsv(groups)).toBe(
      'credit,article_id,headline,status,approved,picture_id,picture_hash,caption\r\n' +
        `Reuters,s1,"Fire, docks",draft,no,p1,${'a'.repeat(64)},Smoke\r\n` +
        'Reuters,s1,"Fire, docks",draft,yes,p2,,\r\n' +
        'Reuters,s2,Vote,approved,no,p3,,\r\n',
    );
  });
});
