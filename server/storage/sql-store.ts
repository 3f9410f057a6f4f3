// The Store written once, over any SQL engine: the catalogue's statements (sql-statements.ts) run
// on a session of the engine (sql-session.ts), what differs taken from its Dialect. SQLite runs it
// inside its worker thread (sqlite-worker.ts); Postgres on its pool (postgres-store.ts).
import { randomUUID } from 'node:crypto';
import type { VersionStamp } from '../../model/amendments.ts';
import type { ApprovedVersion, WorkflowEvent } from '../../model/api-types.ts';
import type { DictionaryEntry } from '../../model/dictionary.ts';
import type { Dialect } from './sql-dialect.ts';
import { insertAll, type SqlSession } from './sql-session.ts';
import { sqlStatements, type SqlStatements } from './sql-statements.ts';
import {
  accountDifferences,
  auditActionOf,
  bytes,
  cappedHeadline,
  cappedSummary,
  toArticle,
  toAuditEvent,
  toClientAuthor,
  toCreditUse,
  toDesk,
  toDictionaryEntry,
  toEvent,
  toPerson,
  toPicture,
  toRevision,
  toSession,
  toUser,
  toVersion,
  withoutSecret,
} from './store-rows.ts';
import {
  DuplicateError,
  type AccountChange,
  type AccountChangeResult,
  type AuditBy,
  type ApprovedFacts,
  type ArticleListQuery,
  type ArticleRecord,
  type ArticleSummary,
  type AuditEvent,
  type ClientAuthor,
  type CreditUse,
  type DeskChange,
  type DeskRecord,
  type DictionaryAddResult,
  type NewUser,
  type Person,
  type NewRevision,
  type NewWorkflowEvent,
  type PictureRecord,
  type PictureUse,
  type ReleaseChange,
  type Restriction,
  type RevisionRecord,
  type SessionRecord,
  type SpikeChange,
  type Store,
  type StoredDocument,
  type User,
  type UserWithSecret,
  type WorkflowChange,
} from './store.ts';

/**
 * Every Store call but `close`, as SQL on `db` in `dialect`; closing is the engine's. Its helpers
 * are #private, so that its prototype holds the Store's calls and nothing else (sqlite-store.ts forwards them all).
 */
export class SqlStore implements Omit<Store, 'close'> {
  private readonly sql: SqlStatements;

  constructor(
    private readonly db: SqlSession,
    private readonly dialect: Dialect,
  ) {
    this.sql = sqlStatements(dialect);
  }

  async #one<T>(sql: string, params: Record<string, unknown>, map: (row: Record<string, unknown>) => T, on = this.db): Promise<T | null> {
    const [row] = await on.all(sql, params);
    return row ? map(row) : null;
  }

  async addUser(user: NewUser): Promise<User> {
    const stored = { ...user, id: user.id ?? randomUUID(), createdAt: Date.now() };
    try {
      await this.db.run(this.sql.addUser, stored);
    } catch (error) {
      if (this.dialect.isDuplicate(error, 'username')) throw new DuplicateError(`the username ${user.username} is taken`);
      throw error;
    }
    return withoutSecret({ ...stored, disabled: false });
  }

  async listPeople(): Promise<Person[]> {
    const desks = new Map<string, string[]>();
    for (const row of await this.db.all(this.sql.listMemberships)) {
      const userId = row.user_id as string;
      desks.set(userId, [...(desks.get(userId) ?? []), row.desk_id as string]);
    }
    return (await this.db.all(this.sql.listPeople)).map((row) => toPerson(row, desks.get(row.id as string) ?? []));
  }

  getPerson(id: string): Promise<Person | null> {
    return this.#person(this.db, id);
  }

  async #person(on: SqlSession, id: string): Promise<Person | null> {
    const [row] = await on.all(this.sql.getPerson, { id });
    if (!row) return null;
    const desks = (await on.all(this.sql.listMembershipsOf, { userId: id })).map((membership) => membership.desk_id as string);
    return toPerson(row, desks);
  }

  changeAccount(id: string, change: AccountChange, at: number, by: AuditBy): Promise<AccountChangeResult> {
    return this.db.transaction(async (tx) => {
      if (this.sql.lockAdmins) await tx.all(this.sql.lockAdmins);
      const before = await this.#person(tx, id);
      if (!before) return { kind: 'missing' };
      const disabledAt = change.disabled === undefined ? before.disabledAt : change.disabled ? (before.disabledAt ?? at) : null;
      const role = change.role ?? before.role;
      const wasActiveAdmin = before.role === 'admin' && before.disabledAt === null;
      if (wasActiveAdmin && (role !== 'admin' || disabledAt !== null)) {
        const admins = (await this.#one(this.sql.countActiveAdmins, {}, (row) => Number(row.n), tx))!;
        if (admins <= 1) return { kind: 'last-admin' };
      }
      await tx.run(this.sql.changeAccount, { id, role, displayName: change.displayName ?? before.displayName, disabledAt });
      if (disabledAt !== null && before.disabledAt === null) await tx.run(this.sql.deleteUserSessions, { userId: id });
      if (change.desks) {
        await tx.run(this.sql.dropMemberships, { userId: id });
        await insertAll(tx, this.sql.addMemberships, [...new Set(change.desks)].map((deskId) => ({ deskId, userId: id })));
      }
      const after = (await this.#person(tx, id))!;
      const detail = { username: after.username, ...accountDifferences(before, after), ...by.detail };
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'user.change', articleId: null, detail });
      return { kind: 'changed', before, after };
    });
  }

  async listDesks(): Promise<DeskRecord[]> {
    return (await this.db.all(this.sql.listDesks)).map(toDesk);
  }

  addDesk(desk: { name: string; createdAt: number }, by: AuditBy): Promise<DeskRecord> {
    return this.db.transaction(async (tx) => {
      const stored = { id: randomUUID(), ...desk };
      await this.#unique(desk.name, () => tx.run(this.sql.addDesk, stored));
      const detail = { desk: stored.id, name: stored.name, ...by.detail };
      await this.#insertAudit(tx, { at: desk.createdAt, userId: by.userId, action: 'desk.add', articleId: null, detail });
      return { ...stored, archivedAt: null, limits: { headlineChars: null, bodyWords: null } };
    });
  }

  changeDesk(id: string, change: DeskChange, at: number, by: AuditBy): Promise<DeskRecord | null> {
    return this.db.transaction(async (tx) => {
      const before = await this.#one(this.sql.getDesk, { id }, toDesk, tx);
      if (!before) return null;
      const after = {
        ...before,
        name: change.name ?? before.name,
        archivedAt: change.archived === undefined ? before.archivedAt : change.archived ? (before.archivedAt ?? at) : null,
        limits: change.limits ?? before.limits,
      };
      await this.#unique(after.name, () => tx.run(this.sql.changeDesk, { id, name: after.name, archivedAt: after.archivedAt, ...after.limits }));
      const detail = { desk: id, ...change, ...by.detail };
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'desk.change', articleId: null, detail });
      return after;
    });
  }

  // Runs `write`, a DuplicateError when the desk name `name` is taken.
  async #unique(name: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (this.dialect.isDuplicate(error, 'desk name')) throw new DuplicateError(`there is a desk called ${name} already`);
      throw error;
    }
  }

  setArticleDesk(articleId: string, deskId: string | null, at: number, by: AuditBy): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.all(this.sql.articleDeskOf, { articleId });
      if (!before) return false;
      await tx.run(this.sql.setArticleDesk, { articleId, deskId });
      const detail = { from: (before.desk_id as string | null) ?? null, to: deskId, ...by.detail };
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'article.desk', articleId, detail });
      return true;
    });
  }

  setArticleRestriction(articleId: string, restriction: Restriction, at: number, audit: AuditEvent): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // Restricting again keeps the time it was first restricted.
      const before = await tx.all(this.sql.getArticle, { id: articleId });
      if (before.length === 0) return false;
      const restrictedAt = restriction.restricted ? ((before[0].restricted_at as number | null) ?? at) : null;
      await tx.run(this.sql.setRestricted, { articleId, restrictedAt });
      await tx.run(this.sql.dropArticlePeople, { articleId });
      await insertAll(tx, this.sql.addArticlePeople, [...new Set(restriction.people)].map((userId) => ({ articleId, userId })));
      await this.#insertAudit(tx, audit);
      return true;
    });
  }

  setRelease(articleId: string, change: ReleaseChange, at: number, by: AuditBy): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [before] = await tx.all(this.sql.releaseOf, { articleId });
      if (!before || before.killed_at !== null) return false;
      const holdNote = change.holdNote;
      const kept = holdNote !== null && before.hold_note === holdNote;
      const hold = holdNote === null ? { holdBy: null, holdAt: null } : kept ? { holdBy: before.hold_by, holdAt: before.hold_at } : { holdBy: by.userId, holdAt: at };
      await tx.run(this.sql.setRelease, { articleId, embargoUntil: change.embargoUntil, holdNote, ...hold });
      const detail = { embargoUntil: [before.embargo_until ?? null, change.embargoUntil], hold: [before.hold_note ?? null, holdNote], ...by.detail };
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'article.release', articleId, detail });
      return true;
    });
  }

  killArticle(articleId: string, note: string, at: number, by: AuditBy): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if ((await tx.run(this.sql.killArticle, { articleId, note, userId: by.userId, at })) === 0) return false;
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'article.kill', articleId, detail: { note, ...by.detail } });
      return true;
    });
  }

  async listRestrictedArticles(): Promise<ArticleRecord[]> {
    return (await this.db.all(this.sql.listRestrictedArticles)).map(toArticle);
  }

  async listArticlePeople(articleId: string): Promise<string[]> {
    return (await this.db.all(this.sql.listArticlePeople, { articleId })).map((row) => row.user_id as string);
  }

  findUserByUsername(username: string): Promise<UserWithSecret | null> {
    return this.#one(this.sql.findUserByUsername, { username }, toUser);
  }

  getUser(id: string): Promise<User | null> {
    return this.#one(this.sql.getUser, { id }, (row) => withoutSecret(toUser(row)));
  }

  async countUsers(): Promise<number> {
    return (await this.#one(this.sql.countUsers, {}, (row) => row.n as number))!;
  }

  async setPasswordHash(userId: string, passwordHash: string, expected?: string): Promise<boolean> {
    if (expected === undefined) return (await this.db.run(this.sql.setPasswordHash, { userId, passwordHash })) > 0;
    return (await this.db.run(this.sql.replacePasswordHash, { userId, passwordHash, expected })) > 0;
  }

  createSession(session: SessionRecord): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.run(this.sql.createSession, { ...session });
      await tx.run(this.sql.recordSignIn, { ...session });
    });
  }

  findSession(tokenHash: string): Promise<SessionRecord | null> {
    return this.#one(this.sql.findSession, { tokenHash }, toSession);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.run(this.sql.deleteSession, { tokenHash });
  }

  deleteExpiredSessions(now: number): Promise<number> {
    return this.db.run(this.sql.deleteExpiredSessions, { now });
  }

  deleteUserSessions(userId: string, keep?: string): Promise<number> {
    return keep === undefined ? this.db.run(this.sql.deleteUserSessions, { userId }) : this.db.run(this.sql.deleteOtherSessions, { userId, keep });
  }

  async serverSecret(name: string, candidate: string): Promise<string> {
    await this.db.run(this.sql.storeSecret, { name, value: candidate, createdAt: Date.now() });
    return (await this.#one(this.sql.readSecret, { name }, (row) => row.value as string))!;
  }

  async createArticle(article: { id: string; createdBy: string; createdAt: number; headline: string }): Promise<{ created: boolean; article: ArticleRecord }> {
    const inserted = await this.db.run(this.sql.createArticle, { ...article, headline: cappedHeadline(article.headline) });
    const stored = await this.getArticle(article.id);
    if (!stored) throw new Error(`article ${article.id} vanished while being created`);
    return { created: inserted === 1, article: stored };
  }

  getArticle(id: string): Promise<ArticleRecord | null> {
    return this.#one(this.sql.getArticle, { id }, toArticle);
  }

  async listArticles(query: ArticleListQuery = {}): Promise<ArticleRecord[]> {
    const page = this.sql.listArticles(query);
    return (await this.db.all(page.sql, page.params)).map(toArticle);
  }

  updateArticleSummary(id: string, given: ArticleSummary, pictures: PictureUse[], approved?: ApprovedFacts): Promise<void> {
    const summary = cappedSummary(given);
    return this.db.transaction(async (tx) => {
      if ((await tx.run(this.sql.updateSummary, { ...summary, assignees: JSON.stringify(summary.assignees), id })) === 0) return; // no such story: nothing to index either
      await this.#indexPictures(tx, id, 'draft', pictures);
      if (approved && (await tx.run(this.sql.keepApprovedHash, { id, revision: approved.revision, contentHash: approved.contentHash })) === 1) {
        await this.#indexPictures(tx, id, 'approved', approved.pictures);
      }
    });
  }

  // Replaces the index of one version's pictures of a story (inside the caller's transaction).
  async #indexPictures(tx: SqlSession, articleId: string, version: CreditUse['version'], pictures: PictureUse[]): Promise<void> {
    await tx.run(this.sql.unindexPictures, { articleId, version });
    await insertAll(tx, this.sql.indexPictures, pictures.map((p, position) => ({ articleId, version, position, ...p })));
  }

  async listUnindexedArticles(): Promise<ArticleRecord[]> {
    return (await this.db.all(this.sql.listUnindexedArticles)).map(toArticle);
  }

  loadDocument(articleId: string): Promise<StoredDocument> {
    // One snapshot of the database for both reads: a compaction committing between them would
    // otherwise leave an old snapshot with its log already deleted.
    return this.db.transaction(async (tx) => {
      const [snapshot] = await tx.all(this.sql.loadSnapshot, { articleId });
      const uptoSeq = (snapshot?.upto_seq as number | undefined) ?? 0;
      const rows = await tx.all(this.sql.loadLog, { articleId, after: uptoSeq });
      return {
        snapshot: snapshot ? bytes(snapshot.data) : null,
        updates: rows.map((r) => bytes(r.data)),
        lastSeq: rows.length > 0 ? (rows[rows.length - 1].seq as number) : uptoSeq,
      };
    }, 'snapshot');
  }

  async appendUpdates(articleId: string, updates: Uint8Array[]): Promise<number> {
    if (updates.length === 0) return 0;
    return this.db.transaction((tx) => this.dialect.appendUpdates(tx, articleId, updates));
  }

  compact(articleId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    return this.db.transaction(async (tx) => {
      await tx.run(this.sql.storeSnapshot, { articleId, data: state, uptoSeq, createdAt: Date.now() });
      await tx.run(this.sql.dropLog, { articleId, uptoSeq });
    });
  }

  async listLongLogs(minEntries: number): Promise<string[]> {
    return (await this.db.all(this.sql.listLongLogs, { minEntries })).map((row) => row.article_id as string);
  }

  async documentSize(articleId: string): Promise<{ snapshotBytes: number; logBytes: number; logEntries: number }> {
    const size = (row: Record<string, unknown>) => ({
      snapshotBytes: (row.snapshot_bytes as number | null) ?? 0,
      logBytes: row.log_bytes as number,
      logEntries: row.log_entries as number,
    });
    return (await this.#one(this.sql.documentSize, { articleId }, size))!;
  }

  addRevision(revision: NewRevision): Promise<RevisionRecord> {
    return this.db.transaction(async (tx) => {
      // Concurrent snapshots (from any instance) take numbers in turn; without it two would read
      // the same max(number) and one would fail on the key.
      if (this.sql.lockArticle) await tx.run(this.sql.lockArticle, { articleId: revision.articleId });
      const { number } = (await tx.all(this.sql.addRevision, { ...revision }))[0] as { number: number };
      const event = { articleId: revision.articleId, revision: number, action: 'snapshot', userId: revision.createdBy, note: revision.note, at: revision.createdAt } as const;
      await this.#insertWorkflowEvent(tx, event, { wordCount: revision.wordCount });
      return (await this.#one(this.sql.getRevision, { articleId: revision.articleId, number }, toRevision, tx))!;
    });
  }

  async listRevisions(articleId: string): Promise<RevisionRecord[]> {
    return (await this.db.all(this.sql.listRevisions, { articleId })).map(toRevision);
  }

  getRevision(articleId: string, number: number): Promise<RevisionRecord | null> {
    return this.#one(this.sql.getRevision, { articleId, number }, toRevision);
  }

  loadRevisionState(articleId: string, number: number): Promise<Uint8Array | null> {
    return this.#one(this.sql.loadRevisionState, { articleId, number }, (row) => bytes(row.state));
  }

  recordWorkflowEvent(event: NewWorkflowEvent, change?: WorkflowChange): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (change) {
        const { from, to } = change;
        const moved = await tx.run(this.sql.moveWorkflow, {
          id: event.articleId,
          toStatus: to.status,
          toSubmitted: to.submittedRevision,
          toApproved: to.approvedRevision,
          fromStatus: from.status,
          fromSubmitted: from.submittedRevision,
          fromApproved: from.approvedRevision,
          toReopenedAs: to.reopened?.kind ?? null,
          toReopenedNote: to.reopened?.note ?? null,
          fromReopenedAs: from.reopened?.kind ?? null,
        });
        if (moved === 0) return false;
        await tx.run(this.sql.copyApprovedFacts, { id: event.articleId, approved: to.approvedRevision });
        if (change.approvedPictures) await this.#indexPictures(tx, event.articleId, 'approved', change.approvedPictures);
        if (change.approvedVersion) await this.#addVersion(tx, event, change.approvedVersion);
      }
      const { approvedPictures: _indexed, ...move } = change ?? {};
      await this.#insertWorkflowEvent(tx, event, move);
      return true;
    });
  }

  setSpiked(event: NewWorkflowEvent, change: SpikeChange): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const moved = await tx.run(this.sql.setSpiked, {
        id: event.articleId,
        spikedAt: change.spiked ? event.at : null,
        spiking: change.spiked,
        approvedRevision: change.approvedRevision,
      });
      if (moved === 0) return false;
      await this.#insertWorkflowEvent(tx, event, { spiked: change.spiked });
      return true;
    });
  }

  async listVersions(articleId: string): Promise<ApprovedVersion[]> {
    return (await this.db.all(this.sql.listVersions, { articleId })).map(toVersion);
  }

  // An approval's version, of the revision it approves, and the story's current version with it.
  async #addVersion(tx: SqlSession, event: NewWorkflowEvent, { version, amendment }: VersionStamp): Promise<void> {
    await tx.run(this.sql.addVersion, {
      articleId: event.articleId,
      version,
      revision: event.revision,
      amendmentKind: amendment?.kind ?? null,
      amendmentNumber: amendment?.number ?? null,
      amendmentNote: amendment?.note ?? '',
      at: event.at,
      userId: event.userId,
    });
    await tx.run(this.sql.setVersion, { id: event.articleId, version });
  }

  // Every workflow event is audited too, in the same transaction.
  async #insertWorkflowEvent(tx: SqlSession, event: NewWorkflowEvent, auditDetail: Record<string, unknown>): Promise<void> {
    await tx.run(this.sql.addWorkflowEvent, { ...event });
    const detail = { revision: event.revision, note: event.note, ...auditDetail };
    await this.#insertAudit(tx, { at: event.at, userId: event.userId, action: auditActionOf(event.action), articleId: event.articleId, detail });
  }

  async listWorkflowEvents(articleId: string): Promise<WorkflowEvent[]> {
    return (await this.db.all(this.sql.listWorkflowEvents, { articleId })).map((row) => toEvent(row));
  }

  async addClientAuthors(articleId: string, authors: ClientAuthor[]): Promise<void> {
    // The first user named for a client id wins, within this call as across calls.
    const first = new Map<number, ClientAuthor>();
    for (const author of authors) if (!first.has(author.clientId)) first.set(author.clientId, author);
    await insertAll(this.db, this.sql.addClientAuthors, [...first.values()].map((author) => ({ articleId, ...author })));
  }

  async listClientAuthors(articleId: string): Promise<ClientAuthor[]> {
    return (await this.db.all(this.sql.listClientAuthors, { articleId })).map(toClientAuthor);
  }

  async addPicture(picture: PictureRecord): Promise<{ created: boolean; picture: PictureRecord }> {
    const inserted = await this.db.run(this.sql.addPicture, { ...picture });
    return { created: inserted === 1, picture: (await this.getPicture(picture.hash))! };
  }

  getPicture(hash: string): Promise<PictureRecord | null> {
    return this.#one(this.sql.getPicture, { hash }, toPicture);
  }

  async listCreditUses(viewerId?: string): Promise<CreditUse[]> {
    const rows = viewerId === undefined ? await this.db.all(this.sql.listCreditUses(false)) : await this.db.all(this.sql.listCreditUses(true), { viewerId });
    return rows.map(toCreditUse);
  }

  async pictureUses(hash: string): Promise<{ openUse: boolean; restricted: ArticleRecord[] }> {
    const [open, restricted] = await Promise.all([this.db.all(this.sql.openUseOf, { hash }), this.db.all(this.sql.restrictedUsesOf, { hash })]);
    return { openUse: open.length > 0, restricted: restricted.map(toArticle) };
  }

  async listDictionary(): Promise<DictionaryEntry[]> {
    return (await this.db.all(this.sql.listDictionary)).map(toDictionaryEntry);
  }

  addDictionaryWord(word: string, max: number, at: number, by: AuditBy): Promise<DictionaryAddResult> {
    return this.db.transaction(async (tx) => {
      const stored = await this.#one(this.sql.getDictionaryWord, { word }, toDictionaryEntry, tx);
      if (stored) return { kind: 'exists', entry: stored };
      // Two words added at the same moment may both pass the count: the cap is a bound, not a quota.
      if ((await this.#one(this.sql.countDictionary, {}, (row) => Number(row.n), tx))! >= max) return { kind: 'full' };
      if ((await tx.run(this.sql.addDictionaryWord, { word, userId: by.userId, at })) === 0) {
        return { kind: 'exists', entry: (await this.#one(this.sql.getDictionaryWord, { word }, toDictionaryEntry, tx))! };
      }
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'dictionary.add', articleId: null, detail: { word, ...by.detail } });
      return { kind: 'added', entry: (await this.#one(this.sql.getDictionaryWord, { word }, toDictionaryEntry, tx))! };
    });
  }

  removeDictionaryWord(word: string, at: number, by: AuditBy): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if ((await tx.run(this.sql.removeDictionaryWord, { word })) === 0) return false;
      await this.#insertAudit(tx, { at, userId: by.userId, action: 'dictionary.remove', articleId: null, detail: { word, ...by.detail } });
      return true;
    });
  }

  audit(event: AuditEvent): Promise<void> {
    return this.#insertAudit(this.db, event);
  }

  async #insertAudit(on: SqlSession, event: AuditEvent): Promise<void> {
    // Serialised here for both engines, so both keep exactly what JSON.stringify keeps.
    await on.run(this.sql.audit, { ...event, detail: JSON.stringify(event.detail) });
  }

  async listAudit(filter: { articleId?: string; limit?: number }): Promise<AuditEvent[]> {
    const limit = filter.limit ?? 1000;
    const rows =
      filter.articleId === undefined
        ? await this.db.all(this.sql.listAudit, { limit })
        : await this.db.all(this.sql.listArticleAudit, { articleId: filter.articleId, limit });
    return rows.map((row) => toAuditEvent(row, (text) => this.dialect.readJson(text)));
  }
}
