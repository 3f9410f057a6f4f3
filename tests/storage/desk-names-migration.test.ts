// A newsroom whose stories named their desks in free text, from before desks were real: opening
// its store makes one desk per name (trimmed, regardless of the case of ASCII letters), in SQLite
// and in Postgres, and puts each story on its desk; a story without a desk stays without one.
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DESK_NAME_MAX } from '../../model/people-types.ts';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres-migrations.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import type { Store } from '../../server/storage/store.ts';
import { createTestDatabase, describeWithPostgres } from '../support/postgres.ts';

const LONG = 'L'.repeat(250);
// id, created_at, desk
const STORIES: [string, number, string][] = [
  ['s1', 30, 'Metro'],
  ['s2', 10, ' metro '],
  ['s3', 20, 'METRO'],
  ['s4', 40, 'Sport'],
  ['s5', 50, ''],
  ['s6', 60, '   '],
  ['s7', 70, LONG],
];
const rows = STORIES.map(([id, at, desk]) => `('${id}', ${at}, 'u', ${at}, '${desk}')`).join(', ');
const INSERT = `INSERT INTO articles (id, created_at, created_by, updated_at, desk) VALUES ${rows}`;

async function expectDesks(store: Store): Promise<void> {
  const desks = await store.listDesks();
  expect(desks.map((d) => d.name)).toEqual(['L'.repeat(DESK_NAME_MAX), 'METRO', 'Sport']);
  const [long, metro, sport] = desks;
  // As old as its oldest story; every spelling of Metro on the one desk.
  expect(metro).toMatchObject({ createdAt: 10, archivedAt: null });
  const deskOf = Object.fromEntries((await store.listArticles()).map((a) => [a.id, a.deskId]));
  expect(deskOf).toEqual({ s1: metro.id, s2: metro.id, s3: metro.id, s4: sport.id, s5: null, s6: null, s7: long.id });
  // The stories' own desk texts are as they were.
  expect((await store.getArticle('s2'))?.desk).toBe(' metro ');
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a SQLite data dir from before desks were real', () => {
  it('has its stories’ desk names as desks when opened', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-desks-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const old = new Database(databasePath(dataDir));
    for (const migration of SQLITE_MIGRATIONS.slice(0, 6)) old.exec(migration);
    old.pragma('user_version = 6');
    old.exec(INSERT);
    old.close();

    const store = await SqliteStore.open(dataDir);
    cleanups.push(() => store.close());
    await expectDesks(store);
  });
});

describeWithPostgres('a Postgres store from before desks were real', (adminUrl) => {
  it('has its stories’ desk names as desks when opened', async () => {
    const database = await createTestDatabase(adminUrl);
    cleanups.push(() => database.drop());
    const old = new pg.Client({ connectionString: database.url });
    await old.connect();
    await old.query('CREATE TABLE schema_migrations (version integer PRIMARY KEY, applied_at bigint NOT NULL)');
    for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, 5).entries()) {
      await old.query(migration);
      await old.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
    }
    await old.query(INSERT);
    await old.end();

    const store = await PostgresStore.open(database.url);
    cleanups.push(() => store.close());
    await expectDesks(store);
  });
});
