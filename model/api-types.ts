// The JSON shapes of the HTTP API, shared by the server (which produces them) and the
// renderer (which reads them).
import type { Amendment, Reopening, VersionStamp } from './amendments.ts';
import type { Role } from './roles.ts';
import type { ReadableArticle } from './readable-article.ts';
import type { ReleaseState } from './release-state.ts';
import type { Status } from './workflow.ts';

/** A signed-in user as the API shows it. */
export interface ApiUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: number;
}

/** `POST /api/session`'s answer. */
export interface SignInResponse {
  token: string;
  user: ApiUser;
  expiresAt: number;
  /** Show it at this user's next sign-in from this device: others' failed sign-ins then never slow it down. */
  deviceToken: string;
}

/** A ticket for one story's websocket (`/collab/ID?ticket=…`), good until `expiresAt`. */
export interface CollabTicket {
  ticket: string;
  expiresAt: number;
}

/** Someone who has a story open right now. */
export interface OpenBy {
  id: string;
  username: string;
  displayName: string;
}

/** The desk's facts a list entry carries (model/article-schema.ts DeskFacts; the planning note stays in the story). */
export interface ListedDeskFacts {
  /** Usernames of the people assigned, as the story names them. */
  assignees: string[];
  /** When it is due (ms since 1970), or null. */
  deadline: number | null;
  /** How long it should be, in words, or null. */
  targetWords: number | null;
  /** ninjs urgency 1 (most urgent) to 9, or null. */
  urgency: number | null;
}

/** A story in the list (`GET /api/articles`) and alone (`GET /api/articles/:id`), with its release state (embargo, hold, kill). */
export interface ArticleListItem extends ListedDeskFacts, ReleaseState {
  id: string;
  headline: string;
  byline: string;
  desk: string;
  slug: string;
  wordCount: number;
  status: Status;
  submittedRevision: number | null;
  approvedRevision: number | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string | null;
  updatedByName: string | null;
  openBy: OpenBy[];
  /** How many pictures the story has, and how many of them lack a credit. */
  pictureCount: number;
  picturesMissingCredit: number;
  /** The story's latest workflow event (snapshot, submit, approve, reject, restore, spike, unspike or reopen), or null before any. */
  lastEvent: WorkflowEvent | null;
  /** The approved revision's word count, or null when no revision is approved. */
  approvedWordCount: number | null;
  /**
   * True when the live draft's readable content (headline, standfirst, byline, slug, tags, body,
   * pictures) differs from the approved revision's; false without an approved revision, and again
   * once the draft is changed back. Compared by content fingerprint (model/readable-story.ts).
   */
  changedSinceApproval: boolean;
  /** The editor's send-back, while the story's latest review step is one; else null. */
  sentBack: SentBack | null;
  /** Spiked: hidden from the list and the review queue until restored (`GET /api/articles?spiked=only` lists them). */
  spiked: boolean;
  /** The id of the story's desk (GET /api/desks), or null; `desk` is the free text its document says. */
  deskId: string | null;
  /** Kept to its desk, its author and `people`: nobody else learns it exists (model/roles.ts `canSee`). */
  restricted: boolean;
  /** The usernames of the people who may see it besides its desk (meaningful while `restricted`). */
  people: string[];
  /** The approved revision's version (1 for the first approval, one more for each since), or null before any approval. */
  version: number | null;
  /** What the approved version amends (the Nth update or correction, with its note), or null. */
  amendment: Amendment | null;
  /** Reopened by an editor as an update or a correction that the next approval will carry, or null. */
  reopened: Reopening | null;
}

/** A send-back as the story list shows it: which revision, the editor's note, who and when, and who filed that revision. */
export interface SentBack {
  revision: number;
  note: string;
  byName: string;
  at: number;
  /** The user who saved the revision that was sent back (the one it goes back to). */
  authorId: string;
}

/** Every error answer: `{error}` with a 4xx or 5xx status. */
export interface ApiErrorBody {
  error: string;
}

/**
 * What happened to a story in the workflow. `snapshot` is a revision saved without filing it; `spike` and `unspike` hide and
 * restore the story; `reopen` reopens an approved story as an update or a correction (on the approved revision, the note the editor's).
 */
export type WorkflowAction = 'snapshot' | 'submit' | 'approve' | 'reject' | 'restore' | 'spike' | 'unspike' | 'reopen';

/** One workflow event: who did what to which revision, when, and their note. */
export interface WorkflowEvent {
  articleId: string;
  revision: number | null;
  action: WorkflowAction;
  userId: string;
  userName: string;
  note: string;
  at: number;
}

/**
 * Where a revision stands: only saved, filed for approval, approved (the story's publishable
 * version), sent back with a note, or superseded (approved once, then another revision was).
 */
export type RevisionStatus = 'saved' | 'submitted' | 'approved' | 'sent-back' | 'superseded';

/** One decision taken on a revision: filed, approved, sent back (with the note) or restored into the draft; by whom and when. */
export interface RevisionDecision {
  action: 'submit' | 'approve' | 'reject' | 'restore';
  userId: string;
  userName: string;
  note: string;
  at: number;
}

/** A revision as listed (`GET /api/articles/:id/revisions`); `number` counts from 1 per story. */
export interface RevisionInfo {
  number: number;
  createdAt: number;
  createdBy: string;
  createdByName: string;
  note: string;
  wordCount: number;
  status: RevisionStatus;
  /** The editor's note when the revision was sent back, else ''. */
  statusNote: string;
  /** Every decision on this revision, oldest first: none is ever dropped. */
  decisions: RevisionDecision[];
  /** For a `superseded` revision, the revision approved after it; else null. */
  supersededBy: number | null;
  /** The versions this revision was approved as (usually one; none if never approved), oldest first. */
  approvedAs: ApprovedVersion[];
}

/** One approval of a story: the version it made, of which revision, what it amends, by whom and when. */
export interface ApprovedVersion extends VersionStamp {
  revision: number;
  at: number;
  userId: string;
  userName: string;
}

/** `POST /api/articles/:id/reopen`'s body: reopen an approved story as an update or a correction, with the editor's note. */
export interface ReopenRequest {
  as: Reopening['kind'];
  note: string;
}

/** `POST /api/articles/:id/revisions`'s answer: the new revision; `id` repeats `number` (DESIGN.md's `{id, ...}`). */
export interface CreatedRevision extends RevisionInfo {
  id: number;
}

/** The answer of submit, approve, reject and restore: the story's new state, the revision as it now stands, and the event recorded. */
export interface WorkflowResponse {
  article: ArticleListItem;
  revision: RevisionInfo;
  event: WorkflowEvent;
}

/** One side of a comparison: a revision number (0: the empty story before any), or the live draft. */
export type RevisionRef = number | 'live';

/** A version of a story to read or export: a revision number, the approved revision, or the live draft. */
export type VersionRef = number | 'approved' | 'live';

/**
 * `GET /api/articles/:id/content?rev=approved|live|N`: one version's readable content, to show
 * read-only. `ref` is the version it resolved to (the approved revision's number for `approved`).
 */
export interface ArticleVersion {
  ref: RevisionRef;
  /** When this version was written: the revision's time, or the live draft's last change. */
  at: number;
  /** The revision with its status and decisions; null for the live draft. */
  revision: RevisionInfo | null;
  content: ReadableArticle;
}

/** `POST /api/articles/:id/reopen`'s answer: the story's new list entry (`reopened` set, back to draft) and the event recorded. */
export interface ReopenResponse {
  article: ArticleListItem;
  event: WorkflowEvent;
}

/** `POST /api/articles/:id/spike|unspike`'s answer: the story's new list entry and the event recorded. */
export interface SpikeResponse {
  article: ArticleListItem;
  event: WorkflowEvent;
}

/** A run of text in a comparison, and who wrote it (inserted) or had written it (removed), where known. */
export interface DiffSpan {
  kind: 'same' | 'added' | 'removed';
  text: string;
  authorId: string | null;
  /** Set where this text of the newer version is an open suggestion (an added or unchanged span of a changed body block). */
  suggestion?: 'insertion' | 'deletion' | 'formatting';
}

/** The comparison of one field: the headline, standfirst, byline, a body block, or a picture's caption or credit. */
export interface FieldDiff {
  /** A stable key, e.g. `headline`, `body:3`, `picture:ID:credit`. */
  key: string;
  /** What a reader calls it: "Headline", "Paragraph 3", "Picture 1 credit". */
  label: string;
  spans: DiffSpan[];
  /** True when this field was compared coarsely: the changed passage is shown replaced whole, not word by word. */
  coarse?: boolean;
}

/** `GET /api/articles/:id/diff?from=A&to=B`: what changed from A to B. Unchanged fields are left out. */
export interface ArticleDiff {
  from: RevisionRef;
  to: RevisionRef;
  fields: FieldDiff[];
  wordsAdded: number;
  wordsRemoved: number;
  /** Names of the authors the spans mention. */
  authors: { id: string; name: string }[];
  /**
   * True when part of the comparison had to be coarse (too large or too slow to compare word by
   * word): the fields marked `coarse` show passages replaced whole. Absent from older servers.
   */
  coarse?: boolean;
  /** Why it is coarse, a sentence for the reader; present only when `coarse`. */
  coarseReason?: string;
}

/** `POST /api/pictures`'s answer: the stored file, its size, and the credit and copyright embedded in it ('' if none). */
export interface UploadedPicture {
  hash: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  /** Photographer credit read from the file's IPTC/XMP/EXIF, to prefill the credit field. */
  credit: string;
  copyright: string;
  /** The file was already stored (same content): nothing new was written. */
  duplicate: boolean;
}

/** Where one picture with a given credit appears. */
export interface CreditedPicture {
  articleId: string;
  pictureId: string;
  hash: string;
  caption: string;
}

/** A story that uses a credit, and whether it is approved. */
export interface CreditedArticle {
  id: string;
  headline: string;
  status: Status;
  approved: boolean;
}

/** `GET /api/credits`: every credit in use, with its pictures and stories. */
export interface CreditReport {
  credit: string;
  pictures: CreditedPicture[];
  articles: CreditedArticle[];
}
