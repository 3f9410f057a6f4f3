// A newsroom whose story list was written before list texts were capped (a 5 MiB headline, say):
// opening its store caps them once, in SQLite and in Postgres, so that no list read pays for them again.
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ELLIPSIS, LIST_TEXT_MAX } from '../../model/list-caps.ts';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres-migrations.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { createTestDatabase, describeWithPostgres } from '../support/postgres.ts';

const HUGE = 'H'.repeat(5 * 1024 * 1024);
const INSERT = 'INSERT INTO articles (id, created_at, created_by, updated_at, headline, byline, desk, slug) VALUES ';
const capped = (letter: string) => letter.repeat(LIST_TEXT_MAX - 1) + ELLIPSIS;

async function expectCapped(store: Store): Promise<void> {
  const [huge, exact] = await store.listArticles();
  expect(huge).toMatchObject({ id: 'huge', headline: capped('H'), byline: capped('B'), desk: capped('D'), slug: capped('S') });
  expect(exact.headline).toBe('x'.repeat(LIST_TEXT_MAX));
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a SQLite data dir from before list texts were capped', () => {
  it('has them capped when opened', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-caps-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const old = new Database(databasePath(dataDir));
    for (const migration of SQLITE_MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma('user_version = 3');
    old.prepare(`${INSERT} ('huge', 1, 'u', 2, ?, ?, ?, ?)`).run(HUGE, 'B'.repeat(400), 'D'.repeat(301), 'S'.repeat(100_000));
    old.prepare(`${INSERT} ('exact', 1, 'u', 1, ?, '', '', '')`).run('x'.repeat(LIST_TEXT_MAX));
    old.close();

    const store = await SqliteStore.open(dataDir);
    cleanups.push(() => store.close());
    await expectCapped(store);
    await store.close();
    const reopened = new Database(databasePath(dataDir), { readonly: true });
    expect(reopened.prepare("SELECT length(headline) AS n FROM articles WHERE id = 'huge'").get()).toEqual({ n: LIST_TEXT_MAX });
    reopened.close();
  });
});

describeWithPostgres('a Postgres store from before list texts were capped', (adminUrl) => {
  it('has them capped when opened', async () => {
    const database = await createTestDatabase(adminUrl);
    cleanups.push(() => database.drop());
    const old = new pg.Client({ connectionString: database.url });
    await old.connect();
    await old.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)');
    await old.query(POSTGRES_MIGRATIONS[0]);
    await old.query('INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)');
    await old.query(`${INSERT} ('huge', 1, 'u', 2, $1, $2, $3, $4)`, [HUGE, 'B'.repeat(400), 'D'.repeat(301), 'S'.repeat(100_000)]);
    await old.query(`${INSERT} ('exact', 1, 'u', 1, $1, '', '', '')`, ['x'.repeat(LIST_TEXT_MAX)]);
    await old.end();

    const store = await PostgresStore.open(database.url);
    cleanups.push(() => store.close());
    await expectCapped(store);
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    expect((await check.query("SELECT char_length(headline) AS n FROM articles WHERE id = 'huge'")).rows).toEqual([{ n: LIST_TEXT_MAX }]);
    await check.end();
  });
});
