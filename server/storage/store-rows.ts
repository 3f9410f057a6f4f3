// Rows to the Store's records, for both stores: their tables and column names are the same, so
// one set of mappers (and the SELECTs that are the same SQL in both dialects) serves both.
import type { WorkflowAction, WorkflowEvent } from '../../model/api-types.ts';
import { capText, LIST_NOTE_MAX, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { isRole } from '../../model/roles.ts';
import type { Status } from '../../model/workflow.ts';
import type { ArticleListQuery, ArticleRecord, ArticleSummary, CreditUse, PictureRecord, RevisionRecord, SessionRecord, User, UserWithSecret } from './store.ts';

/** A row as the database driver returns it (pg's bigints already parsed to numbers by its pool). */
export type Row = Record<string, unknown>;

/** A user row with its password hash; refuses a role this server does not know. */
export const toUser = (row: Row): UserWithSecret => {
  const role = row.role;
  if (!isRole(role)) throw new Error(`user ${String(row.username)} has an unknown role ${String(role)}`);
  return {
    id: row.id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    role,
    createdAt: row.created_at as number,
    passwordHash: row.password_hash as string,
  };
};

/** The user without the password hash. */
export const withoutSecret = ({ passwordHash: _secret, ...user }: UserWithSecret): User => user;

/** A session row. */
export const toSession = (row: Row): SessionRecord => ({
  tokenHash: row.token_hash as string,
  userId: row.user_id as string,
  createdAt: row.created_at as number,
  expiresAt: row.expires_at as number,
});

/** A workflow event row joined with its user's name; `prefix` picks the columns of a joined event. */
export const toEvent = (row: Row, prefix = ''): WorkflowEvent => ({
  articleId: row[`${prefix}article_id`] as string,
  revision: (row[`${prefix}revision`] as number | null) ?? null,
  action: row[`${prefix}action`] as WorkflowAction,
  userId: row[`${prefix}user_id`] as string,
  userName: (row[`${prefix}user_name`] as string | null) ?? '',
  note: row[`${prefix}note`] as string,
  at: row[`${prefix}at`] as number,
});

/** A revision row without its state. */
export const toRevision = (row: Row): RevisionRecord => ({
  articleId: row.article_id as string,
  number: row.number as number,
  createdAt: row.created_at as number,
  createdBy: row.created_by as string,
  createdByName: (row.created_by_name as string | null) ?? '',
  note: row.note as string,
  wordCount: row.word_count as number,
});

const text = (value: unknown) => capText(value as string, LIST_TEXT_MAX);

/** A summary as both stores keep it: its texts capped (model/list-caps.ts), whoever wrote it. */
export const cappedSummary = (summary: ArticleSummary): ArticleSummary => ({
  ...summary,
  headline: text(summary.headline),
  byline: text(summary.byline),
  desk: text(summary.desk),
  slug: text(summary.slug),
});

/** A new story's first headline as both stores keep it, capped. */
export const cappedHeadline = (headline: string): string => text(headline);

/** A row of ARTICLE_COLUMNS, its texts capped (model/list-caps.ts). */
export const toArticle = (row: Row): ArticleRecord => ({
  id: row.id as string,
  createdAt: row.created_at as number,
  createdBy: row.created_by as string,
  updatedAt: row.updated_at as number,
  updatedBy: (row.updated_by as string | null) ?? null,
  updatedByName: row.updated_by_name === null ? null : text(row.updated_by_name),
  headline: text(row.headline),
  byline: text(row.byline),
  desk: text(row.desk),
  slug: text(row.slug),
  wordCount: row.word_count as number,
  pictureCount: row.picture_count as number,
  picturesMissingCredit: row.pictures_missing_credit as number,
  status: row.status as Status,
  submittedRevision: (row.submitted_revision as number | null) ?? null,
  approvedRevision: (row.approved_revision as number | null) ?? null,
  lastEvent:
    row.event_action === null
      ? null
      : { ...toEvent(row, 'event_'), userName: text(row.event_user_name ?? ''), note: capText(row.event_note as string, LIST_NOTE_MAX) },
  approvedWordCount: row.approved_revision === null ? null : ((row.approved_word_count as number | null) ?? null),
  changedSinceApproval: changedSinceApproval(row),
  sentBack:
    row.review_action === 'reject'
      ? {
          revision: row.review_revision as number,
          note: capText(row.review_note as string, LIST_NOTE_MAX),
          byName: text(row.review_user_name ?? ''),
          at: row.review_at as number,
          authorId: (row.review_author as string | null) ?? '',
        }
      : null,
  spiked: row.spiked_at !== null && row.spiked_at !== undefined,
});

// Both fingerprints known and different; an approved revision stored before fingerprints has
// none until the server derives it at start, and reads as unchanged meanwhile.
const changedSinceApproval = (row: Row): boolean =>
  row.approved_revision !== null && typeof row.content_hash === 'string' && typeof row.approved_content_hash === 'string' && row.content_hash !== row.approved_content_hash;

// A text column cut in SQL to one character past its cap (substr counts characters in SQLite and
// Postgres alike), so that a huge value never leaves the database; toArticle caps the rest. The
// stores keep list texts capped already; names, notes, and rows an older instance wrote are not.
const cut = (column: string, max: number, as: string) => `substr(${column}, 1, ${max + 1}) AS ${as}`;

/**
 * The columns of a story row (`a`) with the name of whoever changed it last (`u`), its latest
 * workflow event (`e`, by `eu`) and its latest review step (`rv`: submit, approve or reject; see
 * SENT_BACK_JOINS), for both stores' story SELECTs.
 */
export const ARTICLE_COLUMNS = `
  a.id, a.created_at, a.created_by, a.updated_at, a.updated_by, a.word_count, a.picture_count, a.pictures_missing_credit,
  a.status, a.submitted_revision, a.approved_revision, a.approved_word_count, a.content_hash, a.approved_content_hash, a.spiked_at,
  rv.action AS review_action, rv.revision AS review_revision, rv.at AS review_at, ${cut('rv.note', LIST_NOTE_MAX, 'review_note')},
  ${cut('rvu.display_name', LIST_TEXT_MAX, 'review_user_name')}, rr.created_by AS review_author,
  ${cut('a.headline', LIST_TEXT_MAX, 'headline')}, ${cut('a.byline', LIST_TEXT_MAX, 'byline')},
  ${cut('a.desk', LIST_TEXT_MAX, 'desk')}, ${cut('a.slug', LIST_TEXT_MAX, 'slug')}, ${cut('u.display_name', LIST_TEXT_MAX, 'updated_by_name')},
  e.article_id AS event_article_id, e.revision AS event_revision, e.action AS event_action, e.user_id AS event_user_id,
  ${cut('eu.display_name', LIST_TEXT_MAX, 'event_user_name')}, ${cut('e.note', LIST_NOTE_MAX, 'event_note')}, e.at AS event_at`;

/**
 * What a send-back needs besides the latest review step `rv` (joined by each store in its own
 * dialect): the editor's name, and who saved the revision sent back. Only a send-back joins them.
 */
export const SENT_BACK_JOINS = `
  LEFT JOIN users rvu ON rv.action = 'reject' AND rvu.id = rv.user_id
  LEFT JOIN revisions rr ON rv.action = 'reject' AND rr.article_id = rv.article_id AND rr.number = rv.revision`;

/** The workflow actions that are review steps: a story's latest one tells whether it was sent back. */
export const REVIEW_ACTIONS_SQL = "('submit', 'approve', 'reject')";

/**
 * The WHERE, ORDER BY and LIMIT of a page of the story list (keyset paging on updated_at, id),
 * with its values. `param(n)` writes the n-th placeholder (1-based); `id` is the id column with the
 * collation that orders by code point (Postgres needs "C" for the same order as SQLite).
 */
export function articlePageSql(query: ArticleListQuery, param: (n: number) => string, id: string): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const next = (value: unknown) => {
    values.push(value);
    return param(values.length);
  };
  const conditions: string[] = [];
  // The first comparison lets the index on updated_at bound the scan; the second breaks ties.
  if (query.after) {
    conditions.push(`a.updated_at <= ${next(query.after.updatedAt)} AND (a.updated_at < ${next(query.after.updatedAt)} OR ${id} > ${next(query.after.id)})`);
  }
  if (query.spiked === 'exclude') conditions.push('a.spiked_at IS NULL');
  if (query.spiked === 'only') conditions.push('a.spiked_at IS NOT NULL');
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = query.limit === undefined ? '' : `LIMIT ${next(query.limit)}`;
  return { sql: `${where} ORDER BY a.updated_at DESC, ${id} ${limit}`, values };
}

/** A picture row. */
export const toPicture = (row: Row): PictureRecord => ({
  hash: row.hash as string,
  mimeType: row.mime_type as string,
  width: row.width as number,
  height: row.height as number,
  bytes: row.bytes as number,
  credit: row.credit as string,
  copyright: row.copyright as string,
  previewHash: row.preview_hash as string,
  uploadedBy: row.uploaded_by as string,
  uploadedAt: row.uploaded_at as number,
});

/** A story_pictures row joined with its story. */
export const toCreditUse = (row: Row): CreditUse => ({
  version: row.version as CreditUse['version'],
  articleId: row.article_id as string,
  headline: row.headline as string,
  status: row.status as Status,
  pictureId: row.picture_id as string,
  hash: row.hash as string,
  caption: row.caption as string,
  credit: row.credit as string,
});

/** Revision facts with the author's name, without the (large) state. */
export const REVISION_SELECT = `
  SELECT r.article_id, r.number, r.created_at, r.created_by, r.note, r.word_count, u.display_name AS created_by_name
  FROM revisions r LEFT JOIN users u ON u.id = r.created_by`;

/** The audit log's name for a workflow event's action: `revision.submit`, …; spiking is the story's, `article.spike`. */
export const auditActionOf = (action: WorkflowAction): string => (action === 'spike' || action === 'unspike' ? `article.${action}` : `revision.${action}`);

/** Workflow events with their user's name. */
export const EVENT_SELECT = 'SELECT e.*, u.display_name AS user_name FROM workflow_events e LEFT JOIN users u ON u.id = e.user_id';
