// What a review compares the revision under review with: after a send-back, the revision that
// was sent back (what the reporter changed in answer), and always the last approved revision (or
// the empty story before any approval). Pure, so it is tested without a browser.
import type { RevisionInfo } from '../../../model/api-types.ts';

/** One comparison a review offers: from revision `from` (0: the empty story) to the revision under review. */
export interface ReviewComparison {
  /** The revision compared with; 0 is the empty story before any approval. */
  from: number;
  kind: 'sent-back' | 'approved' | 'empty';
  /** The choice's name, e.g. "Revision 2, sent back". */
  label: string;
  /** Which comparison this is, as a sentence over the comparison. */
  summary: string;
}

/**
 * The comparisons for revision `underReview`, the default first. The revision sent back is the
 * latest one before `underReview` whose last review step was a send-back; it is offered only when
 * that send-back came after the last approval (otherwise the approval is the news).
 */
export function reviewComparisons(revisions: RevisionInfo[], underReview: number, approvedRevision: number | null): ReviewComparison[] {
  const sentBack = revisions.filter((r) => r.number < underReview && r.status === 'sent-back').at(-1) ?? null;
  const base: ReviewComparison =
    approvedRevision === null
      ? { from: 0, kind: 'empty', label: 'Nothing approved yet', summary: 'Nothing was approved before: everything is new.' }
      : { from: approvedRevision, kind: 'approved', label: `Approved revision ${approvedRevision}`, summary: `Changes since approved revision ${approvedRevision}.` };
  if (sentBack === null || (approvedRevision !== null && sentBack.number < approvedRevision)) return [base];
  const note = sentBack.statusNote.trim();
  // A note that ends a sentence itself is not followed by another full stop.
  const quoted = note ? ` with “${note}”${/[.!?]$/.test(note) ? '' : '.'}` : '.';
  return [
    {
      from: sentBack.number,
      kind: 'sent-back',
      label: `Revision ${sentBack.number}, sent back`,
      summary: `Changes since revision ${sentBack.number} was sent back${quoted}`,
    },
    base,
  ];
}
