// What differs between the two engines under the shared SQL: collation, case-folding, JSON,
// the latest-row join, row locks, unique-key errors, and the log append (positions are handed out
// differently: see postgres-dialect.ts). Everything else is one text in sql-statements.ts.
import type { SqlSession } from './sql-session.ts';

/** The names that are unique regardless of the case of ASCII letters. */
export type UniqueName = 'username' | 'desk name';

/** One engine's part of the SQL. */
export interface Dialect {
  /** `column` compared and ordered by code point (SQLite's BINARY; Postgres needs "C"). */
  byCodePoint(column: string): string;
  /** A condition: the users row's username equals the parameter `:username` but for the case of ASCII letters. */
  usernameIs: string;
  /** The placeholder of a JSON parameter `:name`. */
  json(name: string): string;
  /** A JSON column's value as read back. */
  readJson(value: unknown): Record<string, unknown>;
  /** The aggregate of `expr`'s values joined by commas (in no particular order), null over no rows. */
  commaList(expr: string): string;
  /** A LEFT JOIN of `alias`: the newest workflow event of the story `a` (among those `where` allows, when given). */
  latestEvent(alias: string, where?: string): string;
  /** A statement that holds the story `:articleId` until commit against other writers, or null where writers take turns anyway. */
  lockArticle: string | null;
  /** A statement that holds the active admins' rows until commit against other writers, or null where writers take turns anyway. */
  lockAdmins: string | null;
  /** Whether `error` is the unique index of usernames or of desk names refusing a duplicate. */
  isDuplicate(error: unknown, of: UniqueName): boolean;
  /** Appends `updates` to the story's log inside `tx`, in order; resolves with the last one's position. */
  appendUpdates(tx: SqlSession, articleId: string, updates: Uint8Array[]): Promise<number>;
}
