// The one catalogue of statements both stores run, with named parameters; the row mappers beside
// them are in store-rows.ts. What an engine writes its own way comes from its Dialect.
import { LIST_ASSIGNEES_JSON_MAX, LIST_NOTE_MAX, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { RELEASE_NOTE_MAX } from '../../model/release-state.ts';
import type { Dialect } from './sql-dialect.ts';
import type { Params, RowsInsert } from './sql-session.ts';
import type { ArticleListQuery } from './store.ts';

// A text column cut in SQL to one character past its cap (substr counts characters in SQLite and
// Postgres alike), so that a huge value never leaves the database; toArticle caps the rest. The
// stores keep list texts capped already; names, notes, and rows an older instance wrote are not.
const cut = (column: string, max: number, as: string) => `substr(${column}, 1, ${max + 1}) AS ${as}`;

/**
 * The columns of a story row (`a`) with the name of whoever changed it last (`u`), its latest
 * workflow event (`e`, by `eu`) and its latest review step (`rv`: submit, approve or reject; its
 * editor `rvu` and the revision sent back `rr` are joined only for a send-back), its current
 * approved version `av` (what it amends), and who put its legal hold on (`hu`) and killed it (`ku`).
 */
const ARTICLE_COLUMNS = `
  a.id, a.created_at, a.created_by, a.updated_at, a.updated_by, a.word_count, a.picture_count, a.pictures_missing_credit,
  a.status, a.submitted_revision, a.approved_revision, a.approved_word_count, a.content_hash, a.approved_content_hash, a.spiked_at, a.desk_id, a.restricted_at,
  ${cut('a.assignees', LIST_ASSIGNEES_JSON_MAX, 'assignees')}, a.deadline, a.target_words, a.urgency,
  a.version, a.reopened_as, ${cut('a.reopened_note', LIST_NOTE_MAX, 'reopened_note')},
  av.amendment_kind, av.amendment_number, ${cut('av.amendment_note', LIST_NOTE_MAX, 'amendment_note')},
  a.embargo_until, ${cut('a.hold_note', RELEASE_NOTE_MAX, 'hold_note')}, a.hold_at, ${cut('hu.display_name', LIST_TEXT_MAX, 'hold_by_name')},
  ${cut('a.killed_note', RELEASE_NOTE_MAX, 'killed_note')}, a.killed_at, ${cut('ku.display_name', LIST_TEXT_MAX, 'killed_by_name')},
  rv.action AS review_action, rv.revision AS review_revision, rv.at AS review_at, ${cut('rv.note', LIST_NOTE_MAX, 'review_note')},
  ${cut('rvu.display_name', LIST_TEXT_MAX, 'review_user_name')}, rr.created_by AS review_author,
  ${cut('a.headline', LIST_TEXT_MAX, 'headline')}, ${cut('a.byline', LIST_TEXT_MAX, 'byline')},
  ${cut('a.desk', LIST_TEXT_MAX, 'desk')}, ${cut('a.slug', LIST_TEXT_MAX, 'slug')}, ${cut('u.display_name', LIST_TEXT_MAX, 'updated_by_name')},
  e.article_id AS event_article_id, e.revision AS event_revision, e.action AS event_action, e.user_id AS event_user_id,
  ${cut('eu.display_name', LIST_TEXT_MAX, 'event_user_name')}, ${cut('e.note', LIST_NOTE_MAX, 'event_note')}, e.at AS event_at`;

// A user's columns: the fields of UserWithSecret (the mappers in store-rows.ts read every column a statement selects).
const USER_SELECT = 'SELECT id, username, display_name, role, password_hash, disabled_at IS NOT NULL AS disabled, created_at FROM users';

// A person's columns but their desks (read from desk_members beside them): the fields of Person.
const PERSON_SELECT = 'SELECT id, username, display_name, role, created_at, disabled_at, last_sign_in_at FROM users';

const DESK_SELECT = 'SELECT id, name, created_at, archived_at, limit_headline_chars, limit_body_words FROM desks';

/**
 * The condition that the story `a` is one the user `:viewerId` may know exists (model/roles.ts
 * `canSee`): not restricted, or theirs, or on one of their desks, or naming them.
 */
const VISIBLE_TO_VIEWER = `(a.restricted_at IS NULL OR a.created_by = :viewerId
  OR EXISTS (SELECT 1 FROM desk_members m WHERE m.desk_id = a.desk_id AND m.user_id = :viewerId)
  OR EXISTS (SELECT 1 FROM article_people p WHERE p.article_id = a.id AND p.user_id = :viewerId))`;

/** The WHERE, ORDER BY and LIMIT of a page of the story list (keyset paging on updated_at, id), with its parameters. */
function articlePage(d: Dialect, query: ArticleListQuery): { sql: string; params: Params } {
  const conditions: string[] = [];
  const params: Params = {};
  // The first comparison lets the index on updated_at bound the scan; the second breaks ties.
  if (query.after) {
    conditions.push(`a.updated_at <= :afterAt AND (a.updated_at < :afterAt OR ${d.byCodePoint('a.id')} > :afterId)`);
    Object.assign(params, { afterAt: query.after.updatedAt, afterId: query.after.id });
  }
  if (query.viewerId !== undefined) {
    conditions.push(VISIBLE_TO_VIEWER);
    params.viewerId = query.viewerId;
  }
  if (query.spiked === 'exclude') conditions.push('a.spiked_at IS NULL');
  if (query.spiked === 'only') conditions.push('a.spiked_at IS NOT NULL');
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = query.limit === undefined ? '' : 'LIMIT :limit';
  if (query.limit !== undefined) params.limit = query.limit;
  return { sql: `${where} ORDER BY a.updated_at DESC, ${d.byCodePoint('a.id')} ${limit}`, params };
}

/** Every statement of the stores, in `d`'s dialect. */
export function sqlStatements(d: Dialect) {
  // The usernames named on a restricted story (usernames hold no commas); none for the others.
  const peopleNames = `CASE WHEN a.restricted_at IS NULL THEN NULL ELSE
      (SELECT ${d.commaList('pu.username')} FROM article_people ap JOIN users pu ON pu.id = ap.user_id WHERE ap.article_id = a.id) END AS people_names`;
  const articleSelect = `
    SELECT ${ARTICLE_COLUMNS}, ${peopleNames}
    FROM articles a
    LEFT JOIN users u ON u.id = a.updated_by
    ${d.latestEvent('e')}
    LEFT JOIN users eu ON eu.id = e.user_id
    ${d.latestEvent('rv', "action IN ('submit', 'approve', 'reject')")}
    LEFT JOIN users rvu ON rv.action = 'reject' AND rvu.id = rv.user_id
    LEFT JOIN revisions rr ON rv.action = 'reject' AND rr.article_id = rv.article_id AND rr.number = rv.revision
    LEFT JOIN article_versions av ON av.article_id = a.id AND av.version = a.version
    LEFT JOIN users hu ON hu.id = a.hold_by
    LEFT JOIN users ku ON ku.id = a.killed_by`;
  const revisionSelect = `
    SELECT r.article_id, r.number, r.created_at, r.created_by, r.note, r.word_count, u.display_name AS created_by_name
    FROM revisions r LEFT JOIN users u ON u.id = r.created_by`;
  return {
    addUser: `INSERT INTO users (id, username, display_name, role, password_hash, created_at)
      VALUES (:id, :username, :displayName, :role, :passwordHash, :createdAt)`,
    findUserByUsername: `${USER_SELECT} WHERE ${d.usernameIs}`,
    getUser: `${USER_SELECT} WHERE id = :id`,
    countUsers: 'SELECT count(*) AS n FROM users',
    setPasswordHash: 'UPDATE users SET password_hash = :passwordHash WHERE id = :userId',
    replacePasswordHash: 'UPDATE users SET password_hash = :passwordHash WHERE id = :userId AND password_hash = :expected',
    listPeople: `${PERSON_SELECT} ORDER BY ${d.byCodePoint('lower(username)')}, ${d.byCodePoint('username')}`,
    getPerson: `${PERSON_SELECT} WHERE id = :id`,
    listMemberships: `SELECT user_id, desk_id FROM desk_members ORDER BY ${d.byCodePoint('desk_id')}`,
    listMembershipsOf: `SELECT user_id, desk_id FROM desk_members WHERE user_id = :userId ORDER BY ${d.byCodePoint('desk_id')}`,
    lockAdmins: d.lockAdmins,
    countActiveAdmins: "SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL",
    changeAccount: 'UPDATE users SET role = :role, display_name = :displayName, disabled_at = :disabledAt WHERE id = :id',
    dropMemberships: 'DELETE FROM desk_members WHERE user_id = :userId',
    addMemberships: { into: 'desk_members (desk_id, user_id)', row: '(:deskId, :userId)' } satisfies RowsInsert,

    listDesks: `${DESK_SELECT} ORDER BY ${d.byCodePoint('name')}, ${d.byCodePoint('id')}`,
    getDesk: `${DESK_SELECT} WHERE id = :id`,
    addDesk: 'INSERT INTO desks (id, name, created_at) VALUES (:id, :name, :createdAt)',
    changeDesk: 'UPDATE desks SET name = :name, archived_at = :archivedAt, limit_headline_chars = :headlineChars, limit_body_words = :bodyWords WHERE id = :id',
    setArticleDesk: 'UPDATE articles SET desk_id = :deskId WHERE id = :articleId',
    setRestricted: 'UPDATE articles SET restricted_at = :restrictedAt WHERE id = :articleId',
    dropArticlePeople: 'DELETE FROM article_people WHERE article_id = :articleId',
    addArticlePeople: { into: 'article_people (article_id, user_id)', row: '(:articleId, :userId)' } satisfies RowsInsert,
    listArticlePeople: 'SELECT user_id FROM article_people WHERE article_id = :articleId',
    listRestrictedArticles: `${articleSelect} WHERE a.restricted_at IS NOT NULL`,
    // Restricted stories with a picture `:hash` among their pictures (their desk, author and people decide who sees the picture).
    restrictedUsesOf: `${articleSelect} WHERE a.restricted_at IS NOT NULL AND a.id IN (SELECT article_id FROM story_pictures WHERE hash = :hash)`,
    // Whether a story that is not restricted uses the picture `:hash`.
    openUseOf: `SELECT 1 AS used FROM story_pictures p JOIN articles a ON a.id = p.article_id WHERE p.hash = :hash AND a.restricted_at IS NULL LIMIT 1`,
    articleDeskOf: 'SELECT desk_id FROM articles WHERE id = :articleId',
    releaseOf: 'SELECT embargo_until, hold_note, hold_by, hold_at, killed_at FROM articles WHERE id = :articleId',
    // A killed story's release state stays as it was killed: neither statement touches it.
    setRelease: `UPDATE articles SET embargo_until = :embargoUntil, hold_note = :holdNote, hold_by = :holdBy, hold_at = :holdAt
      WHERE id = :articleId AND killed_at IS NULL`,
    killArticle: 'UPDATE articles SET killed_note = :note, killed_by = :userId, killed_at = :at WHERE id = :articleId AND killed_at IS NULL',

    createSession: 'INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (:tokenHash, :userId, :createdAt, :expiresAt)',
    recordSignIn: 'UPDATE users SET last_sign_in_at = :createdAt WHERE id = :userId',
    // A disabled account has no sessions, even one opened while it was being disabled.
    findSession: `SELECT s.token_hash, s.user_id, s.created_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = :tokenHash AND u.disabled_at IS NULL`,
    deleteSession: 'DELETE FROM sessions WHERE token_hash = :tokenHash',
    deleteExpiredSessions: 'DELETE FROM sessions WHERE expires_at <= :now',
    deleteUserSessions: 'DELETE FROM sessions WHERE user_id = :userId',
    deleteOtherSessions: 'DELETE FROM sessions WHERE user_id = :userId AND token_hash <> :keep',
    // Two instances starting together: ON CONFLICT keeps the first value, and both read it back.
    storeSecret: 'INSERT INTO server_secrets (name, value, created_at) VALUES (:name, :value, :createdAt) ON CONFLICT (name) DO NOTHING',
    readSecret: 'SELECT value FROM server_secrets WHERE name = :name',

    createArticle: `INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline)
      VALUES (:id, :createdAt, :createdBy, :createdAt, :createdBy, :headline) ON CONFLICT (id) DO NOTHING`,
    getArticle: `${articleSelect} WHERE a.id = :id`,
    listArticles: (query: ArticleListQuery) => {
      const page = articlePage(d, query);
      return { sql: `${articleSelect} ${page.sql}`, params: page.params };
    },
    listUnindexedArticles: `${articleSelect}
      WHERE NOT a.pictures_indexed OR a.content_hash IS NULL OR (a.approved_revision IS NOT NULL AND a.approved_content_hash IS NULL)
      ORDER BY a.created_at, ${d.byCodePoint('a.id')}`,
    // The UPDATE holds the story's row until commit (Postgres), so the approved revision that the
    // approved facts are checked against cannot change before they are written.
    updateSummary: `UPDATE articles SET headline = :headline, byline = :byline, desk = :desk, slug = :slug, word_count = :wordCount,
        assignees = :assignees, deadline = :deadline, target_words = :targetWords, urgency = :urgency,
        picture_count = :pictureCount, pictures_missing_credit = :picturesMissingCredit, content_hash = :contentHash,
        updated_at = :updatedAt, updated_by = :updatedBy, pictures_indexed = TRUE
      WHERE id = :id`,
    keepApprovedHash: 'UPDATE articles SET approved_content_hash = :contentHash WHERE id = :id AND approved_revision = :revision',
    unindexPictures: 'DELETE FROM story_pictures WHERE article_id = :articleId AND version = :version',
    indexPictures: {
      into: 'story_pictures (article_id, version, position, picture_id, hash, caption, credit)',
      row: '(:articleId, :version, :position, :pictureId, :hash, :caption, :credit)',
    } satisfies RowsInsert,

    loadSnapshot: 'SELECT data, upto_seq FROM article_snapshots WHERE article_id = :articleId',
    loadLog: 'SELECT seq, data FROM article_updates WHERE article_id = :articleId AND seq > :after ORDER BY seq',
    // An older snapshot never replaces a newer one (two compactions racing).
    storeSnapshot: `INSERT INTO article_snapshots (article_id, data, upto_seq, created_at) VALUES (:articleId, :data, :uptoSeq, :createdAt)
      ON CONFLICT (article_id) DO UPDATE SET data = excluded.data, upto_seq = excluded.upto_seq, created_at = excluded.created_at
      WHERE excluded.upto_seq >= article_snapshots.upto_seq`,
    dropLog: 'DELETE FROM article_updates WHERE article_id = :articleId AND seq <= :uptoSeq',
    documentSize: `SELECT (SELECT length(data) FROM article_snapshots WHERE article_id = :articleId) AS snapshot_bytes,
        coalesce(sum(length(data)), 0) AS log_bytes, count(*) AS log_entries
      FROM article_updates WHERE article_id = :articleId`,
    listLongLogs: `SELECT article_id FROM article_updates GROUP BY article_id HAVING count(*) >= :minEntries
      ORDER BY count(*) DESC, article_id`,
    addClientAuthors: {
      into: 'article_clients (article_id, client_id, user_id)',
      row: '(:articleId, :clientId, :userId)',
      then: 'ON CONFLICT DO NOTHING',
    } satisfies RowsInsert,
    listClientAuthors: 'SELECT client_id, user_id FROM article_clients WHERE article_id = :articleId ORDER BY client_id',

    lockArticle: d.lockArticle,
    // The next number is read and taken in one statement.
    addRevision: `INSERT INTO revisions (article_id, number, created_at, created_by, note, word_count, content_hash, state)
      SELECT :articleId, coalesce(max(number), 0) + 1, :createdAt, :createdBy, :note, :wordCount, :contentHash, :state
      FROM revisions WHERE article_id = :articleId
      RETURNING number`,
    listRevisions: `${revisionSelect} WHERE r.article_id = :articleId ORDER BY r.number`,
    getRevision: `${revisionSelect} WHERE r.article_id = :articleId AND r.number = :number`,
    loadRevisionState: 'SELECT state FROM revisions WHERE article_id = :articleId AND number = :number',

    // Compare-and-set: a concurrent move that got here first (or, in Postgres, waits for this row
    // and re-checks the WHERE against the committed row) makes this one a no-op.
    moveWorkflow: `UPDATE articles SET status = :toStatus, submitted_revision = :toSubmitted, approved_revision = :toApproved,
        reopened_as = :toReopenedAs, reopened_note = :toReopenedNote
      WHERE id = :id AND status = :fromStatus
        AND submitted_revision IS NOT DISTINCT FROM :fromSubmitted AND approved_revision IS NOT DISTINCT FROM :fromApproved
        AND reopened_as IS NOT DISTINCT FROM :fromReopenedAs`,
    // An approval's version, numbered by the server (model/amendments.ts) while the story's row is held by moveWorkflow.
    addVersion: `INSERT INTO article_versions (article_id, version, revision, amendment_kind, amendment_number, amendment_note, approved_at, approved_by)
      VALUES (:articleId, :version, :revision, :amendmentKind, :amendmentNumber, :amendmentNote, :at, :userId)`,
    setVersion: 'UPDATE articles SET version = :version WHERE id = :id',
    listVersions: `SELECT v.*, u.display_name AS user_name FROM article_versions v LEFT JOIN users u ON u.id = v.approved_by
      WHERE v.article_id = :articleId ORDER BY v.version`,
    // The approved revision's facts travel with the story's row: its list entry reads them without touching the revision.
    copyApprovedFacts: `UPDATE articles SET (approved_word_count, approved_content_hash) =
        (SELECT word_count, content_hash FROM revisions WHERE article_id = :id AND number = :approved)
      WHERE id = :id`,
    // Compare-and-set, as workflow moves are: a spike, restore or approval that got here first makes this one a no-op.
    setSpiked: `UPDATE articles SET spiked_at = :spikedAt
      WHERE id = :id AND (spiked_at IS NULL) = :spiking AND approved_revision IS NOT DISTINCT FROM :approvedRevision`,
    addWorkflowEvent: `INSERT INTO workflow_events (article_id, revision, action, user_id, note, at)
      VALUES (:articleId, :revision, :action, :userId, :note, :at)`,
    listWorkflowEvents: `SELECT e.*, u.display_name AS user_name FROM workflow_events e LEFT JOIN users u ON u.id = e.user_id
      WHERE e.article_id = :articleId ORDER BY e.id`,

    addPicture: `INSERT INTO pictures (hash, mime_type, width, height, bytes, credit, copyright, preview_hash, uploaded_by, uploaded_at)
      VALUES (:hash, :mimeType, :width, :height, :bytes, :credit, :copyright, :previewHash, :uploadedBy, :uploadedAt)
      ON CONFLICT (hash) DO NOTHING`,
    getPicture: `SELECT hash, mime_type, width, height, bytes, credit, copyright, preview_hash, uploaded_by, uploaded_at
      FROM pictures WHERE hash = :hash`,
    // Of every story, or of those `:viewerId` may know exist.
    listCreditUses: (forViewer: boolean) => `SELECT p.version, p.article_id, a.headline, a.status, p.picture_id, p.hash, p.caption, p.credit
      FROM story_pictures p JOIN articles a ON a.id = p.article_id
      WHERE p.credit <> ''${forViewer ? ` AND ${VISIBLE_TO_VIEWER}` : ''}
      ORDER BY a.updated_at DESC, ${d.byCodePoint('a.id')}, p.version DESC, p.position`,

    listDictionary: `SELECT w.word, w.added_at, u.display_name AS added_by_name FROM dictionary_words w LEFT JOIN users u ON u.id = w.added_by
      ORDER BY ${d.byCodePoint('w.word')}`,
    countDictionary: 'SELECT count(*) AS n FROM dictionary_words',
    addDictionaryWord: 'INSERT INTO dictionary_words (word, added_by, added_at) VALUES (:word, :userId, :at) ON CONFLICT (word) DO NOTHING',
    getDictionaryWord: 'SELECT w.word, w.added_at, u.display_name AS added_by_name FROM dictionary_words w LEFT JOIN users u ON u.id = w.added_by WHERE w.word = :word',
    removeDictionaryWord: 'DELETE FROM dictionary_words WHERE word = :word',

    audit: `INSERT INTO audit_events (at, user_id, action, article_id, detail) VALUES (:at, :userId, :action, :articleId, ${d.json('detail')})`,
    listAudit: 'SELECT at, user_id, action, article_id, detail FROM audit_events ORDER BY id DESC LIMIT :limit',
    listArticleAudit: 'SELECT at, user_id, action, article_id, detail FROM audit_events WHERE article_id = :articleId ORDER BY id DESC LIMIT :limit',
  };
}

/** The catalogue's type. */
export type SqlStatements = ReturnType<typeof sqlStatements>;
