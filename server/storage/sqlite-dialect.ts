// SQLite's part of the shared SQL: BINARY collation is code-point order already, the username
// column folds ASCII case itself (COLLATE NOCASE), JSON is kept as text, and log positions come
// from the table's AUTOINCREMENT key (one writer at a time: no gaps to fear).
import type { Dialect } from './sql-dialect.ts';
import type { SqlSession } from './sql-session.ts';

const APPEND = { into: 'article_updates (article_id, data)', row: '(:articleId, :data)', then: 'RETURNING seq' };

/** The SQLite dialect. */
export const SQLITE_DIALECT: Dialect = {
  byCodePoint: (column) => column,
  usernameIs: 'username = :username',
  json: (name) => `:${name}`,
  readJson: (value) => JSON.parse(value as string) as Record<string, unknown>,
  commaList: (expr) => `group_concat(${expr}, ',')`,
  // The indexes on workflow_events(article_id, id) make max(id) one lookup per story.
  latestEvent: (alias, where) =>
    `LEFT JOIN workflow_events ${alias} ON ${alias}.id = (SELECT max(id) FROM workflow_events WHERE article_id = a.id${where ? ` AND ${where}` : ''})`,
  lockArticle: null,
  lockAdmins: null,
  isDuplicate: (error, of) => {
    const { code, message } = error as { code?: string; message?: string };
    return code === 'SQLITE_CONSTRAINT_UNIQUE' && message?.includes(of === 'username' ? 'users.username' : 'desks.name') === true;
  },
  async appendUpdates(tx: SqlSession, articleId: string, updates: Uint8Array[]): Promise<number> {
    const rows = await tx.insertRows(APPEND, updates.map((data) => ({ articleId, data })));
    return rows[rows.length - 1].seq as number;
  },
};
