// Updates and corrections after approval, as pure rules: how the versions of a story are numbered,
// and the line an export prints for an amended version.
//
// Numbering: every approval makes a new version of the story, the first one version 1 (the
// original). An editor may reopen an approved story as an update or a correction with a note; the
// approval that follows carries it, numbered within its kind: updates and corrections are counted
// separately (Update 1, Correction 1, Correction 2…), as wire services and Superdesk's
// `correction_sequence` count them, while the version number counts every approval.

/** What a story is reopened as: an update (new facts) or a correction (a mistake put right). */
export const AMENDMENT_KINDS = ['update', 'correction'] as const;

/** An update or a correction. */
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** The longest note an editor may give when reopening a story, in characters. */
export const AMENDMENT_NOTE_MAX = 1000;

/** True when `value` names an amendment kind. */
export const isAmendmentKind = (value: unknown): value is AmendmentKind => typeof value === 'string' && (AMENDMENT_KINDS as readonly string[]).includes(value);

/** A story reopened after approval and not yet approved again: what as, and the editor's note. */
export interface Reopening {
  kind: AmendmentKind;
  note: string;
}

/** What an approved version amends: the Nth update or correction, with the note it was reopened with. */
export interface Amendment extends Reopening {
  number: number;
}

/** An approved version's number and what it amends (null for the original, or an approval without a reopening). */
export interface VersionStamp {
  version: number;
  amendment: Amendment | null;
}

/**
 * The number the next approval takes, after the story's earlier approvals (`earlier`, oldest
 * first): one more than the last version; with a reopening pending, the amendment it carries,
 * numbered one past the earlier amendments of its kind.
 */
export function numberApproval(earlier: readonly VersionStamp[], reopened: Reopening | null): VersionStamp {
  const version = (earlier.at(-1)?.version ?? 0) + 1;
  if (!reopened) return { version, amendment: null };
  const number = earlier.filter((stamp) => stamp.amendment?.kind === reopened.kind).length + 1;
  return { version, amendment: { kind: reopened.kind, number, note: reopened.note } };
}

/** What a reader calls an amendment's kind, capitalised: "Update" or "Correction". */
export const amendmentLabel = (kind: AmendmentKind): string => (kind === 'update' ? 'Update' : 'Correction');

/** The line an export prints for an amendment: "Correction (2): note" / "Update (1): note" (the note on one line). */
export function amendmentLine(amendment: Amendment): string {
  const note = amendment.note.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return `${amendmentLabel(amendment.kind)} (${amendment.number}): ${note}`;
}

/**
 * A ninjs `ednote` from the desk's planning note and the exported version's amendment: the
 * amendment line first (what a subscriber must act on), then a blank line and the planning note;
 * either alone as it is; '' when there is neither.
 */
export function combinedEdnote(planningNote: string, amendment: Amendment | null): string {
  return [amendment ? amendmentLine(amendment) : '', planningNote].filter((part) => part !== '').join('\n\n');
}
