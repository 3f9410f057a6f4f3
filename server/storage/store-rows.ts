// Rows to the Store's records, for both stores: their tables and column names are the same, so
// one set of mappers serves both (the statements that read them are in sql-statements.ts).
import { isAmendmentKind, type Amendment, type AmendmentKind } from '../../model/amendments.ts';
import type { ApprovedVersion, WorkflowAction, WorkflowEvent } from '../../model/api-types.ts';
import { MAX_ASSIGNEES } from '../../model/article-limits.ts';
import type { DictionaryEntry } from '../../model/dictionary.ts';
import { capText, LIST_NOTE_MAX, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { isUsername } from '../../model/people-types.ts';
import { RELEASE_NOTE_MAX, type ReleaseMark } from '../../model/release-state.ts';
import { isRole } from '../../model/roles.ts';
import type { Status } from '../../model/workflow.ts';
import type {
  ArticleRecord,
  ArticleSummary,
  AuditEvent,
  ClientAuthor,
  CreditUse,
  DeskRecord,
  Person,
  PictureRecord,
  RevisionRecord,
  SessionRecord,
  User,
  UserWithSecret,
} from './store.ts';

/** A row as the database driver returns it (pg's bigints already parsed to numbers by its pool). */
export type Row = Record<string, unknown>;

/**
 * A row under its fields' names (`mime_type` as `mimeType`), for the records whose fields are
 * exactly the columns their statement selects (sql-statements.ts names each one).
 */
const camelCased = <T>(row: Row): T => {
  const record: Row = {};
  for (const [column, value] of Object.entries(row)) record[column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())] = value;
  return record as T;
};

// Refuses a role this server does not know.
const checkedRole = (row: Row): Row => {
  if (!isRole(row.role)) throw new Error(`user ${String(row.username)} has an unknown role ${String(row.role)}`);
  return row;
};

/** A user row with its password hash and whether it is disabled (SQLite says 0 or 1); refuses a role this server does not know. */
export const toUser = (row: Row): UserWithSecret => ({ ...camelCased<UserWithSecret>(checkedRole(row)), disabled: Boolean(row.disabled) });

/** The user without the password hash and the sign-in facts. */
export const withoutSecret = ({ passwordHash: _secret, disabled: _disabled, ...user }: UserWithSecret): User => user;

/** A users row of PERSON_SELECT with the ids of their desks. */
export const toPerson = (row: Row, desks: string[]): Person => ({ ...camelCased<Omit<Person, 'desks'>>(checkedRole(row)), desks });

/** What an account change changed, each field as [before, after], for its audit entry. */
export function accountDifferences(before: Person, after: Person): Record<string, [unknown, unknown]> {
  const changed: Record<string, [unknown, unknown]> = {};
  if (before.role !== after.role) changed.role = [before.role, after.role];
  if (before.displayName !== after.displayName) changed.displayName = [before.displayName, after.displayName];
  if (before.desks.join() !== after.desks.join()) changed.desks = [before.desks, after.desks];
  if ((before.disabledAt === null) !== (after.disabledAt === null)) changed.disabled = [before.disabledAt !== null, after.disabledAt !== null];
  return changed;
}

/** A desks row. */
export const toDesk = ({ limit_headline_chars, limit_body_words, ...row }: Row): DeskRecord => ({
  ...camelCased<Omit<DeskRecord, 'limits'>>(row),
  limits: { headlineChars: (limit_headline_chars as number | null) ?? null, bodyWords: (limit_body_words as number | null) ?? null },
});

/** A dictionary_words row joined with its adder's display name. */
export const toDictionaryEntry = (row: Row): DictionaryEntry => ({
  word: row.word as string,
  addedBy: (row.added_by_name as string | null) ?? null,
  addedAt: row.added_at as number,
});

/** A session row. */
export const toSession = (row: Row): SessionRecord => camelCased<SessionRecord>(row);

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
export const toRevision = (row: Row): RevisionRecord => ({ ...camelCased<RevisionRecord>(row), createdByName: (row.created_by_name as string | null) ?? '' });

const text = (value: unknown) => capText(value as string, LIST_TEXT_MAX);

/** Usernames, each once, at most MAX_ASSIGNEES: what a list entry's assignees may be, whoever wrote them. */
const listedAssignees = (names: unknown[]): string[] =>
  [...new Set(names.filter((name): name is string => typeof name === 'string' && isUsername(name)))].slice(0, MAX_ASSIGNEES);

// The assignees column (a JSON array); what is not one (cut in SQL past its cap, written by hand) lists nobody.
function parseAssignees(value: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(value as string);
    return Array.isArray(parsed) ? listedAssignees(parsed) : [];
  } catch {
    return [];
  }
}

/** A summary as both stores keep it: its texts capped (model/list-caps.ts), its assignees usernames, whoever wrote it. */
export const cappedSummary = (summary: ArticleSummary): ArticleSummary => ({
  ...summary,
  assignees: listedAssignees(summary.assignees),
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
  assignees: parseAssignees(row.assignees),
  deadline: (row.deadline as number | null) ?? null,
  targetWords: (row.target_words as number | null) ?? null,
  urgency: (row.urgency as number | null) ?? null,
  embargoUntil: (row.embargo_until as number | null) ?? null,
  hold: releaseMark(row, 'hold'),
  killed: releaseMark(row, 'killed'),
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
  deskId: (row.desk_id as string | null) ?? null,
  restricted: row.restricted_at !== null && row.restricted_at !== undefined,
  people: typeof row.people_names === 'string' ? row.people_names.split(',').sort() : [],
  version: (row.version as number | null) ?? null,
  amendment: toAmendment(row, 'amendment_'),
  reopened: isAmendmentKind(row.reopened_as) ? { kind: row.reopened_as, note: capText((row.reopened_note as string | null) ?? '', LIST_NOTE_MAX) } : null,
});

// The amendment columns `prefix`kind, number and note; null without a kind (an original version, or an unknown kind).
const toAmendment = (row: Row, prefix: string): Amendment | null =>
  isAmendmentKind(row[`${prefix}kind`])
    ? { kind: row[`${prefix}kind`] as AmendmentKind, number: row[`${prefix}number`] as number, note: capText((row[`${prefix}note`] as string | null) ?? '', LIST_NOTE_MAX) }
    : null;

/** An article_versions row joined with its approver's name. */
export const toVersion = (row: Row): ApprovedVersion => ({
  version: row.version as number,
  revision: row.revision as number,
  amendment: toAmendment(row, 'amendment_'),
  at: row.approved_at as number,
  userId: row.approved_by as string,
  userName: (row.user_name as string | null) ?? '',
});

// A hold or kill (`prefix` hold or killed) as the row has it, or null while there is none.
function releaseMark(row: Row, prefix: 'hold' | 'killed'): ReleaseMark | null {
  const at = row[`${prefix}_at`] as number | null | undefined;
  if (at === null || at === undefined) return null;
  return { note: capText((row[`${prefix}_note`] as string | null) ?? '', RELEASE_NOTE_MAX), byName: text(row[`${prefix}_by_name`] ?? ''), at };
}

// Both fingerprints known and different; an approved revision stored before fingerprints has
// none until the server derives it at start, and reads as unchanged meanwhile.
const changedSinceApproval = (row: Row): boolean =>
  row.approved_revision !== null && typeof row.content_hash === 'string' && typeof row.approved_content_hash === 'string' && row.content_hash !== row.approved_content_hash;

/** A picture row. */
export const toPicture = (row: Row): PictureRecord => camelCased<PictureRecord>(row);

/** A story_pictures row joined with its story. */
export const toCreditUse = (row: Row): CreditUse => camelCased<CreditUse>(row);

/** The audit log's name for a workflow event's action: `revision.submit`, …; spiking and reopening are the story's, `article.spike`, `article.reopen`. */
export const auditActionOf = (action: WorkflowAction): string =>
  action === 'spike' || action === 'unspike' || action === 'reopen' ? `article.${action}` : `revision.${action}`;

/**
 * A copy with its own exact-size buffer of a blob or bytea value: not a Buffer over the driver's
 * pooled memory, and (SQLite) what crosses to the main thread by structured clone is just its bytes.
 */
export const bytes = (value: unknown): Uint8Array => new Uint8Array(value as Buffer);

/** An article_clients row. */
export const toClientAuthor = (row: Row): ClientAuthor => camelCased<ClientAuthor>(row);

/** An audit row, its detail read by `readJson` (SQLite keeps JSON text, Postgres jsonb). */
export const toAuditEvent = (row: Row, readJson: (value: unknown) => Record<string, unknown>): AuditEvent => ({
  at: row.at as number,
  userId: (row.user_id as string | null) ?? null,
  action: row.action as string,
  articleId: (row.article_id as string | null) ?? null,
  detail: readJson(row.detail),
});
