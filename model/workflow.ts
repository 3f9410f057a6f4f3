// The story workflow as pure rules: which transition is allowed for whom, and what follows.
import { can, type Role } from './roles.ts';
import type { Picture } from './article-schema.ts';

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
  | { kind: 'approve'; revision: number; pictures: Picture[] }
  | { kind: 'reject'; revision: number; note: string };

/** The outcome of a transition: the next state, or why it was refused. */
export type TransitionResult =
  | { ok: true; state: WorkflowState }
  | { ok: false; reason: 'forbidden' | 'conflict' | 'invalid'; message: string };

/** A new story's state. */
export const INITIAL_WORKFLOW: WorkflowState = { status: 'draft', submittedRevision: null, approvedRevision: null };

/** Pictures that would block approval: every picture needs a non-empty credit. */
export function picturesMissingCredit(pictures: Picture[]): Picture[] {
  return pictures.filter((p) => p.credit.trim() === '');
}

const refuse = (reason: 'forbidden' | 'conflict' | 'invalid', message: string): TransitionResult => ({
  ok: false,
  reason,
  message,
});

/** Applies `transition` by a user with `role` to `state`. */
export function applyTransition(state: WorkflowState, transition: Transition, role: Role): TransitionResult {
  switch (transition.kind) {
    case 'submit':
      if (!can(role, 'submit')) return refuse('forbidden', `a ${role} cannot submit stories`);
      return { ok: true, state: { ...state, status: 'submitted', submittedRevision: transition.revision } };
    case 'approve': {
      if (!can(role, 'approve')) return refuse('forbidden', 'only an editor can approve');
      const missing = picturesMissingCredit(transition.pictures);
      if (missing.length > 0) {
        const names = missing.map((p) => p.caption.trim() || p.id).join(', ');
        return refuse('conflict', `every picture needs a credit before approval; missing: ${names}`);
      }
      // A newer revision awaiting review stays in the queue; the approved one, or an older one
      // it supersedes, is settled.
      const pending = state.submittedRevision !== null && state.submittedRevision > transition.revision ? state.submittedRevision : null;
      return {
        ok: true,
        state: { status: pending === null ? 'approved' : 'submitted', approvedRevision: transition.revision, submittedRevision: pending },
      };
    }
    case 'reject':
      if (!can(role, 'reject')) return refuse('forbidden', 'only an editor can send a story back');
      if (transition.note.trim() === '') return refuse('invalid', 'a note is required when sending a story back');
      if (state.status !== 'submitted' || state.submittedRevision !== transition.revision) {
        return refuse('conflict', `revision ${transition.revision} is not awaiting approval`);
      }
      // Back to draft; an earlier approved revision (if any) stays the publishable one.
      return { ok: true, state: { ...state, status: 'draft', submittedRevision: null } };
  }
}
