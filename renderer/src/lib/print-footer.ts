// The footer of a printed or PDF'd story: which version it is and the story's status, so a
// lawyer's printout says what it was printed from.
import { amendmentLabel } from '../../../model/amendments.ts';
import type { RevisionInfo } from '../../../model/api-types.ts';
import type { ArticleState } from '../../../model/article-state.ts';
import { revisionStatusText } from './revision-text.ts';

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

/**
 * The footer of a printed revision: "Revision 4 · Status: Approved as version 2 (Correction 1) ·
 * Printed 7 Dec 2026, 15:30": its status as History says it (Submitted, Sent back, Saved,
 * Superseded by revision 5) with its latest approval named, when it was approved.
 */
export function revisionPrintFooter(revision: RevisionInfo, printedAt: Date): string {
  const approval = revision.approvedAs.at(-1);
  const amendment = approval?.amendment ? ` (${amendmentLabel(approval.amendment.kind)} ${approval.amendment.number})` : '';
  const approved = approval ? `approved as version ${approval.version}${amendment}` : '';
  const status = !approval ? revisionStatusText(revision) : revision.status === 'approved' ? `A${approved.slice(1)}` : `${revisionStatusText(revision)} (${approved})`;
  const printed = printedAt.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `Revision ${revision.number} · Status: ${status} · Printed ${printed}`;
}

/** The PDF's suggested file name: the headline made file-safe, or the story's id. */
export function pdfFileName(headline: string, storyId: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are refused in file names
  const safe = headline.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
  return `${safe || storyId}.pdf`;
}
