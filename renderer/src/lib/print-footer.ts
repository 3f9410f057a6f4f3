// The footer of a printed or PDF'd story: which version it is and the story's status, so a
// lawyer's printout says what it was printed from.
import type { ArticleState } from '../../../model/article-state.ts';

/** The status as the page's pill words it. */
export const PRINTED_STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Draft',
  'sent-back': 'Sent back',
  submitted: 'Submitted',
  approved: 'Approved',
  'approved-changed': 'Approved · changed since',
  spiked: 'Spiked',
};

/** "Live draft (approved: revision 3) · Status: Approved · changed since · Printed 7 Dec 2026, 15:30". */
export function printFooter(facts: { state: ArticleState; approvedRevision: number | null; printedAt: Date }): string {
  const version = facts.approvedRevision === null ? 'Live draft' : `Live draft (approved: revision ${facts.approvedRevision})`;
  const printed = facts.printedAt.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${version} · Status: ${PRINTED_STATE_LABELS[facts.state]} · Printed ${printed}`;
}

/** The PDF's suggested file name: the headline made file-safe, or the story's id. */
export function pdfFileName(headline: string, storyId: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are refused in file names
  const safe = headline.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${safe || storyId}.pdf`;
}
