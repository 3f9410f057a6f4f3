// Storage written by the stores before SQL was shared between them (main at commit ee4d3ed): a
// SQLite data dir at schema 6 (fixtures/main-data-dir/newsroom.sqlite) and a Postgres database at
// schema 4 (fixtures/main-postgres.sql), the same records in both. Each opens under this code,
// migrates, reads back everything it held (accounts, stories, the log after a snapshot, revisions,
// workflow, pictures, credits, authors, audit) and takes new writes.
import pg from 'pg';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres-migrations.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { DuplicateError, type Store } from '../../server/storage/store.ts';
import { createTestDatabase, describeWithPostgres } from '../support/postgres.ts';
import { headlineOf } from './contract/fixtures.ts';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a SQLite data dir written by main', () => {
  it('opens, migrates and reads back what it held', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-main-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    await cp(new URL('./fixtures/main-data-dir/', import.meta.url), dataDir, { recursive: true });
    const store = await SqliteStore.open(dataDir);
    cleanups.push(() => store.close());
    await expectMainRecords(store);
  });
});

describeWithPostgres('a Postgres database written by main', (adminUrl) => {
  it('opens, migrates and reads back what it held', async () => {
    const database = await createTestDatabase(adminUrl);
    cleanups.push(() => database.drop());
    const old = new pg.Client({ connectionString: database.url });
    await old.connect();
    await old.query(await readFile(new URL('./fixtures/main-postgres.sql', import.meta.url), 'utf8'));
    await old.end();

    const store = await PostgresStore.open(database.url);
    cleanups.push(() => store.close());
    await expectMainRecords(store);
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    cleanups.push(() => check.end());
    expect((await check.query('SELECT max(version) AS v FROM schema_migrations')).rows).toEqual([{ v: POSTGRES_MIGRATIONS.length }]);
  });
});

// What main stored (see the fixtures), read back, and new writes going on from it.
async function expectMainRecords(store: Store): Promise<void> {
  expect(await store.findUserByUsername('ana')).toMatchObject({ id: 'user-ana', username: 'Ana', passwordHash: 'hash-ana', role: 'reporter' });
  expect(await store.countUsers()).toBe(2);
  expect(await store.findSession('token-1')).toEqual({ tokenHash: 'token-1', userId: 'user-ana', createdAt: 10, expiresAt: 4_000_000_000_000 });
  expect(await store.serverSecret('ticket-key', 'another')).toBe('secret-1');

  const list = await store.listArticles();
  expect(list.map((a) => a.id)).toEqual(['story-a', 'story-b']);
  expect(list[0]).toMatchObject({
    headline: 'Fire at the docks, two hurt',
    status: 'approved',
    approvedRevision: 1,
    approvedWordCount: 6,
    changedSinceApproval: false,
    updatedByName: 'Ana Reporter',
    lastEvent: { action: 'approve', userName: 'Eve Editor', note: 'ok', at: 800 },
    spiked: false,
  });
  expect(list[1]).toMatchObject({ headline: 'Council vote', spiked: true, lastEvent: { action: 'spike' } });
  expect(await store.listArticles({ spiked: 'exclude' })).toHaveLength(1);

  const stored = await store.loadDocument('story-a');
  expect(stored.lastSeq).toBe(2);
  expect(headlineOf(stored.snapshot, ...stored.updates)).toBe('Fire at the docks, two hurt');
  expect(await store.listRevisions('story-a')).toEqual([
    { articleId: 'story-a', number: 1, createdAt: 600, createdBy: 'user-ana', createdByName: 'Ana Reporter', note: 'first', wordCount: 6 },
  ]);
  expect(headlineOf(await store.loadRevisionState('story-a', 1))).toBe('Fire at the docks, two hurt');
  expect((await store.listWorkflowEvents('story-a')).map((e) => e.action)).toEqual(['snapshot', 'submit', 'approve']);
  // Approvals made before versions were kept are numbered from the workflow history (issue 17).
  expect(list[0]).toMatchObject({ version: 1, amendment: null, reopened: null });
  expect(await store.listVersions('story-a')).toEqual([{ version: 1, revision: 1, amendment: null, at: 800, userId: 'user-eve', userName: 'Eve Editor' }]);
  expect(await store.listVersions('story-b')).toEqual([]);
  expect(await store.getPicture('a'.repeat(64))).toMatchObject({ credit: 'Ann Snapper', width: 800, uploadedBy: 'user-ana' });
  expect((await store.listCreditUses()).map((u) => [u.version, u.articleId, u.credit])).toEqual([
    ['draft', 'story-a', 'Ann Snapper'],
    ['approved', 'story-a', 'Ann Snapper'],
  ]);
  expect(await store.listClientAuthors('story-a')).toEqual([
    { clientId: 7, userId: 'user-eve' },
    { clientId: 4_000_000_000, userId: 'user-ana' },
  ]);
  expect((await store.listAudit({}))[0]).toEqual({ at: 950, userId: 'user-eve', action: 'user.create', articleId: null, detail: { username: 'eve' } });

  // New writes go on from where main left off.
  expect(await store.appendUpdates('story-a', [new Uint8Array([0, 0])])).toBe(3);
  const next = { articleId: 'story-a', createdAt: 1000, createdBy: 'user-eve', note: 'second', wordCount: 6, contentHash: 'fp-2', state: new Uint8Array([0, 0]) };
  expect((await store.addRevision(next)).number).toBe(2);
  await expect(store.addUser({ username: 'ANA', displayName: 'Another', role: 'desk', passwordHash: 'x' })).rejects.toBeInstanceOf(DuplicateError);
}
