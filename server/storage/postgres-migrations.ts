// Schema of the shared Postgres store, as numbered migrations recorded in `schema_migrations`.
// The tables mirror the SQLite store's (sqlite-migrations.ts) at its current version, with
// Postgres types: bytea for Yjs bytes, bigint for millisecond times, log positions and Yjs
// client ids (unsigned 32-bit, too big for integer). Tables alike but for types are written once
// (schema-tables.ts); tests/storage/migrations.test.ts checks that both engines' tables match.
import type { Pool } from 'pg';
import { transaction } from './postgres-connection.ts';
import { FOLDED_USERNAME as FOLDED } from './postgres-dialect.ts';
import {
  amendmentTables,
  capListTexts,
  clientsTable,
  deskFactColumns,
  migrateDeskNames,
  peopleTables,
  releaseColumns,
  deskLimitColumns,
  dictionaryTable,
  picturesTables,
  POSTGRES_TYPES as T,
  REVIEWS_INDEX,
  revisionsTable,
  serverSecretsTable,
  sessionsTable,
  snapshotsTable,
  versionColumns,
  restrictionTables,
} from './schema-tables.ts';

/** Each entry moves the schema one version forward; never edit one that has shipped. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id text PRIMARY KEY,
    username text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    password_hash text NOT NULL,
    created_at bigint NOT NULL
  );
  -- Usernames are unique regardless of case, as in SQLite (COLLATE NOCASE); lookups use lower() too.
  CREATE UNIQUE INDEX users_username_key ON users (lower(username));
  ${sessionsTable(T)}
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  CREATE TABLE articles (
    id text PRIMARY KEY,
    created_at bigint NOT NULL,
    created_by text NOT NULL,
    updated_at bigint NOT NULL,
    updated_by text,
    headline text NOT NULL DEFAULT '',
    byline text NOT NULL DEFAULT '',
    desk text NOT NULL DEFAULT '',
    slug text NOT NULL DEFAULT '',
    word_count integer NOT NULL DEFAULT 0,
    picture_count integer NOT NULL DEFAULT 0,
    pictures_missing_credit integer NOT NULL DEFAULT 0,
    -- False until the story's first summary has indexed its pictures (listUnindexedArticles).
    pictures_indexed boolean NOT NULL DEFAULT false,
    status text NOT NULL DEFAULT 'draft',
    submitted_revision integer,
    approved_revision integer
  );
  CREATE INDEX articles_by_update ON articles (updated_at DESC);
  -- The newest log position handed out per story; appends lock this row (see postgres-store.ts).
  CREATE TABLE article_log_heads (
    article_id text PRIMARY KEY REFERENCES articles(id),
    last_seq bigint NOT NULL
  );
  CREATE TABLE article_updates (
    article_id text NOT NULL REFERENCES articles(id),
    seq bigint NOT NULL,
    data bytea NOT NULL,
    PRIMARY KEY (article_id, seq)
  );
  ${snapshotsTable(T)}
  CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at bigint NOT NULL,
    user_id text,
    action text NOT NULL,
    article_id text,
    detail jsonb NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_by_article ON audit_events (article_id, id);
  ${revisionsTable(T)}
  CREATE TABLE workflow_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    article_id text NOT NULL REFERENCES articles(id),
    revision integer,
    action text NOT NULL,
    user_id text NOT NULL,
    note text NOT NULL DEFAULT '',
    at bigint NOT NULL
  );
  CREATE INDEX workflow_events_by_article ON workflow_events (article_id, id);
  -- Revisions and workflow events are history: no UPDATE or DELETE, not even by hand.
  CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END;
  $$;
  CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
    FOR EACH ROW EXECUTE FUNCTION refuse_change('revisions are immutable');
  CREATE TRIGGER revisions_are_kept BEFORE DELETE ON revisions
    FOR EACH ROW EXECUTE FUNCTION refuse_change('revisions are never deleted');
  CREATE TRIGGER workflow_events_are_immutable BEFORE UPDATE ON workflow_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change('workflow events are immutable');
  CREATE TRIGGER workflow_events_are_kept BEFORE DELETE ON workflow_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change('workflow events are never deleted');
  ${clientsTable(T)}
  ${picturesTables(T)}
  `,
  // 2: list texts capped at 300 characters (299 and an ellipsis), as the store keeps them from now on.
  `
  ${capListTexts('char_length')}
  `,
  // 3: secrets the server keeps for itself (the key that signs websocket tickets and device tokens), shared by every instance.
  `
  ${serverSecretsTable(T)}
  `,
  // 4: versions made explicit: the content fingerprint of each revision and of the live draft, the
  // approved revision's fingerprint and word count on the story's row (copied at approval; stories
  // approved before get their fingerprints at start), spiked stories, and an index that finds a
  // story's latest review step (submit, approve, reject) for its send-back.
  `
  ${versionColumns(T)}
  UPDATE articles a SET approved_word_count = r.word_count FROM revisions r WHERE r.article_id = a.id AND r.number = a.approved_revision;
  ${REVIEWS_INDEX}
  CREATE INDEX articles_spiked_by_update ON articles (updated_at DESC, id COLLATE "C") WHERE spiked_at IS NOT NULL;
  `,
  // 5: usernames unique and found regardless of the case of ASCII letters only, as in SQLite
  // (COLLATE NOCASE): lower() also folded 'Á' to 'á' and the Kelvin sign to 'k'. Names that were
  // unique under lower() are unique under this narrower fold too, so the index always builds.
  // The expression is postgres-dialect.ts's FOLDED_USERNAME, which lookups must match to use it.
  `
  DROP INDEX users_username_key;
  CREATE UNIQUE INDEX users_username_key ON users (translate(username, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
  `,
  // 6: people and desks (schema-tables.ts): disabled accounts, last sign-in, desks and their
  // members, each story's desk; the stories' free-text desk names become desks. Desk names are
  // unique regardless of the case of ASCII letters, as usernames are (the same fold).
  `
  ${peopleTables(T)}
  CREATE UNIQUE INDEX desks_name_key ON desks (${FOLDED('name')});
  ${migrateDeskNames(FOLDED, (expr) => `${expr} COLLATE "C"`, 'gen_random_uuid()::text')}
  `,
  // 7: restricted stories (schema-tables.ts): since when each is restricted, and the people named on it.
  `
  ${restrictionTables(T)}
  `,
  // 8: the desk's facts on the story list (schema-tables.ts): assignees, deadline, target words, urgency.
  `
  ${deskFactColumns(T)}
  `,
  // 9: updates and corrections after approval (schema-tables.ts): every approval as a numbered
  // version, each story's current version and what it is reopened as.
  `
  ${amendmentTables(T)}
  `,
  // 10: whether a story may be released (schema-tables.ts): its embargo, legal hold and kill.
  `
  ${releaseColumns(T)}
  `,
  // 11: each desk's limits (schema-tables.ts): headline characters and body words, null for none.
  `
  ${deskLimitColumns(T)}
  `,  // 12: the newsroom dictionary (schema-tables.ts): the words every desktop's spell checker accepts.
  `
  ${dictionaryTable(T)}
  `,
];

// Any fixed 64-bit number, the same in every instance: the key of the migration lock.
const MIGRATION_LOCK = 7_160_255_410_113_502n;

/**
 * Brings the schema up to date in one transaction. The advisory lock makes instances that start
 * together take turns: the second waits, then finds the schema current and does nothing.
 */
export function migratePostgres(pool: Pool): Promise<void> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK.toString()]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)');
    const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
    const current = rows[0].version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(`the database was written by a newer Newsroom (schema ${current}); upgrade before opening it`);
    }
    for (let version = current; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version]);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [version + 1, Date.now()]);
    }
  });
}
