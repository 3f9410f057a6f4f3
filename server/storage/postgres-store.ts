// The shared store: Postgres through a pg pool, so that several server instances serve one
// newsroom. Same behaviour as the SQLite store (sqlite-database.ts), call for call; where two
// instances can now race, the comments say how each call stays correct.
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { WorkflowEvent } from '../../model/api-types.ts';
import { createPool, describePostgresUrl, transaction } from './postgres-connection.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { ARTICLE_SELECT, bytes, toAuditEvent } from './postgres-rows.ts';
import {
  articlePageSql,
  auditActionOf,
  cappedHeadline,
  cappedSummary,
  EVENT_SELECT,
  REVISION_SELECT,
  toArticle,
  toCreditUse,
  toEvent,
  toPicture,
  toRevision,
  toSession,
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
  type Store,
  type StoredDocument,
  type User,
  type UserWithSecret,
  type WorkflowChange,
} from './store.ts';

/** Either the pool (one statement, autocommit) or a connection inside a transaction. */
type Queryable = Pool | PoolClient;

// The SQLSTATE of a unique-key violation.
const UNIQUE_VIOLATION = '23505';

/** Store backed by a Postgres database shared by every server instance. */
export class PostgresStore implements Store {
  private closed = false;

  private constructor(private readonly pool: Pool) {}

  /** Connects to `url`, brings the schema up to date and returns the store; the error names the server and database, never the password. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = createPool(url);
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot open the Postgres store at ${describePostgresUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    return new PostgresStore(pool);
  }

  private get db(): Pool {
    if (this.closed) throw new Error('the store is closed');
    return this.pool;
  }

  private async rows(sql: string, values: unknown[] = [], on: Queryable = this.db): Promise<Row[]> {
    return (await on.query<Row>(sql, values)).rows;
  }

  private async row(sql: string, values: unknown[] = [], on: Queryable = this.db): Promise<Row | null> {
    return (await this.rows(sql, values, on))[0] ?? null;
  }

  async addUser(user: Omit<UserWithSecret, 'id' | 'createdAt'> & { id?: string }): Promise<User> {
    const stored = { ...user, id: user.id ?? randomUUID(), createdAt: Date.now() };
    try {
      await this.db.query('INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        stored.id,
        stored.username,
        stored.displayName,
        stored.role,
        stored.passwordHash,
        stored.createdAt,
      ]);
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && constraint === 'users_username_key') throw new DuplicateError(`the username ${user.username} is taken`);
      throw error;
    }
    return withoutSecret(stored);
  }

  async findUserByUsername(username: string): Promise<UserWithSecret | null> {
    // lower() on both sides matches the case-insensitive unique index (SQLite: COLLATE NOCASE).
    const row = await this.row('SELECT * FROM users WHERE lower(username) = lower($1)', [username]);
    return row ? toUser(row) : null;
  }

  async getUser(id: string): Promise<User | null> {
    const row = await this.row('SELECT * FROM users WHERE id = $1', [id]);
    return row ? withoutSecret(toUser(row)) : null;
  }

  async countUsers(): Promise<number> {
    return (await this.row('SELECT count(*) AS n FROM users'))!.n as number;
  }

  async setPasswordHash(userId: string, passwordHash: string): Promise<boolean> {
    return ((await this.db.query('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId])).rowCount ?? 0) > 0;
  }

  async createSession(session: SessionRecord): Promise<void> {
    await this.db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      session.tokenHash,
      session.userId,
      session.createdAt,
      session.expiresAt,
    ]);
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.row('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    return row ? toSession(row) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return (await this.db.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0;
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return (await this.db.query('DELETE FROM sessions WHERE user_id = $1', [userId])).rowCount ?? 0;
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    // Two instances starting together: ON CONFLICT keeps the first value, and both read it back.
    await this.db.query('INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', [name, candidate, Date.now()]);
    return (await this.row('SELECT value FROM server_secrets WHERE name = $1', [name]))!.value as string;
  }

  async createArticle(article: { id: string; createdBy: string; createdAt: number; headline: string }): Promise<{ created: boolean; article: ArticleRecord }> {
    const inserted = await this.db.query(
      'INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline) VALUES ($1, $2, $3, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [article.id, article.createdAt, article.createdBy, cappedHeadline(article.headline)],
    );
    const stored = await this.getArticle(article.id);
    if (!stored) throw new Error(`article ${article.id} vanished while being created`);
    return { created: inserted.rowCount === 1, article: stored };
  }

  async getArticle(id: string): Promise<ArticleRecord | null> {
    const row = await this.row(`${ARTICLE_SELECT} WHERE a.id = $1`, [id]);
    return row ? toArticle(row) : null;
  }

  async listArticles(query: ArticleListQuery = {}): Promise<ArticleRecord[]> {
    // The id breaks ties the same way in every instance, as SQLite does (and as listCreditUses orders
    // stories); the index on updated_at bounds each page's scan.
    const page = articlePageSql(query, (n) => `$${n}`, 'a.id COLLATE "C"');
    return (await this.rows(`${ARTICLE_SELECT} ${page.sql}`, page.values)).map(toArticle);
  }

  async updateArticleSummary(id: string, given: ArticleSummary, pictures: PictureUse[], approved?: ApprovedFacts): Promise<void> {
    const summary = cappedSummary(given);
    return transaction(this.db, async (client) => {
      // The UPDATE locks the story's row until commit, so the approved revision read back here
      // cannot change (an approval elsewhere waits) before the approved index is written.
      const updated = await this.row(
        `UPDATE articles SET headline = $1, byline = $2, desk = $3, slug = $4, word_count = $5, picture_count = $6,
           pictures_missing_credit = $7, content_hash = $8, updated_at = $9, updated_by = $10, pictures_indexed = true
         WHERE id = $11 RETURNING approved_revision`,
        [
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
        ],
        client,
      );
      if (!updated) return; // no such story: nothing to index either
      await indexPictures(client, id, 'draft', pictures);
      if (approved && updated.approved_revision === approved.revision) {
        await client.query('UPDATE articles SET approved_content_hash = $1 WHERE id = $2', [approved.contentHash, id]);
        await indexPictures(client, id, 'approved', approved.pictures);
      }
    });
  }

  async listUnindexedArticles(): Promise<ArticleRecord[]> {
    const unindexed = 'NOT a.pictures_indexed OR a.content_hash IS NULL OR (a.approved_revision IS NOT NULL AND a.approved_content_hash IS NULL)';
    return (await this.rows(`${ARTICLE_SELECT} WHERE ${unindexed} ORDER BY a.created_at, a.id COLLATE "C"`)).map(toArticle);
  }

  async loadDocument(articleId: string): Promise<StoredDocument> {
    // One snapshot of the database for both reads: a compaction committing between them would
    // otherwise leave an old snapshot with its log already deleted.
    return transaction(
      this.db,
      async (client) => {
        const snapshot = await this.row('SELECT data, upto_seq FROM article_snapshots WHERE article_id = $1', [articleId], client);
        const uptoSeq = (snapshot?.upto_seq as number | undefined) ?? 0;
        const rows = await this.rows('SELECT seq, data FROM article_updates WHERE article_id = $1 AND seq > $2 ORDER BY seq', [articleId, uptoSeq], client);
        return {
          snapshot: snapshot ? bytes(snapshot.data) : null,
          updates: rows.map((r) => bytes(r.data)),
          lastSeq: rows.length > 0 ? (rows[rows.length - 1].seq as number) : uptoSeq,
        };
      },
      'REPEATABLE READ READ ONLY',
    );
  }

  /**
   * Log positions come from a per-story counter row (article_log_heads), not from a bigserial.
   * A sequence hands out numbers when a row is inserted, not when it commits: with two instances
   * appending to one story, 11 could commit while 10 is still in flight, a load would see 11 as
   * the last position, and a compaction up to 11 would delete 10 unseen. The counter row stays
   * locked until this transaction commits, so a story's appends commit in position order and
   * every reader sees a gap-free prefix of the log.
   */
  async appendUpdates(articleId: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return 0;
    return transaction(this.db, async (client) => {
      // Resolving is the "saved" confirmation, so the commit must wait for its flush to disk even
      // where the server runs with synchronous_commit off (a stronger setting is left as it is).
      await client.query("SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off'");
      const head = await this.row(
        `INSERT INTO article_log_heads (article_id, last_seq) VALUES ($1, $2)
         ON CONFLICT (article_id) DO UPDATE SET last_seq = article_log_heads.last_seq + excluded.last_seq
         RETURNING last_seq`,
        [articleId, updates.length],
        client,
      );
      const last = head!.last_seq as number;
      const first = last - updates.length + 1;
      // One row per update, bytes as binary parameters ($3, $4, …); positions first, first + 1, ….
      const values = updates.map((_, i) => `($1, $2::bigint + ${i}, $${i + 3})`).join(', ');
      await client.query(`INSERT INTO article_updates (article_id, seq, data) VALUES ${values}`, [articleId, first, ...updates]);
      return last;
    });
  }

  async compact(articleId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    return transaction(this.db, async (client) => {
      // An older snapshot never replaces a newer one (two compactions racing).
      await client.query(
        `INSERT INTO article_snapshots (article_id, data, upto_seq, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (article_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, created_at = excluded.created_at
         WHERE excluded.upto_seq >= article_snapshots.upto_seq`,
        [articleId, state, uptoSeq, Date.now()],
      );
      await client.query('DELETE FROM article_updates WHERE article_id = $1 AND seq <= $2', [articleId, uptoSeq]);
    });
  }

  async documentSize(articleId: string): Promise<{ snapshotBytes: number; logBytes: number; logEntries: number }> {
    const row = await this.row(
      `SELECT (SELECT octet_length(data) FROM article_snapshots WHERE article_id = $1) AS snapshot_bytes,
         coalesce(sum(octet_length(data)), 0)::bigint AS log_bytes, count(*) AS log_entries
       FROM article_updates WHERE article_id = $1`,
      [articleId],
    );
    return { snapshotBytes: (row!.snapshot_bytes as number | null) ?? 0, logBytes: row!.log_bytes as number, logEntries: row!.log_entries as number };
  }

  async addRevision(revision: NewRevision): Promise<RevisionRecord> {
    return transaction(this.db, async (client) => {
      // Locking the story's row makes concurrent snapshots (from any instance) take numbers in
      // turn; without it two would read the same max(number) and one would fail on the key.
      // NO KEY: inserts that merely reference the story (its log, its events) are not held up.
      await client.query('SELECT 1 FROM articles WHERE id = $1 FOR NO KEY UPDATE', [revision.articleId]);
      const inserted = await this.row(
        `INSERT INTO revisions (article_id, number, created_at, created_by, note, word_count, content_hash, state)
         SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7 FROM revisions WHERE article_id = $1
         RETURNING number`,
        [revision.articleId, revision.createdAt, revision.createdBy, revision.note, revision.wordCount, revision.contentHash, revision.state],
        client,
      );
      const number = inserted!.number as number;
      await insertWorkflowEvent(
        client,
        { articleId: revision.articleId, revision: number, action: 'snapshot', userId: revision.createdBy, note: revision.note, at: revision.createdAt },
        { wordCount: revision.wordCount },
      );
      return (await this.readRevision(client, revision.articleId, number))!;
    });
  }

  async listRevisions(articleId: string): Promise<RevisionRecord[]> {
    return (await this.rows(`${REVISION_SELECT} WHERE r.article_id = $1 ORDER BY r.number`, [articleId])).map(toRevision);
  }

  async getRevision(articleId: string, number: number): Promise<RevisionRecord | null> {
    return this.readRevision(this.db, articleId, number);
  }

  private async readRevision(on: Queryable, articleId: string, number: number): Promise<RevisionRecord | null> {
    const row = await this.row(`${REVISION_SELECT} WHERE r.article_id = $1 AND r.number = $2`, [articleId, number], on);
    return row ? toRevision(row) : null;
  }

  async loadRevisionState(articleId: string, number: number): Promise<Uint8Array | null> {
    const row = await this.row('SELECT state FROM revisions WHERE article_id = $1 AND number = $2', [articleId, number]);
    return row ? bytes(row.state) : null;
  }

  async recordWorkflowEvent(event: NewWorkflowEvent, change?: WorkflowChange): Promise<boolean> {
    return transaction(this.db, async (client) => {
      if (change) {
        const { from, to } = change;
        // Compare-and-set: a concurrent move waits for this row's lock, then re-checks the WHERE
        // against the committed row, finds the state gone and changes nothing.
        const moved = await client.query(
          `UPDATE articles SET status = $1, submitted_revision = $2, approved_revision = $3
           WHERE id = $4 AND status = $5 AND submitted_revision IS NOT DISTINCT FROM $6 AND approved_revision IS NOT DISTINCT FROM $7`,
          [to.status, to.submittedRevision, to.approvedRevision, event.articleId, from.status, from.submittedRevision, from.approvedRevision],
        );
        if (moved.rowCount === 0) return false;
        // The approved revision's facts travel with the story's row: its list entry reads them without touching the revision.
        await client.query(
          `UPDATE articles SET (approved_word_count, approved_content_hash) =
             (SELECT word_count, content_hash FROM revisions WHERE article_id = $1 AND number = $2) WHERE id = $1`,
          [event.articleId, to.approvedRevision],
        );
        if (change.approvedPictures) await indexPictures(client, event.articleId, 'approved', change.approvedPictures);
      }
      const { approvedPictures: _indexed, ...move } = change ?? {};
      await insertWorkflowEvent(client, event, move);
      return true;
    });
  }

  async setSpiked(event: NewWorkflowEvent, change: SpikeChange): Promise<boolean> {
    return transaction(this.db, async (client) => {
      // Compare-and-set, as workflow moves are: a concurrent spike, restore or approval waits for
      // this row's lock, then re-checks the WHERE against the committed row and changes nothing.
      const moved = await client.query(
        `UPDATE articles SET spiked_at = $1 WHERE id = $2 AND (spiked_at IS NULL) = $3 AND approved_revision IS NOT DISTINCT FROM $4`,
        [change.spiked ? event.at : null, event.articleId, change.spiked, change.approvedRevision],
      );
      if (moved.rowCount === 0) return false;
      await insertWorkflowEvent(client, event, { spiked: change.spiked });
      return true;
    });
  }

  async listWorkflowEvents(articleId: string): Promise<WorkflowEvent[]> {
    return (await this.rows(`${EVENT_SELECT} WHERE e.article_id = $1 ORDER BY e.id`, [articleId])).map((row) => toEvent(row));
  }

  async addClientAuthors(articleId: string, authors: ClientAuthor[]): Promise<void> {
    // The first user named for a client id wins, within this call as across calls.
    const first = new Map<number, ClientAuthor>();
    for (const author of authors) if (!first.has(author.clientId)) first.set(author.clientId, author);
    if (first.size === 0) return;
    await this.db.query(
      `INSERT INTO article_clients (article_id, client_id, user_id)
       SELECT $1, client_id, user_id FROM unnest($2::bigint[], $3::text[]) AS a(client_id, user_id)
       ON CONFLICT DO NOTHING`,
      [articleId, [...first.keys()], [...first.values()].map((a) => a.userId)],
    );
  }

  async listClientAuthors(articleId: string): Promise<ClientAuthor[]> {
    const rows = await this.rows('SELECT client_id, user_id FROM article_clients WHERE article_id = $1 ORDER BY client_id', [articleId]);
    return rows.map((row) => ({ clientId: row.client_id as number, userId: row.user_id as string }));
  }

  async addPicture(picture: PictureRecord): Promise<{ created: boolean; picture: PictureRecord }> {
    const inserted = await this.db.query(
      `INSERT INTO pictures (hash, mime_type, width, height, bytes, credit, copyright, preview_hash, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (hash) DO NOTHING`,
      [
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
      ],
    );
    return { created: inserted.rowCount === 1, picture: (await this.getPicture(picture.hash))! };
  }

  async getPicture(hash: string): Promise<PictureRecord | null> {
    const row = await this.row('SELECT * FROM pictures WHERE hash = $1', [hash]);
    return row ? toPicture(row) : null;
  }

  async listCreditUses(): Promise<CreditUse[]> {
    const rows = await this.rows(
      `SELECT p.version, p.article_id, a.headline, a.status, p.picture_id, p.hash, p.caption, p.credit
       FROM story_pictures p JOIN articles a ON a.id = p.article_id
       WHERE p.credit <> ''
       ORDER BY a.updated_at DESC, a.id COLLATE "C", p.version DESC, p.position`,
    );
    return rows.map(toCreditUse);
  }

  async audit(event: AuditEvent): Promise<void> {
    await insertAudit(this.db, event);
  }

  async listAudit(filter: { articleId?: string; limit?: number }): Promise<AuditEvent[]> {
    const limit = filter.limit ?? 1000;
    const rows =
      filter.articleId === undefined
        ? await this.rows('SELECT * FROM audit_events ORDER BY id DESC LIMIT $1', [limit])
        : await this.rows('SELECT * FROM audit_events WHERE article_id = $1 ORDER BY id DESC LIMIT $2', [filter.articleId, limit]);
    return rows.map(toAuditEvent);
  }

  /** Waits for calls in flight and closes every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

// Replaces the index of one version's pictures of a story (inside the caller's transaction).
async function indexPictures(client: PoolClient, articleId: string, version: CreditUse['version'], pictures: PictureUse[]): Promise<void> {
  await client.query('DELETE FROM story_pictures WHERE article_id = $1 AND version = $2', [articleId, version]);
  if (pictures.length === 0) return;
  await client.query(
    `INSERT INTO story_pictures (article_id, version, position, picture_id, hash, caption, credit)
     SELECT $1, $2, p.position - 1, p.picture_id, p.hash, p.caption, p.credit
     FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS p(picture_id, hash, caption, credit, position)`,
    [articleId, version, pictures.map((p) => p.pictureId), pictures.map((p) => p.hash), pictures.map((p) => p.caption), pictures.map((p) => p.credit)],
  );
}

// Every workflow event is audited too, in the same transaction.
async function insertWorkflowEvent(client: PoolClient, event: NewWorkflowEvent, auditDetail: Record<string, unknown>): Promise<void> {
  await client.query('INSERT INTO workflow_events (article_id, revision, action, user_id, note, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    event.articleId,
    event.revision,
    event.action,
    event.userId,
    event.note,
    event.at,
  ]);
  await insertAudit(client, {
    at: event.at,
    userId: event.userId,
    action: auditActionOf(event.action),
    articleId: event.articleId,
    detail: { revision: event.revision, note: event.note, ...auditDetail },
  });
}

async function insertAudit(on: Queryable, event: AuditEvent): Promise<void> {
  // Serialised here, as the SQLite store does, so both keep exactly what JSON.stringify keeps.
  await on.query('INSERT INTO audit_events (at, user_id, action, article_id, detail) VALUES ($1, $2, $3, $4, $5::jsonb)', [
    event.at,
    event.userId,
    event.action,
    event.articleId,
    JSON.stringify(event.detail),
  ]);
}
