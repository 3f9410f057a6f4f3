// The SQLite engine behind the embedded store: synchronous better-sqlite3 calls, run inside
// the store's worker thread so that disk syncs never block the server's event loop.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowEvent } from '../../model/api-types.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import {
  ARTICLE_COLUMNS,
  articlePageSql,
  auditActionOf,
  cappedHeadline,
  cappedSummary,
  EVENT_SELECT,
  REVIEW_ACTIONS_SQL,
  REVISION_SELECT,
  SENT_BACK_JOINS,
  toArticle,
  toCreditUse,
  toEvent,
  toPicture,
  toRevision,
  toUser,
  withoutSecret,
  type Row,
} from './store-rows.ts';
import {
  DuplicateError,
  type ApprovedFacts,
  type ArticleListQuery,
  type ArticleRecord,
  type ArticleSummary,
  type AuditEvent,
  type ClientAuthor,
  type CreditUse,
  type NewRevision,
  type NewWorkflowEvent,
  type PictureRecord,
  type PictureUse,
  type RevisionRecord,
  type SessionRecord,
  type SpikeChange,
  type StoredDocument,
  type User,
  type UserWithSecret,
  type WorkflowChange,
} from './store.ts';

/** The database file inside a data dir. */
export const databasePath = (dataDir: string) => join(dataDir, 'newsroom.sqlite');

// A story row with the display name of whoever changed it last, its latest workflow event and
// its latest review step (the index on workflow_events(article_id, id), and its partial twin over
// review steps, make each a lookup per story).
const ARTICLE_SELECT = `
  SELECT ${ARTICLE_COLUMNS}
  FROM articles a
  LEFT JOIN users u ON u.id = a.updated_by
  LEFT JOIN workflow_events e ON e.id = (SELECT max(id) FROM workflow_events WHERE article_id = a.id)
  LEFT JOIN users eu ON eu.id = e.user_id
  LEFT JOIN workflow_events rv ON rv.id = (SELECT max(id) FROM workflow_events WHERE article_id = a.id AND action IN ${REVIEW_ACTIONS_SQL})
  ${SENT_BACK_JOINS}`;

// A copy with its own exact-size buffer: the result crosses to the main thread by structured
// clone, which would otherwise copy a whole pooled ArrayBuffer behind a small view.
const bytes = (value: unknown) => new Uint8Array(value as Buffer);

/** Synchronous SQLite access with the same operations as the async Store. */
export class SqliteDatabase {
  private readonly db: Database.Database;

  /** Opens (creating and migrating as needed) the database in `dataDir`. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(databasePath(dataDir));
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it returns, so "saved" survives a power cut, not just a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SQLITE_MIGRATIONS.length) {
      throw new Error(`the data dir was written by a newer Newsroom (schema ${current}); upgrade before opening it`);
    }
    for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
      this.db.transaction(() => {
        this.db.exec(SQLITE_MIGRATIONS[version]);
        this.db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  /** Runs `work` inside one transaction (a savepoint when nested): all of it or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  addUser(user: Omit<UserWithSecret, 'id' | 'createdAt'> & { id: string; createdAt: number }): User {
    try {
      this.db
        .prepare('INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(user.id, user.username, user.displayName, user.role, user.passwordHash, user.createdAt);
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new DuplicateError(`the username ${user.username} is taken`);
      }
      throw error;
    }
    return withoutSecret({ ...user });
  }

  findUserByUsername(username: string): UserWithSecret | null {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as Row | undefined;
    return row ? toUser(row) : null;
  }

  getUser(id: string): User | null {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
    return row ? withoutSecret(toUser(row)) : null;
  }

  countUsers(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  setPasswordHash(userId: string, passwordHash: string): boolean {
    return this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId).changes > 0;
  }

  createSession(session: SessionRecord): void {
    this.db
      .prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(session.tokenHash, session.userId, session.createdAt, session.expiresAt);
  }

  findSession(tokenHash: string): SessionRecord | null {
    const row = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    if (!row) return null;
    return {
      tokenHash: row.token_hash as string,
      userId: row.user_id as string,
      createdAt: row.created_at as number,
      expiresAt: row.expires_at as number,
    };
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  deleteExpiredSessions(now: number): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  deleteUserSessions(userId: string): number {
    return this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  serverSecret(name: string, candidate: string): string {
    this.db.prepare('INSERT OR IGNORE INTO server_secrets (name, value, created_at) VALUES (?, ?, ?)').run(name, candidate, Date.now());
    return (this.db.prepare('SELECT value FROM server_secrets WHERE name = ?').get(name) as { value: string }).value;
  }

  createArticle(article: { id: string; createdBy: string; createdAt: number; headline: string }): { created: boolean; article: ArticleRecord } {
    const inserted = this.db
      .prepare(
        'INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
      )
      .run(article.id, article.createdAt, article.createdBy, article.createdAt, article.createdBy, cappedHeadline(article.headline));
    const stored = this.getArticle(article.id);
    if (!stored) throw new Error(`article ${article.id} vanished while being created`);
    return { created: inserted.changes === 1, article: stored };
  }

  getArticle(id: string): ArticleRecord | null {
    const row = this.db.prepare(`${ARTICLE_SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
    return row ? toArticle(row) : null;
  }

  listArticles(query: ArticleListQuery = {}): ArticleRecord[] {
    const page = articlePageSql(query, () => '?', 'a.id');
    return (this.db.prepare(`${ARTICLE_SELECT} ${page.sql}`).all(...page.values) as Row[]).map(toArticle);
  }

  updateArticleSummary(id: string, given: ArticleSummary, pictures: PictureUse[], approved?: ApprovedFacts): void {
    const summary = cappedSummary(given);
    this.transaction(() => {
      const updated = this.db
        .prepare(
          `UPDATE articles SET headline = ?, byline = ?, desk = ?, slug = ?, word_count = ?, picture_count = ?, pictures_missing_credit = ?,
             content_hash = ?, updated_at = ?, updated_by = ?, pictures_indexed = 1 WHERE id = ?`,
        )
        .run(
          summary.headline,
          summary.byline,
          summary.desk,
          summary.slug,
          summary.wordCount,
          summary.pictureCount,
          summary.picturesMissingCredit,
          summary.contentHash,
          summary.updatedAt,
          summary.updatedBy,
          id,
        );
      if (updated.changes === 0) return; // no such story: nothing to index either
      this.indexPictures(id, 'draft', pictures);
      if (approved) {
        const kept = this.db.prepare('UPDATE articles SET approved_content_hash = ? WHERE id = ? AND approved_revision = ?').run(approved.contentHash, id, approved.revision);
        if (kept.changes === 1) this.indexPictures(id, 'approved', approved.pictures);
      }
    });
  }

  // Replaces the index of one version's pictures of a story.
  private indexPictures(articleId: string, version: CreditUse['version'], pictures: PictureUse[]): void {
    this.db.prepare('DELETE FROM story_pictures WHERE article_id = ? AND version = ?').run(articleId, version);
    const insert = this.db.prepare(
      'INSERT INTO story_pictures (article_id, version, position, picture_id, hash, caption, credit) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    pictures.forEach((p, position) => insert.run(articleId, version, position, p.pictureId, p.hash, p.caption, p.credit));
  }

  listUnindexedArticles(): ArticleRecord[] {
    const unindexed = 'a.pictures_indexed = 0 OR a.content_hash IS NULL OR (a.approved_revision IS NOT NULL AND a.approved_content_hash IS NULL)';
    return (this.db.prepare(`${ARTICLE_SELECT} WHERE ${unindexed} ORDER BY a.created_at`).all() as Row[]).map(toArticle);
  }

  loadDocument(articleId: string): StoredDocument {
    const snapshot = this.db.prepare('SELECT data, upto_seq FROM article_snapshots WHERE article_id = ?').get(articleId) as
      | { data: Buffer; upto_seq: number }
      | undefined;
    const rows = this.db
      .prepare('SELECT seq, data FROM article_updates WHERE article_id = ? AND seq > ? ORDER BY seq')
      .all(articleId, snapshot?.upto_seq ?? 0) as { seq: number; data: Buffer }[];
    return {
      snapshot: snapshot ? bytes(snapshot.data) : null,
      updates: rows.map((r) => bytes(r.data)),
      lastSeq: rows.length > 0 ? rows[rows.length - 1].seq : (snapshot?.upto_seq ?? 0),
    };
  }

  appendUpdates(articleId: string, updates: Uint8Array[]): number {
    const insert = this.db.prepare('INSERT INTO article_updates (article_id, data) VALUES (?, ?)');
    return this.transaction(() => updates.reduce((_, update) => Number(insert.run(articleId, update).lastInsertRowid), 0));
  }

  compact(articleId: string, state: Uint8Array, uptoSeq: number): void {
    this.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO article_snapshots (article_id, data, upto_seq, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(article_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, created_at = excluded.created_at
           WHERE excluded.upto_seq >= article_snapshots.upto_seq`,
        )
        .run(articleId, state, uptoSeq, Date.now());
      this.db.prepare('DELETE FROM article_updates WHERE article_id = ? AND seq <= ?').run(articleId, uptoSeq);
    });
  }

  documentSize(articleId: string): { snapshotBytes: number; logBytes: number; logEntries: number } {
    const snapshot = this.db.prepare('SELECT length(data) AS n FROM article_snapshots WHERE article_id = ?').get(articleId) as
      | { n: number }
      | undefined;
    const log = this.db
      .prepare('SELECT coalesce(sum(length(data)), 0) AS n, count(*) AS c FROM article_updates WHERE article_id = ?')
      .get(articleId) as { n: number; c: number };
    return { snapshotBytes: snapshot?.n ?? 0, logBytes: log.n, logEntries: log.c };
  }

  addRevision(revision: NewRevision): RevisionRecord {
    return this.transaction(() => this.insertRevision(revision));
  }

  // The next number is read and taken in one statement, the event written in the same transaction.
  private insertRevision(revision: NewRevision): RevisionRecord {
    const { number } = this.db
      .prepare(
        `INSERT INTO revisions (article_id, number, created_at, created_by, note, word_count, content_hash, state)
         SELECT ?, coalesce(max(number), 0) + 1, ?, ?, ?, ?, ?, ? FROM revisions WHERE article_id = ?
         RETURNING number`,
      )
      .get(revision.articleId, revision.createdAt, revision.createdBy, revision.note, revision.wordCount, revision.contentHash, revision.state, revision.articleId) as {
      number: number;
    };
    this.insertWorkflowEvent(
      { articleId: revision.articleId, revision: number, action: 'snapshot', userId: revision.createdBy, note: revision.note, at: revision.createdAt },
      { wordCount: revision.wordCount },
    );
    return this.getRevision(revision.articleId, number)!;
  }

  listRevisions(articleId: string): RevisionRecord[] {
    return (this.db.prepare(`${REVISION_SELECT} WHERE r.article_id = ? ORDER BY r.number`).all(articleId) as Row[]).map(toRevision);
  }

  getRevision(articleId: string, number: number): RevisionRecord | null {
    const row = this.db.prepare(`${REVISION_SELECT} WHERE r.article_id = ? AND r.number = ?`).get(articleId, number) as Row | undefined;
    return row ? toRevision(row) : null;
  }

  loadRevisionState(articleId: string, number: number): Uint8Array | null {
    const row = this.db.prepare('SELECT state FROM revisions WHERE article_id = ? AND number = ?').get(articleId, number) as
      | { state: Buffer }
      | undefined;
    return row ? bytes(row.state) : null;
  }

  recordWorkflowEvent(event: NewWorkflowEvent, change?: WorkflowChange): boolean {
    return this.transaction(() => this.moveAndRecord(event, change));
  }

  private moveAndRecord(event: NewWorkflowEvent, change?: WorkflowChange): boolean {
    if (change) {
      const { from, to } = change;
      // Compare-and-set: a concurrent transition that got here first makes this one a no-op.
      const moved = this.db
        .prepare(
          `UPDATE articles SET status = ?, submitted_revision = ?, approved_revision = ?
           WHERE id = ? AND status = ? AND submitted_revision IS ? AND approved_revision IS ?`,
        )
        .run(to.status, to.submittedRevision, to.approvedRevision, event.articleId, from.status, from.submittedRevision, from.approvedRevision);
      if (moved.changes === 0) return false;
      // The approved revision's facts travel with the story's row: its list entry reads them without touching the revision.
      this.db
        .prepare(
          `UPDATE articles SET (approved_word_count, approved_content_hash) =
             (SELECT word_count, content_hash FROM revisions WHERE article_id = ? AND number = ?) WHERE id = ?`,
        )
        .run(event.articleId, to.approvedRevision, event.articleId);
      if (change.approvedPictures) this.indexPictures(event.articleId, 'approved', change.approvedPictures);
    }
    const { approvedPictures: _indexed, ...move } = change ?? {};
    this.insertWorkflowEvent(event, move);
    return true;
  }

  // Every workflow event is audited too, in the same transaction.
  private insertWorkflowEvent(event: NewWorkflowEvent, auditDetail: Record<string, unknown>): void {
    this.db
      .prepare('INSERT INTO workflow_events (article_id, revision, action, user_id, note, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(event.articleId, event.revision, event.action, event.userId, event.note, event.at);
    this.audit({
      at: event.at,
      userId: event.userId,
      action: auditActionOf(event.action),
      articleId: event.articleId,
      detail: { revision: event.revision, note: event.note, ...auditDetail },
    });
  }

  setSpiked(event: NewWorkflowEvent, change: SpikeChange): boolean {
    return this.transaction(() => {
      // Compare-and-set, as workflow moves are: a spike, restore or approval that got here first makes this one a no-op.
      const moved = this.db
        .prepare('UPDATE articles SET spiked_at = ? WHERE id = ? AND (spiked_at IS NULL) = ? AND approved_revision IS ?')
        .run(change.spiked ? event.at : null, event.articleId, change.spiked ? 1 : 0, change.approvedRevision);
      if (moved.changes === 0) return false;
      this.insertWorkflowEvent(event, { spiked: change.spiked });
      return true;
    });
  }

  listWorkflowEvents(articleId: string): WorkflowEvent[] {
    return (this.db.prepare(`${EVENT_SELECT} WHERE e.article_id = ? ORDER BY e.id`).all(articleId) as Row[]).map((row) => toEvent(row));
  }

  addClientAuthors(articleId: string, authors: ClientAuthor[]): void {
    const insert = this.db.prepare('INSERT INTO article_clients (article_id, client_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    this.transaction(() => authors.forEach(({ clientId, userId }) => insert.run(articleId, clientId, userId)));
  }

  listClientAuthors(articleId: string): ClientAuthor[] {
    return (this.db.prepare('SELECT client_id, user_id FROM article_clients WHERE article_id = ?').all(articleId) as Row[]).map((row) => ({
      clientId: row.client_id as number,
      userId: row.user_id as string,
    }));
  }

  addPicture(picture: PictureRecord): { created: boolean; picture: PictureRecord } {
    const inserted = this.db
      .prepare(
        `INSERT INTO pictures (hash, mime_type, width, height, bytes, credit, copyright, preview_hash, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(hash) DO NOTHING`,
      )
      .run(
        picture.hash,
        picture.mimeType,
        picture.width,
        picture.height,
        picture.bytes,
        picture.credit,
        picture.copyright,
        picture.previewHash,
        picture.uploadedBy,
        picture.uploadedAt,
      );
    return { created: inserted.changes === 1, picture: this.getPicture(picture.hash)! };
  }

  getPicture(hash: string): PictureRecord | null {
    const row = this.db.prepare('SELECT * FROM pictures WHERE hash = ?').get(hash) as Row | undefined;
    return row ? toPicture(row) : null;
  }

  listCreditUses(): CreditUse[] {
    const rows = this.db
      .prepare(
        `SELECT p.version, p.article_id, a.headline, a.status, p.picture_id, p.hash, p.caption, p.credit
         FROM story_pictures p JOIN articles a ON a.id = p.article_id
         WHERE p.credit <> ''
         ORDER BY a.updated_at DESC, a.id, p.version DESC, p.position`,
      )
      .all() as Row[];
    return rows.map(toCreditUse);
  }

  audit(event: AuditEvent): void {
    this.db
      .prepare('INSERT INTO audit_events (at, user_id, action, article_id, detail) VALUES (?, ?, ?, ?, ?)')
      .run(event.at, event.userId, event.action, event.articleId, JSON.stringify(event.detail));
  }

  listAudit(filter: { articleId?: string; limit?: number }): AuditEvent[] {
    const limit = filter.limit ?? 1000;
    const rows = (
      filter.articleId === undefined
        ? this.db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT * FROM audit_events WHERE article_id = ? ORDER BY id DESC LIMIT ?').all(filter.articleId, limit)
    ) as Row[];
    return rows.map((row) => ({
      at: row.at as number,
      userId: (row.user_id as string | null) ?? null,
      action: row.action as string,
      articleId: (row.article_id as string | null) ?? null,
      detail: JSON.parse(row.detail as string) as Record<string, unknown>,
    }));
  }

  close(): void {
    this.db.close();
  }
}
