// What is Postgres's own in reading rows: bytea values, jsonb audit details, and the story
// SELECT (a LATERAL join); the rest is shared with the SQLite store (store-rows.ts).
import type { AuditEvent } from './store.ts';
import type { Row } from './store-rows.ts';

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
 * A story row with the display name of whoever changed it last and its latest workflow event
 * (one index lookup per story on workflow_events(article_id, id)).
 */
export const ARTICLE_SELECT = `
  SELECT a.*, u.display_name AS updated_by_name,
    e.article_id AS event_article_id, e.revision AS event_revision, e.action AS event_action,
    e.user_id AS event_user_id, eu.display_name AS event_user_name, e.note AS event_note, e.at AS event_at
  FROM articles a
  LEFT JOIN users u ON u.id = a.updated_by
  LEFT JOIN LATERAL (SELECT * FROM workflow_events WHERE article_id = a.id ORDER BY id DESC LIMIT 1) e ON true
  LEFT JOIN users eu ON eu.id = e.user_id`;
