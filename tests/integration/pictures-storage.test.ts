// The SQLite store's picture methods through the worker thread (uploaded pictures, the story
// list's picture counts, the credits index of drafts and approved revisions), the file blob
// store, and a data dir written before pictures existed: migrated, then indexed at start.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { CreditReport } from '../../model/api-types.ts';
import { addPicture, headlineText } from '../../model/article-schema.ts';
import type { WorkflowState } from '../../model/workflow.ts';
import { blobDirectory, FileBlobStore } from '../../server/pictures/file-blob-store.ts';
import { sha256Hex } from '../../server/pictures/picture-hash.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { ArticleSummary, PictureRecord, PictureUse, User } from '../../server/storage/store.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

let dataDir: string | undefined;
let store: SqliteStore | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await store?.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  store = undefined;
  server = undefined;
  dataDir = undefined;
});

async function open(): Promise<SqliteStore> {
  dataDir ??= await mkdtemp(join(tmpdir(), 'newsroom-pictures-'));
  store = await SqliteStore.open(dataDir);
  return store;
}

async function setUp(s: SqliteStore): Promise<{ ana: User; article: string }> {
  const ana = await s.addUser({ username: 'ana', displayName: 'Ana Reporter', role: 'reporter', passwordHash: 'x' });
  const { article } = await s.createArticle({ id: 'story-1', createdBy: ana.id, createdAt: 1, headline: 'One' });
  return { ana, article: article.id };
}

const picture = (hash: string, by: User, fields: Partial<PictureRecord> = {}): PictureRecord => ({
  hash,
  mimeType: 'image/jpeg',
  width: 800,
  height: 600,
  bytes: 12345,
  credit: 'Ann Snapper',
  copyright: '(c) Ann',
  previewHash: 'f'.repeat(64),
  uploadedBy: by.id,
  uploadedAt: 1000,
  ...fields,
});

const summary = (headline: string, fields: Partial<ArticleSummary> = {}): ArticleSummary => ({
  headline,
  byline: '',
  desk: '',
  slug: '',
  wordCount: 3,
  pictureCount: 0,
  picturesMissingCredit: 0,
  updatedAt: 2000,
  updatedBy: null,
  ...fields,
});

const use = (pictureId: string, credit: string, fields: Partial<PictureUse> = {}): PictureUse => ({ pictureId, hash: '', caption: '', credit, ...fields });

describe('SQLite store: pictures', () => {
  it('records a picture once: the same hash again keeps the first record', async () => {
    const s = await open();
    const { ana } = await setUp(s);
    const first = picture('a'.repeat(64), ana);
    expect(await s.addPicture(first)).toEqual({ created: true, picture: first });
    const second = await s.addPicture(picture('a'.repeat(64), ana, { credit: 'Someone else', uploadedAt: 5000 }));
    expect(second).toEqual({ created: false, picture: first });
    expect(await s.getPicture('a'.repeat(64))).toEqual(first);
    expect(await s.getPicture('b'.repeat(64))).toBeNull();
  });

  it('refuses a picture from an unknown user', async () => {
    const s = await open();
    await expect(s.addPicture(picture('c'.repeat(64), { id: 'ghost' } as User))).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe('SQLite store: picture counts and the credits index', () => {
  it('stores the picture counts with the summary and lists the credited draft uses with their story', async () => {
    const s = await open();
    const { article } = await setUp(s);
    await s.updateArticleSummary(article, summary('Harbour fire', { pictureCount: 3, picturesMissingCredit: 1 }), [
      use('p1', 'Reuters', { caption: 'Smoke', hash: 'a'.repeat(64) }),
      use('p2', ''),
      use('p3', 'Jane Doe'),
    ]);
    expect(await s.getArticle(article)).toMatchObject({ headline: 'Harbour fire', pictureCount: 3, picturesMissingCredit: 1 });
    expect((await s.listArticles())[0]).toMatchObject({ pictureCount: 3, picturesMissingCredit: 1 });
    expect(await s.listCreditUses()).toEqual([
      { version: 'draft', articleId: article, headline: 'Harbour fire', status: 'draft', pictureId: 'p1', hash: 'a'.repeat(64), caption: 'Smoke', credit: 'Reuters' },
      { version: 'draft', articleId: article, headline: 'Harbour fire', status: 'draft', pictureId: 'p3', hash: '', caption: '', credit: 'Jane Doe' },
    ]);

    // The next summary replaces the draft's index.
    await s.updateArticleSummary(article, summary('Harbour fire', { pictureCount: 1 }), [use('p3', 'AP')]);
    expect((await s.listCreditUses()).map((u) => [u.pictureId, u.credit])).toEqual([['p3', 'AP']]);
  });

  it('indexes the approved revision with the approval, in the same transaction, and not when the approval loses a race', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    await s.updateArticleSummary(article, summary('Story'), [use('p1', 'Draft Credit')]);
    const submitted: WorkflowState = { status: 'submitted', submittedRevision: 1, approvedRevision: null };
    const approved: WorkflowState = { status: 'approved', submittedRevision: null, approvedRevision: 1 };
    const event = { articleId: article, revision: 1, action: 'approve' as const, userId: ana.id, note: '', at: 50 };

    // From the wrong state: nothing moves and nothing is indexed.
    expect(await s.recordWorkflowEvent(event, { from: approved, to: approved, approvedPictures: [use('p1', 'Lost')] })).toBe(false);
    expect((await s.listCreditUses()).map((u) => u.credit)).toEqual(['Draft Credit']);

    await s.recordWorkflowEvent({ ...event, action: 'submit' }, { from: { status: 'draft', submittedRevision: null, approvedRevision: null }, to: submitted });
    expect(await s.recordWorkflowEvent(event, { from: submitted, to: approved, approvedPictures: [use('p1', 'Approved Credit')] })).toBe(true);
    expect((await s.listCreditUses()).map((u) => [u.version, u.credit, u.status])).toEqual([
      ['draft', 'Draft Credit', 'approved'],
      ['approved', 'Approved Credit', 'approved'],
    ]);
    // The audit entry records the move, not the pictures.
    const [audit] = await s.listAudit({ articleId: article });
    expect(audit.detail).toEqual({ revision: 1, note: '', from: submitted, to: approved });

    // A summary leaves the approved index alone.
    await s.updateArticleSummary(article, summary('Story'), []);
    expect((await s.listCreditUses()).map((u) => [u.version, u.credit])).toEqual([['approved', 'Approved Credit']]);
  });

  it('ignores a summary of a story that does not exist', async () => {
    const s = await open();
    await setUp(s);
    await s.updateArticleSummary('no-such-story', summary('Ghost'), [use('p1', 'Reuters')]);
    expect(await s.listCreditUses()).toEqual([]);
    expect(await s.getArticle('no-such-story')).toBeNull();
  });

  it('lists the stories whose pictures were never indexed, and re-indexes an approved revision only while it is the approved one', async () => {
    const s = await open();
    const { ana, article } = await setUp(s);
    await s.createArticle({ id: 'story-2', createdBy: ana.id, createdAt: 2, headline: 'Two' });
    expect((await s.listUnindexedArticles()).map((a) => a.id)).toEqual([article, 'story-2']);
    await s.updateArticleSummary(article, summary('One'), [], { revision: 1, pictures: [use('p1', 'Not approved')] });
    expect((await s.listUnindexedArticles()).map((a) => a.id)).toEqual(['story-2']);
    // Revision 1 is not story-1's approved revision (it has none): nothing indexed for it.
    expect(await s.listCreditUses()).toEqual([]);

    const from: WorkflowState = { status: 'draft', submittedRevision: null, approvedRevision: null };
    await s.recordWorkflowEvent(
      { articleId: 'story-2', revision: 3, action: 'approve', userId: ana.id, note: '', at: 9 },
      { from, to: { status: 'approved', submittedRevision: null, approvedRevision: 3 } },
    );
    await s.updateArticleSummary('story-2', summary('Two'), [], { revision: 3, pictures: [use('p9', 'Approved')] });
    expect((await s.listCreditUses()).map((u) => [u.articleId, u.version, u.credit])).toEqual([['story-2', 'approved', 'Approved']]);
    expect(await s.listUnindexedArticles()).toEqual([]);
  });
});

describe('file blob store', () => {
  it('puts bytes under their sha256 once, gets them back, and knows what it has', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-blobs-'));
    const blobs = await FileBlobStore.open(dataDir);
    const bytes = Buffer.from('some picture bytes');
    const hash = sha256Hex(bytes);
    expect(await blobs.has(hash)).toBe(false);
    expect(await blobs.get(hash)).toBeNull();
    expect(await blobs.put(bytes)).toEqual({ hash, created: true });
    expect(await blobs.put(bytes)).toEqual({ hash, created: false });
    expect(await blobs.has(hash)).toBe(true);
    expect((await blobs.get(hash))?.equals(bytes)).toBe(true);
    expect(await readdir(join(blobDirectory(dataDir), hash.slice(0, 2)))).toEqual([hash]);
  });

  it('refuses anything but a well-formed hash as a name, whatever the caller', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-blobs-'));
    const blobs = await FileBlobStore.open(dataDir);
    for (const bad of ['../newsroom.sqlite', 'A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(62)}/x`]) {
      await expect(blobs.get(bad)).rejects.toThrow(/not a picture hash/);
      await expect(blobs.has(bad)).rejects.toThrow(/not a picture hash/);
    }
  });

  it('leaves neither the file nor a temporary one when the write fails', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-blobs-'));
    const blobs = await FileBlobStore.open(dataDir);
    const bytes = Buffer.from('cannot be renamed into place');
    const hash = sha256Hex(bytes);
    // A directory squatting on the final name makes the rename fail.
    await mkdir(join(blobDirectory(dataDir), hash.slice(0, 2), hash), { recursive: true });
    await expect(blobs.put(bytes)).rejects.toThrow();
    expect(await readdir(join(blobDirectory(dataDir), hash.slice(0, 2)))).toEqual([hash]);
    expect(await blobs.has(hash)).toBe(false);
  });
});

describe('a data dir from before pictures', () => {
  it('is migrated, and at start its stories get their picture counts and credits, approved revisions included', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-pictures-'));
    const draft = new Y.Doc();
    headlineText(draft).insert(0, 'Old story');
    addPicture(draft, { id: 'p1', caption: 'Docks', credit: 'Reuters' });
    addPicture(draft, { id: 'p2', credit: '' });
    const approvedDoc = new Y.Doc();
    addPicture(approvedDoc, { id: 'p0', credit: 'Earlier Agency' });

    const old = new Database(databasePath(dataDir));
    old.exec(SQLITE_MIGRATIONS[0]);
    old.exec(SQLITE_MIGRATIONS[1]);
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO users (id, username, display_name, role, password_hash, created_at) VALUES ('u1', 'ana', 'Ana', 'reporter', 'x', 1)").run();
    old
      .prepare(
        "INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline, status, approved_revision) VALUES ('old', 1, 'u1', 777, 'u1', 'Listed headline', 'approved', 1)",
      )
      .run();
    // A story whose approved revision is missing (a damaged data dir) must not stop the start.
    old
      .prepare(
        "INSERT INTO articles (id, created_at, created_by, updated_at, updated_by, headline, status, approved_revision) VALUES ('broken', 2, 'u1', 1, 'u1', 'Broken', 'approved', 9)",
      )
      .run();
    old.prepare("INSERT INTO article_updates (article_id, data) VALUES ('old', ?)").run(Buffer.from(Y.encodeStateAsUpdate(draft)));
    old.prepare("INSERT INTO revisions (article_id, number, created_at, created_by, word_count, state) VALUES ('old', 1, 5, 'u1', 0, ?)").run(
      Buffer.from(Y.encodeStateAsUpdate(approvedDoc)),
    );
    old.close();

    server = await startTestServer({ dataDir });
    expect(server.logger.matching('indexing the pictures of 2 stories')).toHaveLength(1);
    expect(server.logger.matching('the pictures of story broken could not be indexed')).toHaveLength(1);
    const { token } = await server.user('eve', 'editor');
    const list = (await (await server.api('/api/articles', { token })).json()) as { id: string; headline: string; updatedAt: number; pictureCount: number; picturesMissingCredit: number }[];
    const entry = list.find((a) => a.id === 'old');
    // Picture facts derived; the rest of the entry as it was.
    expect(entry).toMatchObject({ headline: 'Listed headline', updatedAt: 777, pictureCount: 2, picturesMissingCredit: 1 });
    const report = (await (await server.api('/api/credits', { token })).json()) as CreditReport[];
    expect(report.map((c) => [c.credit, c.pictures.map((p) => p.pictureId), c.articles.map((a) => a.approved)])).toEqual([
      ['Earlier Agency', ['p0'], [true]],
      ['Reuters', ['p1'], [false]],
    ]);

    // Indexed once: the next start only tries the broken story again.
    await server.stop();
    server = await startTestServer({ dataDir });
    expect(server.logger.matching('indexing the pictures of 1 story')).toHaveLength(1);
    expect((await server.server.store.listUnindexedArticles()).map((a) => a.id)).toEqual(['broken']);
  });
});
