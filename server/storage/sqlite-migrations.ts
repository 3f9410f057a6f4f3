// Schema of the embedded SQLite store, as ordered migrations tracked in `user_version`.

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
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
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
  CREATE TABLE article_snapshots (
    article_id TEXT PRIMARY KEY REFERENCES articles(id),
    data BLOB NOT NULL,
    upto_seq INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  );
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
  CREATE TABLE revisions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    number INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    word_count INTEGER NOT NULL,
    state BLOB NOT NULL,
    PRIMARY KEY (article_id, number)
  );
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
  CREATE TABLE article_clients (
    article_id TEXT NOT NULL REFERENCES articles(id),
    client_id INTEGER NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (article_id, client_id)
  );
  `,
  // 3: uploaded pictures (their files are in the blob store), picture counts in the story list, and
  // the index of the pictures each story uses (live draft and approved revision) behind the credits
  // report. Stories stored before have pictures_indexed = 0: the server derives their facts at start.
  `
  ALTER TABLE articles ADD COLUMN picture_count INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN pictures_missing_credit INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE articles ADD COLUMN pictures_indexed INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE pictures (
    hash TEXT PRIMARY KEY,
    mime_type TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    credit TEXT NOT NULL DEFAULT '',
    copyright TEXT NOT NULL DEFAULT '',
    preview_hash TEXT NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users(id),
    uploaded_at INTEGER NOT NULL
  );
  CREATE TABLE story_pictures (
    article_id TEXT NOT NULL REFERENCES articles(id),
    version TEXT NOT NULL CHECK (version IN ('draft', 'approved')),
    position INTEGER NOT NULL,
    picture_id TEXT NOT NULL,
    hash TEXT NOT NULL,
    caption TEXT NOT NULL,
    credit TEXT NOT NULL,
    PRIMARY KEY (article_id, version, position)
  );
  `,
  // 4: the story list's order (most recently updated first, ties by id), for its keyset pages; and
  // list texts capped at 300 characters (299 and an ellipsis), as the store keeps them from now on.
  `
  CREATE INDEX articles_by_update ON articles (updated_at DESC, id);
  UPDATE articles SET headline = substr(headline, 1, 299) || '…' WHERE length(headline) > 300;
  UPDATE articles SET byline = substr(byline, 1, 299) || '…' WHERE length(byline) > 300;
  UPDATE articles SET desk = substr(desk, 1, 299) || '…' WHERE length(desk) > 300;
  UPDATE articles SET slug = substr(slug, 1, 299) || '…' WHERE length(slug) > 300;
  `,
  // 5: secrets the server keeps for itself (the key that signs websocket tickets and device tokens), shared by every instance on the store.
  `
  CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_user ON sessions(user_id);
  `,
  // 6: versions made explicit: the content fingerprint of each revision and of the live draft, the
  // approved revision's fingerprint and word count on the story's row (copied at approval; stories
  // approved before get their fingerprints at start), spiked stories, and an index that finds a
  // story's latest review step (submit, approve, reject) for its send-back.
  `
  ALTER TABLE articles ADD COLUMN content_hash TEXT;
  ALTER TABLE articles ADD COLUMN approved_content_hash TEXT;
  ALTER TABLE articles ADD COLUMN approved_word_count INTEGER;
  ALTER TABLE articles ADD COLUMN spiked_at INTEGER;
  ALTER TABLE revisions ADD COLUMN content_hash TEXT;
  UPDATE articles SET approved_word_count = (SELECT r.word_count FROM revisions r WHERE r.article_id = articles.id AND r.number = articles.approved_revision)
    WHERE approved_revision IS NOT NULL;
  CREATE INDEX workflow_reviews_by_article ON workflow_events (article_id, id) WHERE action IN ('submit', 'approve', 'reject');
  CREATE INDEX articles_spiked_by_update ON articles (updated_at DESC, id) WHERE spiked_at IS NOT NULL;
  `,
];
