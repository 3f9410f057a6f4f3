// The credits report as CSV for the picture desk's records: RFC 4180, one row per picture use.
import type { CreditGroup } from './credit-groups.ts';

/** The header row. */
export const CREDITS_CSV_COLUMNS = ['credit', 'article_id', 'headline', 'status', 'approved', 'picture_id', 'picture_hash', 'caption'] as const;

// A spreadsheet runs a cell starting with one of these as a formula (tab and CR too, per OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell: a leading apostrophe defuses a would-be formula (the spreadsheet shows it as text),
 * then quotes around anything holding a comma, quote or line break, with quotes doubled.
 */
export function csvCell(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV text: the header row, then one CRLF-terminated row per use. */
export function creditsCsv(groups: CreditGroup[]): string {
  const rows: string[][] = [[...CREDITS_CSV_COLUMNS]];
  for (const { credit, uses } of groups) {
    for (const use of uses) rows.push([credit, use.articleId, use.headline, use.status, use.approved ? 'yes' : 'no', use.pictureId, use.hash, use.caption]);
  }
  return rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
