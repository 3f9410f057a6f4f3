// The two engines' migrations: shipped ones never change (each is held to its fingerprint, white
// space aside), and both engines, migrated to the end, have the same tables, columns, keys and
// indexes (but for what is each engine's own, named below).
import Database from 'better-sqlite3';
import pg from 'pg';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres-migrations.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { databasePath } from '../../server/storage/sqlite-database.ts';
import { SQLITE_MIGRATIONS } from '../../server/storage/sqlite-migrations.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres.ts';

const fingerprint = (migration: string) => createHash('sha256').update(migration.replace(/\s+/g, '')).digest('hex').slice(0, 16);

describe('shipped migrations', () => {
  it('are exactly as they shipped (a change to the schema is a new migration)', () => {
    expect(SQLITE_MIGRATIONS.map(fingerprint)).toEqual([
      '1e566c35f60985b6',
      '2f0c0475b25215bb',
      '89683142a324d7a0',
      'a495a6373f222bda',
      'a11ccf06cfcf3413',
      'c7c6e4a5948c3eb2',
      'c98856a2e9a1683c',
      '5719eef7178ebf9b',
      '6f99e2a869cf6627',
      'd93f6cdaba5eb179',
      '0bff25e212bf94cb',
      '08bbf08175bf0f6e',
      'c30834960c21f94f',
    ]);
    expect(POSTGRES_MIGRATIONS.map(fingerprint)).toEqual([
      '304fd4e446250b74',
      'ab61243dcf6ab1ce',
      '0160925d95eeb345',
      'c905d62e0e41e342',
      'c292183abfcd853c',
      'cf8856376702eda4',
      '2d7aae5bf864360c',
      '20ba4e90e912e2b6',
      '13b35c21d3fe4cee',
      '36e9818ecb673d5d',
      'a4dea446c4deb3be',
      '8e645843d2f18db6',
    ]);
  });
});

/** A column as both engines can describe it: a type family, whether it takes null, whether it is in the primary key. */
type Column = `${string} ${'text' | 'integer' | 'bytes'}${'' | ' not null'}${'' | ' key'}`;
type Schema = { tables: Record<string, Column[]>; indexes: string[] };

// SQLite's declared types, and Postgres's, to one family each: booleans are 0 and 1 in SQLite, JSON is text.
const FAMILIES: Record<string, 'text' | 'integer' | 'bytes'> = {
  TEXT: 'text',
  INTEGER: 'integer',
  BLOB: 'bytes',
  text: 'text',
  jsonb: 'text',
  integer: 'integer',
  bigint: 'integer',
  boolean: 'integer',
  bytea: 'bytes',
};
const column = (name: string, type: string, notNull: boolean, key: boolean): Column =>
  `${name} ${FAMILIES[type] ?? `unknown type ${type}`}${notNull ? ' not null' : ''}${key ? ' key' : ''}`;

// What is one engine's own: SQLite's AUTOINCREMENT bookkeeping and its index of the log by story
// (Postgres's primary key of article_updates);
// Postgres's migration record, its log counter rows (postgres-dialect.ts) and its username index
// on an expression (SQLite's is the column's UNIQUE COLLATE NOCASE).
const SQLITE_OWN = new Set(['sqlite_sequence', 'article_updates_by_article']);
const POSTGRES_OWN = new Set(['schema_migrations', 'article_log_heads', 'users_username_key']);
// Log positions: SQLite's are one AUTOINCREMENT key over every story; Postgres's count per story
// (postgres-dialect.ts), so its key is (article_id, seq). Read as SQLite's here.
const postgresAsSqlite = (table: string, c: Column): Column => (table === 'article_updates' && c === 'article_id text not null key' ? 'article_id text not null' : c);

function sqliteSchema(file: string): Schema {
  const db = new Database(file, { readonly: true });
  try {
    const tables: Record<string, Column[]> = {};
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of names.filter((t) => !SQLITE_OWN.has(t.name))) {
      const info = db.prepare(`PRAGMA table_info(${name})`).all() as { name: string; type: string; notnull: number; pk: number }[];
      // A primary key column takes no null in both, whether or not it says so.
      tables[name] = info.map((c) => column(c.name, c.type, c.notnull === 1 || c.pk > 0, c.pk > 0)).sort();
    }
    // Named indexes only: a UNIQUE column's is the column's (sql IS NULL).
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[];
    return { tables, indexes: indexes.map((i) => i.name).filter((name) => !SQLITE_OWN.has(name)) };
  } finally {
    db.close();
  }
}

async function postgresSchema(url: string): Promise<Schema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; key: boolean }>(`
      SELECT c.table_name, c.column_name, c.data_type, c.is_nullable,
        EXISTS (SELECT 1 FROM information_schema.table_constraints t JOIN information_schema.key_column_usage k USING (constraint_name, table_name)
                WHERE t.constraint_type = 'PRIMARY KEY' AND t.table_name = c.table_name AND k.column_name = c.column_name) AS key
      FROM information_schema.columns c WHERE c.table_schema = 'public'`);
    const tables: Record<string, Column[]> = {};
    for (const r of rows.filter((r) => !POSTGRES_OWN.has(r.table_name))) {
      (tables[r.table_name] ??= []).push(postgresAsSqlite(r.table_name, column(r.column_name, r.data_type, r.is_nullable === 'NO', r.key)));
    }
    for (const columns of Object.values(tables)) columns.sort();
    const indexes = await client.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey' ORDER BY indexname");
    return { tables, indexes: indexes.rows.map((i) => i.indexname).filter((name) => !POSTGRES_OWN.has(name)) };
  } finally {
    await client.end();
  }
}

describeWithPostgres('both engines, migrated to the end', (adminUrl) => {
  let database: TestDatabase;
  let dataDir = '';
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-schema-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('have the same tables, columns, primary keys and indexes', async () => {
    await (await SqliteStore.open(dataDir)).close();
    await (await PostgresStore.open(database.url)).close();
    const sqlite = sqliteSchema(databasePath(dataDir));
    const postgres = await postgresSchema(database.url);
    expect(Object.keys(sqlite.tables).sort()).toContain('articles');
    expect(postgres.tables).toEqual(sqlite.tables);
    expect(postgres.indexes.sort()).toEqual(sqlite.indexes.sort());
  });
});
