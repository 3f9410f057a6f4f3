// The story workflow as pure rules: which transition is allowed for whom, and what follows.
import { can, type Role } from './roles.ts';
import type { Picture } from './article-schema.ts';
import type { BodyNote } from './notes.ts';
import type { SuggestionSummary } from './open-suggestions.ts';
import type { OpenComment } from './comment-threads.ts';
import { approvalBlockers, refusalMessage, standingBlockers } from './approval-blockers.ts';
import { AMENDMENT_NOTE_MAX, isAmendmentKind, type AmendmentKind, type Reopening } from './amendments.ts';

/** Pictures without a credit (the story list counts them); defined with the other approval blockers. */
export { picturesMissingCredit } from './approval-blockers.ts';

/**
 * Where a story stands. Edits after approval keep `approved`: the approved revision stays publishable.
 * Reopening it as an update or a correction takes it back to `draft` (`reopened` says which), the approved revision still publishable.
 */
export const STATUSES = ['draft', 'submitted', 'approved'] as const;

/** A story's workflow status. */
export type Status = (typeof STATUSES)[number];

/** A story's workflow state as the server keeps it. */
export interface WorkflowState {
  status: Status;
  submittedRevision: number | null;
  approvedRevision: number | null;
  /**
   * Reopened after approval as an update or a correction, until the next approval carries it
   * (model/amendments.ts numbers it); absent means null, as for every story never reopened.
   */
  reopened?: Reopening | null;
}

/** A request to move a story along. */
export type Transition =
  | { kind: 'submit'; revision: number }
  /** `pictures` (with the open `suggestions`, the `notes`, model/notes.ts, and the open comment `threads`) are the approved revision's; `allowMissingImages` approves pictures without an image, explicitly. */
  | { kind: 'approve'; revision: number; pictures: Picture[]; allowMissingImages?: boolean; suggestions?: SuggestionSummary[]; notes?: BodyNote[]; threads?: OpenComment[] }
  | { kind: 'reject'; revision: number; note: string }
  /** An editor reopens an approved story as an update or a correction; `as` is checked here, being a client's word. */
  | { kind: 'reopen'; as: AmendmentKind; note: string };

/** The outcome of a transition: the next state, or why it was refused. */
export type TransitionResult =
  | { ok: true; state: WorkflowState }
  | { ok: false; reason: 'forbidden' | 'conflict' | 'invalid'; message: string };

/** A new story's state. */
export const INITIAL_WORKFLOW: WorkflowState = { status: 'draft', submittedRevision: null, approvedRevision: null };

const refuse = (reason: 'forbidden' | 'conflict' | 'invalid', message: string): TransitionResult => ({
  ok: false,
  reason,
  message,
});

/** Applies `transition` by a user with `role` to `state`. */
export function applyTransition(state: WorkflowState, transition: Transition, role: Role): TransitionResult {
  switch (transition.kind) {
    case 'submit':
      if (!can(role, 'submit')) return refuse('forbidden', `A ${role} cannot submit stories. Ask a reporter, the desk or an editor to submit it.`);
      return { ok: true, state: { ...state, status: 'submitted', submittedRevision: transition.revision } };
    case 'approve': {
      if (!can(role, 'approve')) return refuse('forbidden', `Only an editor can approve a story, and a ${role} is not one. Ask an editor to review it.`);
      const blocking = standingBlockers(
        approvalBlockers({ pictures: transition.pictures, suggestions: transition.suggestions, notes: transition.notes, threads: transition.threads }),
        { allowMissingImages: transition.allowMissingImages },
      );
      if (blocking.length > 0) return refuse('conflict', refusalMessage(blocking));
      // A newer revision awaiting review stays in the queue; the approved one, or an older one
      // it supersedes, is settled. A reopening is settled too: the state leaves it out (null).
      const pending = state.submittedRevision !== null && state.submittedRevision > transition.revision ? state.submittedRevision : null;
      return {
        ok: true,
        state: { status: pending === null ? 'approved' : 'submitted', approvedRevision: transition.revision, submittedRevision: pending },
      };
    }
    case 'reject':
      if (!can(role, 'reject')) return refuse('forbidden', `Only an editor can send a story back, and a ${role} is not one. Ask an editor to review it.`);
      if (transition.note.trim() === '') return refuse('invalid', 'A note is required to send a story back. Say what the author should change.');
      if (state.status !== 'submitted' || state.submittedRevision !== transition.revision) {
        const pending = state.submittedRevision === null ? 'No revision is awaiting approval' : `Revision ${state.submittedRevision} is the one awaiting approval`;
        return refuse('conflict', `Revision ${transition.revision} is not awaiting approval, so it cannot be sent back. ${pending}: reload the story to see where it stands.`);
      }
      // Back to draft; an earlier approved revision (if any) stays the publishable one.
      return { ok: true, state: { ...state, status: 'draft', submittedRevision: null } };
    case 'reopen':
      return reopen(state, transition.as, transition.note, role);
  }
}

/**
 * Reopens an approved story as an update or a correction: back to draft (a revision awaiting
 * review stays awaiting it), the approved revision still the publishable one until the next
 * approval, which carries the reopening. Editors only; a note is required; once at a time.
 */
function reopen(state: WorkflowState, as: AmendmentKind, note: string, role: Role): TransitionResult {
  if (!can(role, 'approve')) return refuse('forbidden', `Only an editor can reopen an approved story, and a ${role} is not one. Ask an editor to reopen it.`);
  if (!isAmendmentKind(as)) return refuse('invalid', 'A story is reopened as an update or a correction: say "update" or "correction".');
  const text = note.trim();
  if (text === '') return refuse('invalid', `A note is required to reopen a story as ${as === 'update' ? 'an update' : 'a correction'}. Say what changes and why.`);
  if (text.length > AMENDMENT_NOTE_MAX) return refuse('invalid', `The note is over ${AMENDMENT_NOTE_MAX} characters. Shorten it.`);
  if (state.approvedRevision === null) return refuse('conflict', 'This story has no approved revision, so there is nothing to update or correct yet. Approve it first.');
  if (state.reopened) {
    return refuse('conflict', `This story is already reopened as ${state.reopened.kind === 'update' ? 'an update' : 'a correction'}. Approve a revision to settle that first.`);
  }
  const status = state.status === 'approved' ? 'draft' : state.status;
  return { ok: true, state: { ...state, status, reopened: { kind: as, note: text } } };
}
