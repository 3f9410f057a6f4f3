// How a story's line of versions reads in History, the story and the list (issue 17): version 1
// the original, then each approval after it, an update or a correction with its number and note.
// Pure, so it is tested without a browser.
import { amendmentLabel, type AmendmentKind, type Reopening } from '../../../model/amendments.ts';
import type { ApprovedVersion, RevisionInfo } from '../../../model/api-types.ts';

/** Every approved version of the story, oldest first, from its revisions (a revision approved twice is two versions). */
export const versionLine = (revisions: readonly RevisionInfo[]): ApprovedVersion[] =>
  revisions.flatMap((revision) => revision.approvedAs).sort((a, b) => a.version - b.version);

/** What a version is: "Original", "Update 1", "Correction 2", or "Approved again" for an approval that amends nothing. */
export function versionKind(version: Pick<ApprovedVersion, 'version' | 'amendment'>): string {
  if (version.amendment) return `${amendmentLabel(version.amendment.kind)} ${version.amendment.number}`;
  return version.version === 1 ? 'Original' : 'Approved again';
}

/** A version's title: "Version 2 · Correction 1". */
export const versionTitle = (version: Pick<ApprovedVersion, 'version' | 'amendment'>): string => `Version ${version.version} · ${versionKind(version)}`;

/** The label of a story reopened and not yet approved again: "Correction pending", "Update pending". */
export const pendingLabel = (kind: AmendmentKind): string => `${amendmentLabel(kind)} pending`;

/** A sentence for a reopened story: "Reopened as a correction: “note”. The next approval publishes it as version 3." */
export function pendingSentence(reopened: Reopening, version: number | null): string {
  const next = version === null ? '' : ` The next approval publishes it as version ${version + 1}.`;
  return `Reopened as ${reopened.kind === 'update' ? 'an update' : 'a correction'}: “${reopened.note}”.${next}`;
}
