// What stands between a revision and its approval, as one list computed from the revision's
// content: the server refuses approval (409) with these sentences, the app disables Approve and
// shows them before anyone clicks, and warns at submit. New kinds (open comments, suggestions)
// join the list here, and every caller sees them.
import type { Picture } from './article-schema.ts';
import type { BodyNote } from './notes.ts';
import type { SuggestionSummary } from './open-suggestions.ts';
import { formattingChange } from './body-schema.ts';
import type { OpenComment } from './comment-threads.ts';

/** The content approval is checked against: a revision's pictures, and the notes (model/notes.ts readNotes), open suggestions and open comment threads of its body. */
export interface ApprovalContent {
  pictures: Picture[];
  notes?: BodyNote[];
  /** The revision's open suggestions (model/open-suggestions.ts), in document order. */
  suggestions?: SuggestionSummary[];
  /** The revision's comment threads not yet resolved (model/comment-threads.ts openComments). */
  threads?: OpenComment[];
}

/** Blockers an editor may explicitly approve in spite of: `allowMissingImages` approves pictures whose image was never attached. */
export interface ApprovalWaivers {
  allowMissingImages?: boolean;
}

/** What blocks approval: a picture without a credit, a picture whose image was never attached, an open suggestion, a note left in the text, or a comment not resolved. */
export type ApprovalBlockerKind = 'missing-credit' | 'missing-image' | 'open-suggestion' | 'open-note' | 'open-comment';

/** One thing blocking approval, with the sentences that say what it is and what to do. */
export interface ApprovalBlocker {
  kind: ApprovalBlockerKind;
  /**
   * The picture's id, and its place among the story's pictures (1 for the first). An open
   * suggestion: '', its place among the open suggestions, and its text. An `open-note`: '', the
   * note's place among the notes, and the noted text (cut like a caption). An `open-comment`: the
   * thread's id, its place among the open ones, and the text it is on.
   */
  pictureId: string;
  /** The comment thread's id, for `open-comment`. */
  threadId?: string;
  position: number;
  caption: string;
  /** An open suggestion's id (open-suggestion only). */
  suggestionId?: string;
  /** True when an editor may approve anyway by saying so (missing images: `allowMissingImages`). */
  waivable: boolean;
  /** The problem, e.g. `Picture 2 (“Crowd at the rally”) has no credit.` */
  problem: string;
  /** The problem and what to do before approving, as the server's refusal says it. */
  message: string;
}

/** Pictures without a non-blank credit (the story list counts them too). */
export function picturesMissingCredit(pictures: Picture[]): Picture[] {
  return pictures.filter((p) => p.credit.trim() === '');
}

/** The most of a caption a picture's name quotes: enough to recognise it, never a page of text. */
export const NAMED_CAPTION_MAX = 60;

/** How a person names a picture: `Picture 2 (“Crowd at the rally”)`, or `Picture 3` without a caption. */
export function pictureName(picture: Picture, position: number): string {
  const caption = picture.caption.trim();
  const quoted = caption.length > NAMED_CAPTION_MAX ? `${caption.slice(0, NAMED_CAPTION_MAX - 1).trimEnd()}…` : caption;
  return `Picture ${position}${quoted ? ` (“${quoted}”)` : ''}`;
}

const PROBLEMS: Record<ApprovalBlockerKind, string> = {
  'missing-credit': 'has no credit.',
  'missing-image': 'has no image: it was never attached.',
  'open-suggestion': 'is still open.',
  'open-note': 'is still in the text: notes are never published.',
  'open-comment': 'is not resolved.',
};

const APPROVAL_REMEDIES: Record<ApprovalBlockerKind, string> = {
  'missing-credit': 'Add one in Pictures and submit the story again, then approve.',
  'missing-image': 'Attach it in Pictures and submit the story again, or approve without the missing images.',
  'open-suggestion': 'Accept or reject it and submit the story again, then approve.',
  'open-note': 'Remove it, or turn it back into text with Note, and submit the story again, then approve.',
  'open-comment': 'Resolve it in Comments and submit the story again, then approve.',
};

const SUBMIT_REMEDIES: Record<ApprovalBlockerKind, string> = {
  'missing-credit': 'An editor cannot approve the story until it has one.',
  'missing-image': 'Attach it in Pictures, or an editor will have to approve the story without it.',
  'open-suggestion': 'An editor cannot approve the story until it is accepted or rejected.',
  'open-note': 'An editor cannot approve the story while it holds a note.',
  'open-comment': 'An editor cannot approve the story until it is resolved.',
};

/** How a person names an open suggestion: `Ana Lima’s suggested deletion of “the old mayor”`, `Ana Lima’s suggested formatting of “Mayor” (bold)`. */
export function suggestionName(suggestion: SuggestionSummary): string {
  const text = suggestion.text.trim();
  const quoted = text.length > NAMED_CAPTION_MAX ? `${text.slice(0, NAMED_CAPTION_MAX - 1).trimEnd()}…` : text;
  const change = suggestion.change ? ` (${formattingChange(suggestion.change)})` : '';
  return `${suggestion.authorName}’s suggested ${suggestion.kind} of “${quoted}”${change}`;
}

// An open suggestion blocks approval until someone accepts or rejects it; it cannot be waived.
function suggestionBlocker(suggestion: SuggestionSummary, index: number): ApprovalBlocker {
  const problem = `${suggestionName(suggestion)} ${PROBLEMS['open-suggestion']}`;
  return {
    kind: 'open-suggestion',
    pictureId: '',
    position: index + 1,
    caption: suggestion.text.trim(),
    suggestionId: suggestion.id,
    waivable: false,
    problem,
    message: `${problem} ${APPROVAL_REMEDIES['open-suggestion']}`,
  };
}

/** How a person names a note: `Note 1 by Ana Reporter (“check this figure”)`. */
export function noteName(note: BodyNote, position: number): string {
  const text = note.text.replace(/\s+/g, ' ').trim();
  const quoted = text.length > NAMED_CAPTION_MAX ? `${text.slice(0, NAMED_CAPTION_MAX - 1).trimEnd()}…` : text;
  return `Note ${position} by ${note.name}${quoted ? ` (“${quoted}”)` : ''}`;
}

// One blocker per note left in the text, in document order; a note cannot be waived.
function noteBlockers(notes: BodyNote[]): ApprovalBlocker[] {
  return notes.map((note, index): ApprovalBlocker => {
    const problem = `${noteName(note, index + 1)} ${PROBLEMS['open-note']}`;
    return { kind: 'open-note', pictureId: '', position: index + 1, caption: note.text.slice(0, NAMED_CAPTION_MAX), waivable: false, problem, message: `${problem} ${APPROVAL_REMEDIES['open-note']}` };
  });
}

/** How a person names an open comment: `Comment by ed on “the bridge”` (`on deleted text “…”` once its text is gone). */
export function commentName(comment: OpenComment): string {
  const on = comment.on.replace(/\s+/g, ' ').trim();
  const quoted = on.length > NAMED_CAPTION_MAX ? `${on.slice(0, NAMED_CAPTION_MAX - 1).trimEnd()}…` : on;
  return `Comment by ${comment.author || 'someone'} on ${comment.deleted ? 'deleted text ' : ''}“${quoted}”`;
}

/** Each open comment as a blocker, in document order. */
function commentBlockers(threads: OpenComment[]): ApprovalBlocker[] {
  return threads.map((comment, index) => {
    const problem = `${commentName(comment)} ${PROBLEMS['open-comment']}`;
    const message = `${problem} ${APPROVAL_REMEDIES['open-comment']}`;
    return { kind: 'open-comment', pictureId: comment.id, threadId: comment.id, position: index + 1, caption: comment.on, waivable: false, problem, message };
  });
}

/** Everything that blocks approving `content`: picture by picture (a picture may have both problems), then each open suggestion, each note, and each open comment. */
export function approvalBlockers(content: ApprovalContent): ApprovalBlocker[] {
  return [
    ...pictureBlockers(content.pictures),
    ...(content.suggestions ?? []).map(suggestionBlocker),
    ...noteBlockers(content.notes ?? []),
    ...commentBlockers(content.threads ?? []),
  ];
}

// The blockers of the pictures.
function pictureBlockers(pictures: Picture[]): ApprovalBlocker[] {
  return pictures.flatMap((picture, index) => {
    const position = index + 1;
    const kinds: ApprovalBlockerKind[] = [];
    if (picture.credit.trim() === '') kinds.push('missing-credit');
    if (picture.hash === '') kinds.push('missing-image');
    return kinds.map((kind): ApprovalBlocker => {
      const problem = `${pictureName(picture, position)} ${PROBLEMS[kind]}`;
      return {
        kind,
        pictureId: picture.id,
        position,
        caption: picture.caption.trim(),
        waivable: kind === 'missing-image',
        problem,
        message: `${problem} ${APPROVAL_REMEDIES[kind]}`,
      };
    });
  });
}

/** The blockers `waivers` explicitly set aside (recorded with the approval). */
export function waivedBlockers(blockers: ApprovalBlocker[], waivers: ApprovalWaivers): ApprovalBlocker[] {
  return blockers.filter((b) => b.kind === 'missing-image' && waivers.allowMissingImages === true);
}

/** The blockers that still stand after `waivers`: approval is refused while any remain. */
export function standingBlockers(blockers: ApprovalBlocker[], waivers: ApprovalWaivers): ApprovalBlocker[] {
  const waived = new Set(waivedBlockers(blockers, waivers));
  return blockers.filter((b) => !waived.has(b));
}

/** The most blockers a refusal names one by one; the rest are counted. */
export const REFUSAL_NAMES_MAX = 10;

/** The refusal of an approval: each standing blocker's sentence, in order (the first ten, then how many more). */
export function refusalMessage(blockers: ApprovalBlocker[]): string {
  const named = blockers.slice(0, REFUSAL_NAMES_MAX).map((b) => b.message);
  const more = blockers.length - named.length;
  return [...named, ...(more > 0 ? [`And ${more} more problem${more === 1 ? '' : 's'} like these.`] : [])].join(' ');
}

/** The warning at submit for one blocker: the problem, and what it means for approval. */
export function submitWarning(blocker: ApprovalBlocker): string {
  return `${blocker.problem} ${SUBMIT_REMEDIES[blocker.kind]}`;
}
