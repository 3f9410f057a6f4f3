// Schema of the embedded SQLite store, as ordered migrations tracked in `user_version`; the
// tables it shares with Postgres but for column types are in schema-tables.ts.
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
  REVIEWS_INDEX,
  revisionsTable,
  serverSecretsTable,
  sessionsTable,
  snapshotsTable,
  SQLITE_TYPES as T,
  versionColumns,
  restrictionTables,
} from './schema-tables.ts';

/** Each entry moves the schema one version forward; never edit one that has shipped. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  ${sessionsTable(T)}
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT,
    headline TEXT NOT NULL DEFAULT '',
    byline TEXT NOT NULL DEFAULT '',
    desk TEXT NOT NULL DEFAULT '',
    slug TEXT NOT NULL DEFAULT '',
    word_count INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'draft',
    submitted_revision INTEGER,
    approved_revision INTEGER
  );
  CREATE TABLE article_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL REFERENCES articles(id),
    data BLOB NOT NULL
  );
  CREATE INDEX article_updates_by_article ON article_updates(article_id, seq);
  ${snapshotsTable(T)}
  CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    user_id TEXT,
    action TEXT NOT NULL,
    article_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_by_article ON audit_events(article_id, id);
  `,
  // 2: revisions (immutable snapshots), the workflow's event history, and who writes with each Yjs client id.
  `
  ${revisionsTable(T)}
  CREATE TRIGGER revisions_are_immutable BEFORE UPDATE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
  CREATE TRIGGER revisions_are_kept BEFORE DELETE ON revisions
    BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
  CREATE TABLE workflow_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL REFERENCES articles(id),
    revision INTEGER,
    action TEXT NOT NULL,
    user_id TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL
  );
  CREATE INDEX workflow_events_by_article ON workflow_events(article_id, id);
  CREATE TRIGGER workflow_events_are_immutable BEFORE UPDATE ON workflow_events
    BEGIN SELECT RAISE(ABORT, 'workflow events are immutable'); END;
  CREATE TRIGGER workflow_events_are_kept BEFORE DELETE ON workflow_events
    BEGIN SELECT RAISE(ABORT, 'workflow events are never deleted'); END;
  ${clientsTable(T)}
  `,
  // 3: uploaded pictures (their files are in the blob store), picture counts in the story list, and
  // the index of the pictures each story uses (live draft and approved revision) behind the credits
  // report. Stories stored before have pictures_indexed = 0: the server derives their facts at start.
  `
  ALTER TABLE articles ADD COLUMN picture_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN pictures_missing_credit INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN pictures_indexed INTEGER NOT NULL DEFAULT 0;
  ${picturesTables(T)}
  `,
  // 4: the story list's order (most recently updated first, ties by id), for its keyset pages; and
  // list texts capped at 300 characters (299 and an ellipsis), as the store keeps them from now on.
  `
  CREATE INDEX articles_by_update ON articles (updated_at DESC, id);
  ${capListTexts('length')}
  `,
  // 5: secrets the server keeps for itself (the key that signs websocket tickets and device tokens), shared by every instance on the store.
  `
  ${serverSecretsTable(T)}
  `,
  // 6: versions made explicit: the content fingerprint of each revision and of the live draft, the
  // approved revision's fingerprint and word count on the story's row (copied at approval; stories
  // approved before get their fingerprints at start), spiked stories, and an index that finds a
  // story's latest review step (submit, approve, reject) for its send-back.
  `
  ${versionColumns(T)}
  UPDATE articles SET approved_word_count = (SELECT r.word_count FROM revisions r WHERE r.article_id = articles.id AND r.number = articles.approved_revision)
    WHERE approved_revision IS NOT NULL;
  ${REVIEWS_INDEX}
  CREATE INDEX articles_spiked_by_update ON articles (updated_at DESC, id) WHERE spiked_at IS NOT NULL;
  `,
  // 7: people and desks (schema-tables.ts): disabled accounts, last sign-in, desks and their
  // members, each story's desk; the stories' free-text desk names become desks. Desk names are
  // unique regardless of the case of ASCII letters, as usernames are.
  `
  ${peopleTables(T)}
  CREATE UNIQUE INDEX desks_name_key ON desks (name COLLATE NOCASE);
  ${migrateDeskNames((expr) => `${expr} COLLATE NOCASE`, (expr) => expr, 'lower(hex(randomblob(16)))')}
  `,
  // 8: restricted stories (schema-tables.ts): since when each is restricted, and the people named on it.
  `
  ${restrictionTables(T)}
  `,
  // 9: the desk's facts on the story list (schema-tables.ts): assignees, deadline, target words, urgency.
  `
  ${deskFactColumns(T)}
  `,
  // 10: updates and corrections after approval (schema-tables.ts): every approval as a numbered
  // version, each story's current version and what it is reopened as.
  `
  ${amendmentTables(T)}
  `,
  // 11: whether a story may be released (schema-tables.ts): its embargo, legal hold and kill.
  `
  ${releaseColumns(T)}
  `,
  // 12: each desk's limits (schema-tables.ts): headline characters and body words, null for none.
  `
  ${deskLimitColumns(T)}
  `,  // 13: the newsroom dictionary (schema-tables.ts): the words every desktop's spell checker accepts.
  `
  ${dictionaryTable(T)}
  `,
];
