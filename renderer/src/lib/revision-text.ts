// How a revision's status and decisions read in History, the export dialog and the read-only
// view: pure, so it is tested without a browser.
import type { RevisionDecision, RevisionInfo } from '../../../model/api-types.ts';

/** The revision's status as a label: "Approved", "Superseded by revision 5", "Sent back", …. */
export function revisionStatusText(revision: RevisionInfo): string {
  switch (revision.status) {
    case 'approved':
      return 'Approved';
    case 'submitted':
      return 'Submitted';
    case 'sent-back':
      return 'Sent back';
    case 'superseded':
      return revision.supersededBy === null ? 'Approved before' : `Superseded by revision ${revision.supersededBy}`;
    case 'saved':
      return 'Saved';
  }
}

/** One decision as a line of History: "Approved by Ed Marsh", "Sent back by Ed Marsh: “Check the figures”". */
export function decisionText(decision: RevisionDecision): string {
  const verb = { submit: 'Submitted', approve: 'Approved', reject: 'Sent back', restore: 'Restored into the draft' }[decision.action];
  return `${verb} by ${decision.userName || 'someone no longer here'}${decision.note ? `: “${decision.note}”` : ''}`;
}
