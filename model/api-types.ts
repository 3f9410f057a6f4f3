// The JSON shapes of the HTTP API, shared by the server (which produces them) and the
// renderer (which reads them).
import type { Role } from './roles.ts';
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

/** A story in the list (`GET /api/articles`) and alone (`GET /api/articles/:id`). */
export interface ArticleListItem {
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
  /** The story's latest workflow event (snapshot, submit, approve, reject or restore), or null before any. */
  lastEvent: WorkflowEvent | null;
}

/** Every error answer: `{error}` with a 4xx or 5xx status. */
export interface ApiErrorBody {
  error: string;
}

/** What happened to a story in the workflow. `snapshot` is a revision saved without filing it. */
export type WorkflowAction = 'snapshot' | 'submit' | 'approve' | 'reject' | 'restore';

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

/** Where a revision stands: only saved, filed for approval, approved, or sent back with a note. */
export type RevisionStatus = 'saved' | 'submitted' | 'approved' | 'sent-back';

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

/** A run of text in a comparison, and who wrote it (inserted) or had written it (removed), where known. */
export interface DiffSpan {
  kind: 'same' | 'added' | 'removed';
  text: string;
  authorId: string | null;
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
