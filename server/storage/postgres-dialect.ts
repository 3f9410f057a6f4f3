// Postgres's part of the shared SQL: "C" collation for code-point order, usernames folded by
// ASCII letters only (as SQLite's NOCASE does; lower() would fold 'Á' and the Kelvin sign too),
// jsonb, LATERAL joins, a row lock where instances race, and log positions from a per-story counter.
import type { Dialect } from './sql-dialect.ts';
import { insertAll, type SqlSession } from './sql-session.ts';

/** A username folded as both stores fold it; the unique index users_username_key is on this expression. */
export const FOLDED_USERNAME = (expr: string) => `translate(${expr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

// The SQLSTATE of a unique-key violation.
const UNIQUE_VIOLATION = '23505';

const APPEND = { into: 'article_updates (article_id, seq, data)', row: '(:articleId, :seq, :data)' };

/** The Postgres dialect. */
export const POSTGRES_DIALECT: Dialect = {
  byCodePoint: (column) => `${column} COLLATE "C"`,
  usernameIs: `${FOLDED_USERNAME('username')} = ${FOLDED_USERNAME(':username')}`,
  json: (name) => `:${name}::jsonb`,
  // pg has parsed the jsonb already.
  readJson: (value) => value as Record<string, unknown>,
  commaList: (expr) => `string_agg(${expr}, ',')`,
  // One index lookup per story, on workflow_events(article_id, id) or its partial twin over review steps.
  latestEvent: (alias, where) =>
    `LEFT JOIN LATERAL (SELECT * FROM workflow_events WHERE article_id = a.id${where ? ` AND ${where}` : ''} ORDER BY id DESC LIMIT 1) ${alias} ON true`,
  // NO KEY: inserts that merely reference the story (its log, its events) are not held up.
  lockArticle: 'SELECT 1 FROM articles WHERE id = :articleId FOR NO KEY UPDATE',
  // Two admins demoted or disabled at once: the second waits for the first, then counts again.
  lockAdmins: "SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE",
  isDuplicate: (error, of) => {
    const { code, constraint } = error as { code?: string; constraint?: string };
    return code === UNIQUE_VIOLATION && constraint === (of === 'username' ? 'users_username_key' : 'desks_name_key');
  },
  /**
   * Log positions come from a per-story counter row (article_log_heads), not from a bigserial.
   * A sequence hands out numbers when a row is inserted, not when it commits: with two instances
   * appending to one story, 11 could commit while 10 is still in flight, a load would see 11 as
   * the last position, and a compaction up to 11 would delete 10 unseen. The counter row stays
   * locked until this transaction commits, so a story's appends commit in position order and
   * every reader sees a gap-free prefix of the log.
   */
  async appendUpdates(tx: SqlSession, articleId: string, updates: Uint8Array[]): Promise<number> {
    // Resolving is the "saved" confirmation, so the commit must wait for its flush to disk even
    // where the server runs with synchronous_commit off (a stronger setting is left as it is).
    await tx.all("SELECT set_config('synchronous_commit', 'on', true) WHERE current_setting('synchronous_commit') = 'off'");
    const [head] = await tx.all(
      `INSERT INTO article_log_heads (article_id, last_seq) VALUES (:articleId, :count)
       ON CONFLICT (article_id) DO UPDATE SET last_seq = article_log_heads.last_seq + excluded.last_seq
       RETURNING last_seq`,
      { articleId, count: updates.length },
    );
    const first = (head.last_seq as number) - updates.length + 1;
    await insertAll(tx, APPEND, updates.map((data, i) => ({ articleId, seq: first + i, data })));
    return first + updates.length - 1;
  },
};
