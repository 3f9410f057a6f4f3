// What is Postgres's own in reading rows: bytea values, jsonb audit details, and the story
// SELECT (a LATERAL join); the rest is shared with the SQLite store (store-rows.ts).
import type { AuditEvent } from './store.ts';
import { ARTICLE_COLUMNS, REVIEW_ACTIONS_SQL, SENT_BACK_JOINS, type Row } from './store-rows.ts';

/** A plain Uint8Array copy of a bytea value, like the SQLite store returns (not a Buffer over pg's pooled memory). */
export const bytes = (value: unknown): Uint8Array => new Uint8Array(value as Buffer);

/** An audit row (pg has already parsed the jsonb detail). */
export const toAuditEvent = (row: Row): AuditEvent => ({
  at: row.at as number,
  userId: (row.user_id as string | null) ?? null,
  action: row.action as string,
  articleId: (row.article_id as string | null) ?? null,
  detail: row.detail as Record<string, unknown>,
});

/**
 * A story row with the display name of whoever changed it last, its latest workflow event and its
 * latest review step (one index lookup per story each, on workflow_events(article_id, id) and its
 * partial twin over review steps).
 */
export const ARTICLE_SELECT = `
  SELECT ${ARTICLE_COLUMNS}
  FROM articles a
  LEFT JOIN users u ON u.id = a.updated_by
  LEFT JOIN LATERAL (SELECT * FROM workflow_events WHERE article_id = a.id ORDER BY id DESC LIMIT 1) e ON true
  LEFT JOIN users eu ON eu.id = e.user_id
  LEFT JOIN LATERAL (SELECT * FROM workflow_events WHERE article_id = a.id AND action IN ${REVIEW_ACTIONS_SQL} ORDER BY id DESC LIMIT 1) rv ON true
  ${SENT_BACK_JOINS}`;
