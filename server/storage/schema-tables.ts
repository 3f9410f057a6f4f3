// The tables and columns that both engines create alike but for their column types, written
// once; each engine's migrations (sqlite-migrations.ts, postgres-migrations.ts) place them in its
// own history. These texts are parts of shipped migrations: never edit one (a change is a new
// migration); tests/storage/migrations.test.ts holds every shipped migration to its fingerprint.

/** One engine's names for the column types the shared tables use. */
export interface ColumnTypes {
  text: string;
  integer: string;
  /** Millisecond times, byte counts and Yjs client ids (unsigned 32-bit). */
  bigint: string;
  bytes: string;
}

/** SQLite's column types (its INTEGER holds 64 bits). */
export const SQLITE_TYPES: ColumnTypes = { text: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', bytes: 'BLOB' };

/** Postgres's column types. */
export const POSTGRES_TYPES: ColumnTypes = { text: 'text', integer: 'integer', bigint: 'bigint', bytes: 'bytea' };

// Columns go a few to a line, in the order the tables have them.

/** Sign-in sessions, by the hash of their token. */
export const sessionsTable = (t: ColumnTypes) => `
  CREATE TABLE sessions (
    token_hash ${t.text} PRIMARY KEY, user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at ${t.bigint} NOT NULL, expires_at ${t.bigint} NOT NULL
  );`;

/** A story's latest snapshot and the log position it covers. */
export const snapshotsTable = (t: ColumnTypes) => `
  CREATE TABLE article_snapshots (
    article_id ${t.text} PRIMARY KEY REFERENCES articles(id), data ${t.bytes} NOT NULL, upto_seq ${t.bigint} NOT NULL, created_at ${t.bigint} NOT NULL
  );`;

/** Revisions: immutable snapshots of a story, numbered from 1 (their content_hash came later). */
export const revisionsTable = (t: ColumnTypes) => `
  CREATE TABLE revisions (
    article_id ${t.text} NOT NULL REFERENCES articles(id), number ${t.integer} NOT NULL,
    created_at ${t.bigint} NOT NULL, created_by ${t.text} NOT NULL, note ${t.text} NOT NULL DEFAULT '', word_count ${t.integer} NOT NULL,
    state ${t.bytes} NOT NULL,
    PRIMARY KEY (article_id, number)
  );`;

/** Who writes with each Yjs client id in a story. */
export const clientsTable = (t: ColumnTypes) => `
  CREATE TABLE article_clients (
    article_id ${t.text} NOT NULL REFERENCES articles(id), client_id ${t.bigint} NOT NULL, user_id ${t.text} NOT NULL,
    PRIMARY KEY (article_id, client_id)
  );`;

/** Uploaded pictures' facts (their files are in the blob store) and the index of the pictures each story uses. */
export const picturesTables = (t: ColumnTypes) => `
  CREATE TABLE pictures (
    hash ${t.text} PRIMARY KEY, mime_type ${t.text} NOT NULL, width ${t.integer} NOT NULL, height ${t.integer} NOT NULL, bytes ${t.bigint} NOT NULL,
    credit ${t.text} NOT NULL DEFAULT '', copyright ${t.text} NOT NULL DEFAULT '', preview_hash ${t.text} NOT NULL,
    uploaded_by ${t.text} NOT NULL REFERENCES users(id), uploaded_at ${t.bigint} NOT NULL
  );
  CREATE TABLE story_pictures (
    article_id ${t.text} NOT NULL REFERENCES articles(id), version ${t.text} NOT NULL CHECK (version IN ('draft', 'approved')),
    position ${t.integer} NOT NULL, picture_id ${t.text} NOT NULL, hash ${t.text} NOT NULL, caption ${t.text} NOT NULL, credit ${t.text} NOT NULL,
    PRIMARY KEY (article_id, version, position)
  );`;

/** Secrets the server keeps for itself, and the index that ends a user's sessions. */
export const serverSecretsTable = (t: ColumnTypes) => `
  CREATE TABLE server_secrets (name ${t.text} PRIMARY KEY, value ${t.text} NOT NULL, created_at ${t.bigint} NOT NULL);
  CREATE INDEX sessions_by_user ON sessions (user_id);`;

/** List texts capped at 300 characters (299 and an ellipsis); `length` is the engine's count of characters. */
export const capListTexts = (length: string) =>
  ['headline', 'byline', 'desk', 'slug'].map((column) => `UPDATE articles SET ${column} = substr(${column}, 1, 299) || '…' WHERE ${length}(${column}) > 300;`).join('\n  ');

/** Versions made explicit: content fingerprints, the approved revision's word count, spiking. */
export const versionColumns = (t: ColumnTypes) => `
  ALTER TABLE articles ADD COLUMN content_hash ${t.text};
  ALTER TABLE articles ADD COLUMN approved_content_hash ${t.text};
  ALTER TABLE articles ADD COLUMN approved_word_count ${t.integer};
  ALTER TABLE articles ADD COLUMN spiked_at ${t.bigint};
  ALTER TABLE revisions ADD COLUMN content_hash ${t.text};`;

/** The index that finds a story's latest review step (submit, approve, reject) for its send-back. */
export const REVIEWS_INDEX = `
  CREATE INDEX workflow_reviews_by_article ON workflow_events (article_id, id) WHERE action IN ('submit', 'approve', 'reject');`;

/**
 * People and desks: a disabled account (its sessions end, it cannot sign in), the last sign-in,
 * desks (archived ones stay for the stories that name them) and their members, and each story's
 * desk. A story's restriction came next (restrictionTables).
 */
export const peopleTables = (t: ColumnTypes) => `
  ALTER TABLE users ADD COLUMN disabled_at ${t.bigint};
  ALTER TABLE users ADD COLUMN last_sign_in_at ${t.bigint};
  CREATE TABLE desks (id ${t.text} PRIMARY KEY, name ${t.text} NOT NULL, created_at ${t.bigint} NOT NULL, archived_at ${t.bigint});
  CREATE TABLE desk_members (
    desk_id ${t.text} NOT NULL REFERENCES desks(id), user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (desk_id, user_id)
  );
  CREATE INDEX desk_members_by_user ON desk_members (user_id);
  ALTER TABLE articles ADD COLUMN desk_id ${t.text} REFERENCES desks(id);
  CREATE INDEX articles_by_desk ON articles (desk_id);`;

/**
 * The free-text desk names of stories made before desks were real, as desks: one per name
 * (trimmed, cut to 100 characters, told apart regardless of the case of ASCII letters, as
 * `fold` folds), named by the least of its spellings in code-point order (`byCodePoint`) and as
 * old as its oldest story; each story then points at its desk. `newId` is the engine's expression for a fresh id.
 */
export const migrateDeskNames = (fold: (expr: string) => string, byCodePoint: (expr: string) => string, newId: string) => {
  const name = 'substr(trim(desk), 1, 100)';
  return `
  INSERT INTO desks (id, name, created_at)
    SELECT ${newId}, min(${byCodePoint(name)}), min(created_at) FROM articles WHERE trim(desk) <> '' GROUP BY ${fold(name)};
  UPDATE articles SET desk_id = (SELECT d.id FROM desks d WHERE ${fold('d.name')} = ${fold(name)}) WHERE trim(desk) <> '';`;
};

/**
 * Restricted stories: since when a story is kept to its desk, its author and the people named on
 * it (null: not restricted), and those people (kept while it is not restricted, for the next time).
 */
export const restrictionTables = (t: ColumnTypes) => `
  ALTER TABLE articles ADD COLUMN restricted_at ${t.bigint};
  CREATE TABLE article_people (
    article_id ${t.text} NOT NULL REFERENCES articles(id), user_id ${t.text} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, user_id)
  );
  CREATE INDEX article_people_by_user ON article_people (user_id);
  CREATE INDEX articles_restricted ON articles (id) WHERE restricted_at IS NOT NULL;`;

/**
 * The desk's facts on the story list (issue 17), derived from the document's `meta` like the
 * headline: its assignees (a JSON array of usernames), deadline (ms since 1970), target length in
 * words and urgency (1–9). Stories keep the defaults until their next change is summarised.
 */
export const deskFactColumns = (t: ColumnTypes) => `
  ALTER TABLE articles ADD COLUMN assignees ${t.text} NOT NULL DEFAULT '[]';
  ALTER TABLE articles ADD COLUMN deadline ${t.bigint};
  ALTER TABLE articles ADD COLUMN target_words ${t.integer};
  ALTER TABLE articles ADD COLUMN urgency ${t.integer};`;

/**
 * Updates and corrections after approval (issue 17): every approval as a numbered version of the
 * story (which revision, what it amends: an update or a correction, its number within its kind and
 * the editor's note; who and when); each story's current version, and the update or correction it
 * is reopened as until the next approval. Approvals made before are numbered here from the
 * workflow history, in order (none of them amends anything).
 */
export const amendmentTables = (t: ColumnTypes) => `
  CREATE TABLE article_versions (
    article_id ${t.text} NOT NULL REFERENCES articles(id), version ${t.integer} NOT NULL, revision ${t.integer} NOT NULL,
    amendment_kind ${t.text} CHECK (amendment_kind IN ('update', 'correction')), amendment_number ${t.integer}, amendment_note ${t.text} NOT NULL DEFAULT '',
    approved_at ${t.bigint} NOT NULL, approved_by ${t.text} NOT NULL,
    PRIMARY KEY (article_id, version)
  );
  INSERT INTO article_versions (article_id, version, revision, approved_at, approved_by)
    SELECT article_id, row_number() OVER (PARTITION BY article_id ORDER BY id), revision, at, user_id FROM workflow_events WHERE action = 'approve';
  ALTER TABLE articles ADD COLUMN version ${t.integer};
  UPDATE articles SET version = (SELECT max(v.version) FROM article_versions v WHERE v.article_id = articles.id);
  ALTER TABLE articles ADD COLUMN reopened_as ${t.text} CHECK (reopened_as IN ('update', 'correction'));
  ALTER TABLE articles ADD COLUMN reopened_note ${t.text};`;

/**
 * Whether a story may be released (issue 17; model/release-state.ts), set by the desk and editors
 * through the API, never by the document: its embargo (ms since 1970), its legal hold (why, by
 * whom — a user id — and since when) and its kill (the same; a killed story stays killed).
 */
export const releaseColumns = (t: ColumnTypes) => `
  ALTER TABLE articles ADD COLUMN embargo_until ${t.bigint};
  ALTER TABLE articles ADD COLUMN hold_note ${t.text};
  ALTER TABLE articles ADD COLUMN hold_by ${t.text};
  ALTER TABLE articles ADD COLUMN hold_at ${t.bigint};
  ALTER TABLE articles ADD COLUMN killed_note ${t.text};
  ALTER TABLE articles ADD COLUMN killed_by ${t.text};
  ALTER TABLE articles ADD COLUMN killed_at ${t.bigint};`;

/**
 * Each desk's limits (issue 14; model/desk-limits.ts): the most characters its headlines and the
 * most words its bodies should have, set by an admin; null where the desk sets none (the server's
 * configured default then applies). Limits are advice shown as a story is written, never a refusal.
 */
export const deskLimitColumns = (t: ColumnTypes) => `
  ALTER TABLE desks ADD COLUMN limit_headline_chars ${t.integer};
  ALTER TABLE desks ADD COLUMN limit_body_words ${t.integer};`;

/**
 * The newsroom dictionary (issue 18; model/dictionary.ts): words the desk adds for every desktop's
 * spell checker, each once (as typed: a spell checker tells `Kraków` from `kraków`), with who added
 * it and when; a word outlives its adder's account.
 */
export const dictionaryTable = (t: ColumnTypes) => `
  CREATE TABLE dictionary_words (
    word ${t.text} PRIMARY KEY, added_by ${t.text} REFERENCES users(id) ON DELETE SET NULL, added_at ${t.bigint} NOT NULL
  );`;
