// Spiking a story (taking it out of the list and the review queue, with undo) and restoring it,
// as pure rules beside the workflow's: anyone who may edit may spike or restore a story that has
// no approved revision; a story with one needs an editor (it is publishable); a viewer may not.
import { can, type Role } from './roles.ts';

/** The two steps: spike, and restore (`unspike`). */
export type SpikeStep = 'spike' | 'unspike';

/** What the rules look at. */
export interface SpikeSubject {
  spiked: boolean;
  approvedRevision: number | null;
}

/** Allowed, or why not: `forbidden` (the role may not), `conflict` (the story is already there). */
export type SpikeCheck = { ok: true } | { ok: false; reason: 'forbidden' | 'conflict'; message: string };

/** Whether a user with `role` may take `step` on a story like `story` at all (the state aside). */
export function maySpike(role: Role, article: Pick<SpikeSubject, 'approvedRevision'>): boolean {
  if (!can(role, 'edit')) return false;
  return article.approvedRevision === null || can(role, 'approve');
}

/** Whether `step` by a user with `role` on `story` is allowed, with the reason as a sentence when not. */
export function checkSpike(step: SpikeStep, article: SpikeSubject, role: Role): SpikeCheck {
  const verb = step === 'spike' ? 'spike' : 'restore';
  if (!can(role, 'edit')) return { ok: false, reason: 'forbidden', message: `A ${role} cannot ${verb} stories.` };
  if (!maySpike(role, article)) return { ok: false, reason: 'forbidden', message: `Only an editor can ${verb} an approved story.` };
  if (step === 'spike' && article.spiked) return { ok: false, reason: 'conflict', message: 'This story is already spiked.' };
  if (step === 'unspike' && !article.spiked) return { ok: false, reason: 'conflict', message: 'This story is not spiked.' };
  return { ok: true };
}
