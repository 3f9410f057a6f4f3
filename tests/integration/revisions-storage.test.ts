// What only the SQLite store has to show about revisions: history that SQL by hand cannot
// rewrite, and the migration of a data dir written before revisions existed. The revision,
// workflow and author methods themselves are in the storage suite (tests/storage/), run
// against every store.
import Database from 'better-sqlite3';
import { describe, expect } from 'vitest';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { revision, setUp } from '../storage/contract/fixtures.ts';
import { it as base } from '../support/fixtures.ts';

/** The integration `it` with `dataDir`, an empty data dir, and `open`, which opens the store on it (closed after the test). */
const it = base
  .extend('dataDir', async ({ tempDir }) => tempDir('newsroom-revisions-'))
  .extend('open', async ({ dataDir, defer }) => async (): Promise<SqliteStore> => {
    const store = await SqliteStore.open(dataDir);
    defer(() => store.close());
    return store;
  });

describe('SQLite store: history', () => {
  it('never lets a revision or a workflow event change or go, even by hand', async ({ dataDir, open }) => {
    const s = await open();
    const { ana, article } = await setUp(s);
    await s.addRevision(revision(article, ana, 'Kept'));
    await s.close();
    const db = new Database(databasePath(dataDir));
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

describe('SQLite store: migration', () => {
  it('upgrades a data dir written before revisions existed, keeping its stories', async ({ dataDir, open }) => {
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
