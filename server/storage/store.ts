// The storage interface the server is written against. SQLite implements it today; a
// Postgres store can implement it later without touching rooms, auth or the HTTP API.
import type { Role } from '../../model/roles.ts';
import type { Status } from '../../model/workflow.ts';

/** A user as the rest of the server sees it (never with the password hash). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  createdAt: number;
}

/** A user row with the password hash, for sign-in only. */
export interface UserWithSecret extends User {
  passwordHash: string;
}

/** A stored session: the token itself is never stored, only its hash. */
export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** Derived, denormalised facts about a story for the story list (kept fresh from the document). */
export interface ArticleSummary {
  headline: string;
  byline: string;
  desk: string;
  slug: string;
  wordCount: number;
  updatedAt: number;
  updatedBy: string | null;
}

/** A story's row: identity, summary and workflow state. */
export interface ArticleRecord extends ArticleSummary {
  id: string;
  /** Display name of `updatedBy`, for the story list. */
  updatedByName: string | null;
  createdAt: number;
  createdBy: string;
  status: Status;
  submittedRevision: number | null;
  approvedRevision: number | null;
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

/** Raised when a unique value (a username) is taken. */
export class DuplicateError extends Error {
  override name = 'DuplicateError';
}

/** Everything the server keeps. All calls are async so that any store can implement them. */
export interface Store {
  addUser(user: Omit<UserWithSecret, 'id' | 'createdAt'> & { id?: string }): Promise<User>;
  findUserByUsername(username: string): Promise<UserWithSecret | null>;
  getUser(id: string): Promise<User | null>;
  countUsers(): Promise<number>;

  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<number>;

  /** Inserts the story unless one with this id exists; says which happened. */
  createArticle(article: { id: string; createdBy: string; createdAt: number; headline: string }): Promise<{ created: boolean; article: ArticleRecord }>;
  getArticle(id: string): Promise<ArticleRecord | null>;
  listArticles(): Promise<ArticleRecord[]>;
  updateArticleSummary(id: string, summary: ArticleSummary): Promise<void>;

  /** The snapshot plus every logged update after it. */
  loadDocument(articleId: string): Promise<StoredDocument>;
  /** Durably appends updates to the story's log, in order, all or none; resolves with the last one's position. */
  appendUpdates(articleId: string, updates: Uint8Array[]): Promise<number>;
  /** Replaces the snapshot with `state` and drops log entries up to `uptoSeq`, atomically. */
  compact(articleId: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** How many bytes the story's snapshot and log take. */
  documentSize(articleId: string): Promise<{ snapshotBytes: number; logBytes: number; logEntries: number }>;

  audit(event: AuditEvent): Promise<void>;
  listAudit(filter: { articleId?: string; limit?: number }): Promise<AuditEvent[]>;

  close(): Promise<void>;
}
