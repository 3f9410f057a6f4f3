// Where each revision stands, from the story's workflow state and its event history.
import type { RevisionInfo, WorkflowAction, WorkflowEvent } from '../../model/api-types.ts';
import type { WorkflowState } from '../../model/workflow.ts';
import type { RevisionRecord } from '../storage/store.ts';

// Snapshots and restores mention a revision without deciding anything about it.
const REVIEW_ACTIONS: readonly WorkflowAction[] = ['submit', 'approve', 'reject'];

/**
 * The revisions as the API lists them: `approved` for the story's approved revision, `submitted`
 * for the one awaiting review, `sent-back` (with the editor's note) when the latest review step
 * on it was a rejection, else `saved`.
 */
export function revisionInfos(records: RevisionRecord[], state: WorkflowState, events: WorkflowEvent[]): RevisionInfo[] {
  const lastReview = new Map<number, WorkflowEvent>();
  for (const event of events) if (event.revision !== null && REVIEW_ACTIONS.includes(event.action)) lastReview.set(event.revision, event);
  return records.map(({ number, createdAt, createdBy, createdByName, note, wordCount }) => {
    const review = lastReview.get(number);
    const rejection = review?.action === 'reject' ? review : null;
    const status =
      state.approvedRevision === number ? 'approved' : state.submittedRevision === number ? 'submitted' : rejection ? 'sent-back' : 'saved';
    return { number, createdAt, createdBy, createdByName, note, wordCount, status, statusNote: status === 'sent-back' && rejection ? rejection.note : '' };
  });
}
