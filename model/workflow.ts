// The story workflow as pure rules: which transition is allowed for whom, and what follows.
import { can, type Role } from './roles.ts';
import type { Picture } from './article-schema.ts';
import { approvalBlockers, refusalMessage, standingBlockers } from './approval-blockers.ts';

/** Pictures without a credit (the story list counts them); defined with the other approval blockers. */
export { picturesMissingCredit } from './approval-blockers.ts';

/** Where a story stands. Edits after approval keep `approved`: the approved revision stays publishable. */
export const STATUSES = ['draft', 'submitted', 'approved'] as const;

/** A story's workflow status. */
export type Status = (typeof STATUSES)[number];

/** A story's workflow state as the server keeps it. */
export interface WorkflowState {
  status: Status;
  submittedRevision: number | null;
  approvedRevision: number | null;
}

/** A request to move a story along. */
export type Transition =
  | { kind: 'submit'; revision: number }
  /** `pictures` are the approved revision's; `allowMissingImages` approves pictures without an image, explicitly. */
  | { kind: 'approve'; revision: number; pictures: Picture[]; allowMissingImages?: boolean }
  | { kind: 'reject'; revision: number; note: string };

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
      const blocking = standingBlockers(approvalBlockers({ pictures: transition.pictures }), { allowMissingImages: transition.allowMissingImages });
      if (blocking.length > 0) return refuse('conflict', refusalMessage(blocking));
      // A newer revision awaiting review stays in the queue; the approved one, or an older one
      // it supersedes, is settled.
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
  }
}
