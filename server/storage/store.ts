// The storage interface the server is written against, split by role (document log, accounts,
// stories, revisions, pictures, audit). Two stores implement all of it with the same SQL
// (sql-store.ts): embedded SQLite in the data dir, and Postgres shared by several instances.
import type { Amendment, Reopening, VersionStamp } from '../../model/amendments.ts';
import type { ApprovedVersion, ListedDeskFacts, SentBack, WorkflowEvent } from '../../model/api-types.ts';
import type { ReleaseState } from '../../model/release-state.ts';
import type { DeskLimits } from '../../model/desk-limits.ts';
import type { DictionaryEntry } from '../../model/dictionary.ts';
import type { Role } from '../../model/roles.ts';
import type { Status, WorkflowState } from '../../model/workflow.ts';

/** A user as the rest of the server sees it (never with the password hash). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: number;
}

/** A user row with the password hash and whether the account is disabled, for sign-in only. */
export interface UserWithSecret extends User {
  passwordHash: string;
  disabled: boolean;
}

/** A user to add: an active account, with an id of its own when given. */
export type NewUser = Omit<UserWithSecret, 'id' | 'createdAt' | 'disabled'> & { id?: string };

/** A user as the People view sees them: with their desks (ids), status and last sign-in. */
export interface Person extends User {
  desks: string[];
  /** When the account was disabled; null while it is active. */
  disabledAt: number | null;
  lastSignInAt: number | null;
}

/** A change to an account; absent fields stay as they are. */
export interface AccountChange {
  role?: Role;
  displayName?: string;
  disabled?: boolean;
  /** The ids of all their desks from now on. */
  desks?: string[];
}

/** What became of an AccountChange: made (the person before and after), refused because no active admin would be left, or no such user. */
export type AccountChangeResult = { kind: 'changed'; before: Person; after: Person } | { kind: 'last-admin' } | { kind: 'missing' };

/** Who made a change, for the audit entry the store writes in the change's own transaction; `detail` is added to the entry's. */
export interface AuditBy {
  userId: string | null;
  detail?: Record<string, unknown>;
}

/** A desk of the newsroom. */
export interface DeskRecord {
  id: string;
  name: string;
  createdAt: number;
  /** When it was archived; null while it is in use. */
  archivedAt: number | null;
  /** Its limits (model/desk-limits.ts), each null where it sets none. */
  limits: DeskLimits;
}

/** What a change to a desk may set: its name, whether it is archived, its limits (whole; each null for none). */
export interface DeskChange {
  name?: string;
  archived?: boolean;
  limits?: DeskLimits;
}

/** A stored session: the token itself is never stored, only its hash. */
export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** Derived, denormalised facts about a story for the story list (kept fresh from the document). */
export interface ArticleSummary extends ListedDeskFacts {
  headline: string;
  byline: string;
  desk: string;
  slug: string;
  wordCount: number;
  /** How many pictures the story has, and how many of them lack a credit. */
  pictureCount: number;
  picturesMissingCredit: number;
  /** The fingerprint of the live draft's readable content (server/articles/content-fingerprint.ts). */
  contentHash: string;
  updatedAt: number;
  updatedBy: string | null;
}

/** One picture as a story uses it, for the credits index: `credit` trimmed, `hash` '' unless a well-formed sha256. */
export interface PictureUse {
  pictureId: string;
  hash: string;
  caption: string;
  credit: string;
}

/** Facts derived from a story's approved revision: its pictures and its content fingerprint. */
export interface ApprovedFacts {
  revision: number;
  pictures: PictureUse[];
  contentHash: string;
}

/** A credited picture use as the credits index lists it, with its story's facts. */
export interface CreditUse extends PictureUse {
  /** Where the use is: the live draft, or the story's approved revision. */
  version: 'draft' | 'approved';
  articleId: string;
  headline: string;
  status: Status;
}

/** An uploaded picture's facts; the file and its preview are in the blob store under `hash` and `previewHash`. */
export interface PictureRecord {
  hash: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  /** Credit and copyright embedded in the file ('' if none). */
  credit: string;
  copyright: string;
  previewHash: string;
  uploadedBy: string;
  uploadedAt: number;
}

/** A story's row: identity, summary (its fingerprint compared, not shown) and workflow state. */
export interface ArticleRecord extends Omit<ArticleSummary, 'contentHash'>, ReleaseState {
  id: string;
  /** Display name of `updatedBy`, for the story list. */
  updatedByName: string | null;
  createdAt: number;
  createdBy: string;
  status: Status;
  submittedRevision: number | null;
  approvedRevision: number | null;
  /** The story's latest workflow event, or null before any. */
  lastEvent: WorkflowEvent | null;
  /** The approved revision's word count, or null. */
  approvedWordCount: number | null;
  /** Whether the live draft's fingerprint differs from the approved revision's (false when either is unknown). */
  changedSinceApproval: boolean;
  /** The send-back, while the story's latest review step is one. */
  sentBack: SentBack | null;
  spiked: boolean;
  /** The id of the story's desk, or null. */
  deskId: string | null;
  /** Kept to its desk, its author and `people` (model/roles.ts `canSee`). */
  restricted: boolean;
  /** The usernames named on it, by code point (empty while it is not restricted). */
  people: string[];
  /** The approved version's number and amendment (model/amendments.ts), null before any approval. */
  version: number | null;
  amendment: Amendment | null;
  /** The update or correction the story is reopened as, until the next approval; null otherwise. */
  reopened: Reopening | null;
}

/** A story's restriction as stored: whether it is restricted, and the ids of the people named on it. */
export interface Restriction {
  restricted: boolean;
  people: string[];
}

/** A place in the story list's order: most recently updated first, ties by id (in code-point order). */
export interface ListPosition {
  updatedAt: number;
  id: string;
}

/** Which spiked stories a list holds: none, only them; all stories when absent. */
export type SpikedFilter = 'exclude' | 'only';

/** Which stories to list: at most `limit` (all when absent), those after `after` in the list's order, spiked ones as `spiked` says. */
export interface ArticleListQuery {
  limit?: number;
  after?: ListPosition;
  spiked?: SpikedFilter;
  /** Only the stories this user may know exist (restricted ones of other desks left out); all when absent. */
  viewerId?: string;
}

/** What it takes to open a document: its last snapshot and the log written since. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** The log position of the newest entry, 0 when the log is empty. */
  lastSeq: number;
}

/** One entry of the audit log. */
export interface AuditEvent {
  at: number;
  userId: string | null;
  action: string;
  articleId: string | null;
  detail: Record<string, unknown>;
}

/** A revision to store: the document's whole state at that moment, and who took it, when and why. */
export interface NewRevision {
  articleId: string;
  createdAt: number;
  createdBy: string;
  note: string;
  wordCount: number;
  /** The fingerprint of its readable content. */
  contentHash: string;
  state: Uint8Array;
}

/** A stored revision's facts (its content is read separately: it can be large). */
export interface RevisionRecord {
  articleId: string;
  /** Counts from 1 per story. */
  number: number;
  createdAt: number;
  createdBy: string;
  /** Display name of `createdBy` ('' if that user is gone). */
  createdByName: string;
  note: string;
  wordCount: number;
}

/** A workflow event to record; the store adds the user's name when reading it back. */
export type NewWorkflowEvent = Omit<WorkflowEvent, 'userName'>;

/** A move of a story's workflow state, applied only if the story is still in `from`. */
export interface WorkflowChange {
  from: WorkflowState;
  to: WorkflowState;
  /** With an approval: the approved revision's pictures, indexed for the credits report in the same transaction. */
  approvedPictures?: PictureUse[];
  /** With an approval the editor explicitly gave without some images: those pictures (kept in the audit entry's detail). */
  approvedWithoutImages?: { pictureId: string; position: number; caption: string }[];
  /** With an approval: the version it makes (stored with the approved revision, who and when, and kept on the story's row). */
  approvedVersion?: VersionStamp;
}

/** A spike or restore: applied only if the story is still (not) spiked and its approved revision is still `approvedRevision`. */
export interface SpikeChange {
  spiked: boolean;
  approvedRevision: number | null;
}

/** The user who writes with a Yjs client id in a story. */
export interface ClientAuthor {
  clientId: number;
  userId: string;
}

/** Raised when a unique value (a username) is taken. */
export class DuplicateError extends Error {
  override name = 'DuplicateError';
}

/** A story's document as it is stored: a snapshot, the log of updates after it, and who writes with each Yjs client id. What a room reads and writes. */
export interface DocumentLog {
  /** The snapshot plus every logged update after it. */
  loadDocument(articleId: string): Promise<StoredDocument>;
  /** Durably appends updates to the story's log, in order, all or none; resolves with the last one's position. */
  appendUpdates(articleId: string, updates: Uint8Array[]): Promise<number>;
  /** Replaces the snapshot with `state` and drops log entries up to `uptoSeq`, atomically. */
  compact(articleId: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** Remembers who writes with each client id; an id already known keeps its first user. */
  addClientAuthors(articleId: string, authors: ClientAuthor[]): Promise<void>;
  /** Every known client id of the story and its user, by client id. */
  listClientAuthors(articleId: string): Promise<ClientAuthor[]>;
}

/** Users, their sessions, and the server's own secrets. */
export interface AccountStore {
  addUser(user: NewUser): Promise<User>;
  /** The user whose username equals `username` but for the case of ASCII letters (the same rule as uniqueness). */
  findUserByUsername(username: string): Promise<UserWithSecret | null>;
  getUser(id: string): Promise<User | null>;
  countUsers(): Promise<number>;
  /**
   * Replaces a user's password hash; false when there is no such user, or, with `expected`, when
   * their hash is no longer `expected` (someone set a password meanwhile: one-time setup links).
   */
  setPasswordHash(userId: string, passwordHash: string, expected?: string): Promise<boolean>;

  /** Opens a session and keeps its start as the user's last sign-in. */
  createSession(session: SessionRecord): Promise<void>;
  /** The session, or null; a disabled account's sessions are none, whatever is stored. */
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;
  /** Ends every session of a user but the one stored under `keep`, if given; resolves with how many ended. */
  deleteUserSessions(userId: string, keep?: string): Promise<number>;

  /** Everyone, by username (in code-point order of the folded name), with their desks. */
  listPeople(): Promise<Person[]>;
  /** One person by id, or null. */
  getPerson(id: string): Promise<Person | null>;
  /**
   * Changes an account, all or nothing. Refused (`last-admin`) when it would demote or disable
   * the last active admin, even with another admin changed at the same moment. Disabling ends the
   * account's sessions in the same transaction; unknown desk ids are an error. A change made is
   * audited (`user.change`, naming `by` and each field's before and after) in the same transaction.
   */
  changeAccount(id: string, change: AccountChange, at: number, by: AuditBy): Promise<AccountChangeResult>;

  /**
   * The server secret called `name`: the one already stored, else `candidate`, stored now. Every
   * instance on the store gets the same value, even when several start at once.
   */
  serverSecret(name: string, candidate: string): Promise<string>;
}

/** Stories: their rows and the story list. */
export interface ArticleStore {
  /** Inserts the story unless one with this id exists; says which happened. */
  createArticle(article: { id: string; createdBy: string; createdAt: number; headline: string }): Promise<{ created: boolean; article: ArticleRecord }>;
  /** One story, or null; its texts capped as in the list. */
  getArticle(id: string): Promise<ArticleRecord | null>;
  /**
   * Stories in the list's order (most recently updated first, ties by id), a page at a time:
   * keyset paging, so a story edited meanwhile is never listed twice. Text fields come capped
   * as model/list-caps.ts says (headline, byline, desk, slug, names, the last event's note).
   */
  listArticles(query?: ArticleListQuery): Promise<ArticleRecord[]>;
  /**
   * Stores the story's list entry and the index of the pictures its live draft uses, together.
   * With `approved` (re-deriving a story stored before these facts were kept), the approved
   * revision's pictures are indexed too and its fingerprint kept, if that revision is still the approved one.
   */
  updateArticleSummary(id: string, summary: ArticleSummary, pictures: PictureUse[], approved?: ApprovedFacts): Promise<void>;
  /**
   * The stories whose derived facts are incomplete, oldest first (ties by id): pictures never
   * indexed (stored before pictures existed), no fingerprint of the live draft, or none of the
   * approved revision (stored before fingerprints existed).
   */
  listUnindexedArticles(): Promise<ArticleRecord[]>;
}

/** The newsroom's desks and each story's desk. */
export interface DeskStore {
  /** Every desk, archived ones too, by name (code-point order). */
  listDesks(): Promise<DeskRecord[]>;
  // Each change below is audited, naming `by`, in the change's own transaction: both or neither.
  /** Adds a desk (`desk.add`); DuplicateError when its name is taken regardless of the case of ASCII letters. */
  addDesk(desk: { name: string; createdAt: number }, by: AuditBy): Promise<DeskRecord>;
  /** Renames, archives (`archived` true, at `at`), brings back a desk or sets its limits (`desk.change`); null when there is none; DuplicateError for a taken name. */
  changeDesk(id: string, change: DeskChange, at: number, by: AuditBy): Promise<DeskRecord | null>;
  /** Puts a story on a desk (null: none; `article.desk` with the desk before and after); false when there is no such story. Unknown desk ids are an error. */
  setArticleDesk(articleId: string, deskId: string | null, at: number, by: AuditBy): Promise<boolean>;
  /** Restricts a story or lifts it, names its people (user ids), and writes `audit`, in one transaction; false when there is no such story. */
  setArticleRestriction(articleId: string, restriction: Restriction, at: number, audit: AuditEvent): Promise<boolean>;
  /** Every restricted story. */
  listRestrictedArticles(): Promise<ArticleRecord[]>;
  /** The ids of the people named on a story (kept while it is not restricted). */
  listArticlePeople(articleId: string): Promise<string[]>;
}

/** A story's embargo and legal hold as set: the hold's note, or null for none. */
export interface ReleaseChange {
  embargoUntil: number | null;
  holdNote: string | null;
}

/** Whether stories may be released: embargoes, legal holds, kills (model/release-state.ts). */
export interface ReleaseStore {
  /**
   * Sets a story's embargo and hold with its audit entry (`article.release`, the embargo and the
   * hold's note before and after), in one transaction; a hold kept with the same note keeps who
   * put it on and when. False, with nothing written, when there is no such story or it is killed.
   */
  setRelease(articleId: string, change: ReleaseChange, at: number, by: AuditBy): Promise<boolean>;
  /** Kills a story for good with why (`article.kill`, audited in the same transaction); false when there is no such story or it is killed already. */
  killArticle(articleId: string, note: string, at: number, by: AuditBy): Promise<boolean>;
}

/** Revisions and the workflow that moves a story between them. */
export interface RevisionStore {
  /**
   * Stores a revision under the story's next number (assigned atomically), with its `snapshot`
   * workflow event; revisions are never changed afterwards.
   */
  addRevision(revision: NewRevision): Promise<RevisionRecord>;
  /** The story's revisions, oldest first. */
  listRevisions(articleId: string): Promise<RevisionRecord[]>;
  /** One revision's facts, or null. */
  getRevision(articleId: string, number: number): Promise<RevisionRecord | null>;
  /** One revision's document state (a Yjs update), or null. */
  loadRevisionState(articleId: string, number: number): Promise<Uint8Array | null>;

  /**
   * Records a workflow event (every event also goes to the audit log). With `change`, the story's
   * workflow state moves too, all or nothing: when the story is no longer in `change.from`
   * nothing is recorded and the answer is false. The approved revision's word count and
   * fingerprint are copied to the story's row with the move.
   */
  recordWorkflowEvent(event: NewWorkflowEvent, change?: WorkflowChange): Promise<boolean>;
  /** The story's workflow events, oldest first. */
  listWorkflowEvents(articleId: string): Promise<WorkflowEvent[]>;
  /** The story's approved versions, oldest first: which revision each approved, what it amends, by whom and when. */
  listVersions(articleId: string): Promise<ApprovedVersion[]>;
  /**
   * Spikes or restores the story with its workflow event (`spike` or `unspike`, also audited as
   * `article.spike` / `article.unspike`), all or nothing; false, with nothing recorded, when the
   * story is no longer as `change` expects (someone else spiked, restored or approved it meanwhile).
   */
  setSpiked(event: NewWorkflowEvent, change: SpikeChange): Promise<boolean>;
}

/** Uploaded pictures and the credits index of the pictures stories use. */
export interface PictureStore {
  /** Records an uploaded picture unless one with its hash is there; says which happened and gives the stored one. */
  addPicture(picture: PictureRecord): Promise<{ created: boolean; picture: PictureRecord }>;
  /** One picture's facts, or null. */
  getPicture(hash: string): Promise<PictureRecord | null>;
  /** Every credited picture use in live drafts and approved revisions (of the stories `viewerId` may know exist, when given), story by story in the list's order. */
  listCreditUses(viewerId?: string): Promise<CreditUse[]>;
  /** Who decides whether a picture may be shown: whether a story that is not restricted uses it, and the restricted stories that do. */
  pictureUses(hash: string): Promise<{ openUse: boolean; restricted: ArticleRecord[] }>;
}

/** What became of adding a word to the newsroom dictionary: added, there already (the stored entry either way), or refused because the dictionary is full. */
export type DictionaryAddResult = { kind: 'added' | 'exists'; entry: DictionaryEntry } | { kind: 'full' };

/** The newsroom dictionary (model/dictionary.ts); words come checked. */
export interface DictionaryStore {
  /** Every word, in code-point order. */
  listDictionary(): Promise<DictionaryEntry[]>;
  /** Adds `word` unless it is there or the dictionary holds `max` words already; a word added is audited (`dictionary.add`) in the same transaction. */
  addDictionaryWord(word: string, max: number, at: number, by: AuditBy): Promise<DictionaryAddResult>;
  /** Removes `word` (`dictionary.remove`, audited in the same transaction); false when it was not there. */
  removeDictionaryWord(word: string, at: number, by: AuditBy): Promise<boolean>;
}

/** The audit log. */
export interface AuditLog {
  audit(event: AuditEvent): Promise<void>;
  /** Entries newest first, of one story when asked, at most `limit` (1000 by default). */
  listAudit(filter: { articleId?: string; limit?: number }): Promise<AuditEvent[]>;
}

/** Everything the server keeps, role by role. All calls are async so that any store can implement them. */
export interface Store extends DocumentLog, AccountStore, DeskStore, ArticleStore, RevisionStore, PictureStore, AuditLog, ReleaseStore, DictionaryStore {
  /** How many bytes a story's snapshot and log take (for tests and maintenance; rooms never ask). */
  documentSize(articleId: string): Promise<{ snapshotBytes: number; logBytes: number; logEntries: number }>;
  /** The stories whose log holds at least `minEntries` entries after the snapshot (as a crash leaves it), longest first. */
  listLongLogs(minEntries: number): Promise<string[]>;
  close(): Promise<void>;
}
