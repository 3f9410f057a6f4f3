// Where each revision stands, and every decision taken on it, from the story's workflow state and
// its event history (which is never rewritten: nothing decided on a revision is ever lost).
import type { ApprovedVersion, RevisionDecision, RevisionInfo, RevisionStatus, WorkflowEvent } from '../../model/api-types.ts';
import type { WorkflowState } from '../../model/workflow.ts';
import type { RevisionRecord } from '../storage/store.ts';

// Snapshots mention a revision without deciding anything about it; spikes are the story's.
const DECISIONS: readonly string[] = ['submit', 'approve', 'reject', 'restore'] satisfies RevisionDecision['action'][];

const isDecision = (event: WorkflowEvent): event is WorkflowEvent & { revision: number; action: RevisionDecision['action'] } =>
  event.revision !== null && DECISIONS.includes(event.action);

/**
 * The revisions as the API lists them, each with its decisions (oldest first) and status:
 * `approved` for the story's approved revision, `submitted` for the one awaiting review,
 * `sent-back` (with the editor's note) when the latest review step on it was a rejection,
 * `superseded` (by the revision approved next) when it was approved once and is no longer, else `saved`;
 * and the versions (`versions`, the story's approvals) each was approved as.
 */
export function revisionInfos(records: RevisionRecord[], state: WorkflowState, events: WorkflowEvent[], versions: ApprovedVersion[] = []): RevisionInfo[] {
  const decisions = new Map<number, RevisionDecision[]>();
  /** The revision approved after each approval, by the approved revision's number. */
  const approvedNext = new Map<number, number>();
  let lastApproved: number | null = null;
  for (const event of events) {
    if (!isDecision(event)) continue;
    const { action, userId, userName, note, at } = event;
    decisions.set(event.revision, [...(decisions.get(event.revision) ?? []), { action, userId, userName, note, at }]);
    if (action !== 'approve') continue;
    if (lastApproved !== null && lastApproved !== event.revision) approvedNext.set(lastApproved, event.revision);
    lastApproved = event.revision;
  }
  return records.map(({ number, createdAt, createdBy, createdByName, note, wordCount }) => {
    const own = decisions.get(number) ?? [];
    const lastReview = own.filter((decision) => decision.action !== 'restore').at(-1);
    const wasApproved = own.some((decision) => decision.action === 'approve');
    const status: RevisionStatus =
      state.approvedRevision === number
        ? 'approved'
        : state.submittedRevision === number
          ? 'submitted'
          : lastReview?.action === 'reject'
            ? 'sent-back'
            : wasApproved
              ? 'superseded'
              : 'saved';
    return {
      number,
      createdAt,
      createdBy,
      createdByName,
      note,
      wordCount,
      status,
      statusNote: status === 'sent-back' && lastReview ? lastReview.note : '',
      decisions: own,
      supersededBy: status === 'superseded' ? (approvedNext.get(number) ?? null) : null,
      approvedAs: versions.filter((version) => version.revision === number),
    };
  });
}
