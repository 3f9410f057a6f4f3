// The SQLite store's revision, workflow-event and client-author methods, through the worker
// thread as the server uses them: numbering, immutability, compare-and-set workflow moves with
// their audit entries, first-writer-wins authors, the story list's latest event, and the
// migration of a data dir written before revisions existed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { headlineText } from '../../model/article-schema.ts';
import { INITIAL_WORKFLOW, type WorkflowState } from '../../model/workflow.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { NewRevision, User } from '../../server/storage/store.ts';

let dataDir: string | undefined;
let store: SqliteStore | undefined;
afterEach(async () => {
  await store?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  store = undefined;
  dataDir = undefined;
});

async function open(): Promise<SqliteStore> {
  dataDir ??= await mkdtemp(join(tmpdir(), 'newsroom-revisions-'));
  store = await SqliteStore.open(dataDir);
  return store;
}

const stateWith = (headline: string) => {
  const doc = new Y.Doc();
  headlineText(doc).insert(0, headline);
  return Y.encodeStateAsUpdate(doc);
};

async function setUp(s: SqliteStore): Promise<{ ana: User; eve: User; article: string }> {
  const ana = await s.addUser({ username: 'ana', displayName: 'Ana Reporter', role: 'reporter', passwordHash: 'x' });
  const eve = await s.addUser({ username: 'eve', displayName: 'Eve Editor', role: 'editor', passwordHash: 'x' });
  const { article } = await s.createArticle({ id: 'story-1', createdBy: ana.id, createdAt: 1, headline: 'One' });
  return { ana, eve, article: article.id };
}

const revision = (articleId: string, by: User, headline: string, at = Date.now()): NewRevision => ({
  articleId,
  createdAt: at,
  createdBy: by.id,
  note: `note ${headline}`,
  wordCount: headline.split(' ').length,
  state: stateWith(headline),
});

describe('SQLite store: revisions', () => {
  it('numbers revisions from 1 per story, keeps their facts and exact state, oldest first', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 1, headline: 'Two' });
    const firstInput = revision(article, ana, 'First draft', 1000);
    const first = await s.addRevision(firstInput);
    const other = await s.addRevision(revision('story-2', ana, 'Elsewhere'));
    const second = await s.addRevision(revision(article, ana, 'Second draft here', 2000));
    expect(first).toEqual({ articleId: article, number: 1, createdAt: 1000, createdBy: ana.id, createdByName: 'Ana Reporter', note: 'note First draft', wordCount: 2 });
    expect(other.number).toBe(1);
    expect(second.number).toBe(2);
    expect((await s.listRevisions(article)).map((r) => [r.number, r.note])).toEqual([
      [1, 'note First draft'],
      [2, 'note Second draft here'],
    ]);
    expect(await s.getRevision(article, 2)).toEqual(second);
    expect(await s.getRevision(article, 3)).toBeNull();
    expect(await s.loadRevisionState(article, 3)).toBeNull();
    const state = await s.loadRevisionState(article, 1);
    expect(state).toEqual(firstInput.state);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state!);
    expect(headlineText(doc).toString()).toBe('First draft');
  });

  it('gives concurrent snapshots distinct consecutive numbers', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => s.addRevision(revision(article, ana, `Draft ${i}`))));
    expect(made.map((r) => r.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('writes a snapshot workflow event and an audit entry with each revision', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Draft', 5000));
    expect(await s.listWorkflowEvents(article)).toEqual([
      { articleId: article, revision: 1, action: 'snapshot', userId: ana.id, userName: 'Ana Reporter', note: 'note Draft', at: 5000 },
    ]);
    const audit = await s.listAudit({ articleId: article });
    expect(audit).toEqual([{ at: 5000, userId: ana.id, action: 'revision.snapshot', articleId: article, detail: { revision: 1, note: 'note Draft', wordCount: 1 } }]);
  });

  it('refuses a revision of an unknown story', async () => {
    const s = await open();
    const { ana } = await setUp(s);
    await expect(s.addRevision(revision('no-such-story', ana, 'Ghost'))).rejects.toThrow(/FOREIGN KEY/);
  });

  it('never lets a revision or a workflow event change or go, even by hand', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Kept'));
    await s.close();
    store = undefined;
    const db = new Database(databasePath(dataDir!));
    try {
      expect(() => db.prepare("UPDATE revisions SET note = 'rewritten'").run()).toThrow(/immutable/);
      expect(() => db.prepare('UPDATE revisions SET state = ?').run(Buffer.from([0]))).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM revisions').run()).toThrow(/never deleted/);
      expect(() => db.prepare("UPDATE workflow_events SET note = 'rewritten'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM workflow_events').run()).toThrow(/never deleted/);
      expect(db.prepare('SELECT note FROM revisions').all()).toEqual([{ note: 'note Kept' }]);
    } finally {
      db.close();
    }
  });
});

describe('SQLite store: workflow events and state', () => {
  const submitted: WorkflowState = { status: 'submitted', submittedRevision: 1, approvedRevision: null };

  it('moves the workflow state only from the expected state, recording the event and its audit entry together', async () => {
    const s = await open();
    const { ana, eve, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Draft', 10));
    const submit = { articleId: article, revision: 1, action: 'submit' as const, userId: ana.id, note: 'please look', at: 20 };
    expect(await s.recordWorkflowEvent(submit, { from: INITIAL_WORKFLOW, to: submitted })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ ...submitted, lastEvent: { ...submit, userName: 'Ana Reporter' } });

    // A second move from the old state (someone raced us) changes and records nothing.
    const late = { articleId: article, revision: 1, action: 'submit' as const, userId: eve.id, note: 'late', at: 30 };
    expect(await s.recordWorkflowEvent(late, { from: INITIAL_WORKFLOW, to: submitted })).toBe(false);
    expect((await s.listWorkflowEvents(article)).map((e) => e.note)).toEqual(['note Draft', 'please look']);

    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 1 };
    const approve = { articleId: article, revision: 1, action: 'approve' as const, userId: eve.id, note: '', at: 40 };
    expect(await s.recordWorkflowEvent(approve, { from: submitted, to: approved })).toBe(true);
    expect(await s.getArticle(article)).toMatchObject(approved);

    const audit = (await s.listAudit({ articleId: article })).reverse();
    expect(audit.map((a) => [a.action, a.userId, a.at])).toEqual([
      ['revision.snapshot', ana.id, 10],
      ['revision.submit', ana.id, 20],
      ['revision.approve', eve.id, 40],
    ]);
    expect(audit[2].detail).toEqual({ revision: 1, note: '', from: submitted, to: approved });
  });

  it('records an event without a state change (a restore) and leaves the state alone', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    const restore = { articleId: article, revision: 1, action: 'restore' as const, userId: ana.id, note: '', at: 50 };
    expect(await s.recordWorkflowEvent(restore)).toBe(true);
    expect(await s.getArticle(article)).toMatchObject({ ...INITIAL_WORKFLOW, lastEvent: { ...restore, userName: 'Ana Reporter' } });
    expect((await s.listAudit({ articleId: article }))[0]).toMatchObject({ action: 'revision.restore', detail: { revision: 1 } });
  });

  it('lists each story with its own latest event, or null', async () => {
    const s = await open();
    const { ana, eve, article } = await setUp(s);
    await s.createArticle({ id: 'quiet', createdBy: ana.id, createdAt: 2, headline: 'Quiet' });
    await s.createArticle({ id: 'busy', createdBy: ana.id, createdAt: 3, headline: 'Busy' });
    await s.addRevision(revision('busy', ana, 'Busy draft'));
    await s.addRevision(revision(article, ana, 'Draft'));
    await s.recordWorkflowEvent({ articleId: article, revision: 1, action: 'reject', userId: eve.id, note: 'Needs sources', at: 99 });
    const byId = new Map((await s.listArticles()).map((a) => [a.id, a.lastEvent]));
    expect(byId.get('quiet')).toBeNull();
    expect(byId.get('busy')).toMatchObject({ action: 'snapshot', articleId: 'busy', userName: 'Ana Reporter' });
    expect(byId.get(article)).toEqual({ articleId: article, revision: 1, action: 'reject', userId: eve.id, userName: 'Eve Editor', note: 'Needs sources', at: 99 });
  });
});

describe('SQLite store: client authors', () => {
  it('keeps the first user recorded for a client id, per story', async () => {
    const s = await open();
    const { ana, eve, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 1, headline: 'Two' });
    await s.addClientAuthors(article, [
      { clientId: 11, userId: ana.id },
      { clientId: 22, userId: eve.id },
    ]);
    await s.addClientAuthors(article, [
      { clientId: 11, userId: eve.id },
      { clientId: 33, userId: eve.id },
    ]);
    await s.addClientAuthors('story-2', [{ clientId: 11, userId: eve.id }]);
    const sorted = (list: { clientId: number; userId: string }[]) => [...list].sort((a, b) => a.clientId - b.clientId);
    expect(sorted(await s.listClientAuthors(article))).toEqual([
      { clientId: 11, userId: ana.id },
      { clientId: 22, userId: eve.id },
      { clientId: 33, userId: eve.id },
    ]);
    expect(await s.listClientAuthors('story-2')).toEqual([{ clientId: 11, userId: eve.id }]);
    expect(await s.listClientAuthors('no-such-story')).toEqual([]);
  });
});

describe('SQLite store: migration', () => {
  it('upgrades a data dir written before revisions existed, keeping its stories', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-revisions-'));
    const old = new Database(databasePath(dataDir));
    old.exec(SQLITE_MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO articles (id, created_at, created_by, updated_at, headline, status) VALUES ('old', 1, 'u', 1, 'Old story', 'draft')").run();
    old.close();

    const s = await open();
    const db = new Database(databasePath(dataDir), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    db.close();
    expect(await s.getArticle('old')).toMatchObject({ headline: 'Old story', status: 'draft', lastEvent: null });
    const ana = await s.addUser({ username: 'ana', displayName: 'Ana', role: 'reporter', passwordHash: 'x' });
    expect((await s.addRevision(revision('old', ana, 'Now kept'))).number).toBe(1);
  });
});
