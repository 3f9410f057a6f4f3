// Postgres for tests: a throwaway database per test file on the server that TEST_DATABASE_URL
// names (a role with CREATEDB). Without it the Postgres tests are skipped with a printed
// reason, except in CI, where they fail: a store silently left untested would hide a failure.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describePostgresUrl } from '../../server/storage/postgres-connection.ts';
import { describeRequiring } from './requirements.ts';

/** The admin URL from the environment, or undefined. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** What to set for the Postgres tests. */
const POSTGRES_SETTING = 'TEST_DATABASE_URL=postgres://USER:PASS@HOST:PORT/postgres (a role with CREATEDB)';

/**
 * `describe(name, body)` when there is a Postgres to test against. Otherwise: in CI, one test
 * that fails saying what is missing; elsewhere the block is skipped and the reason printed.
 */
export function describeWithPostgres(name: string, body: (adminUrl: string) => void): void {
  describeRequiring(name, TEST_DATABASE_URL ? [] : [POSTGRES_SETTING], () => body(TEST_DATABASE_URL ?? ''));
}


/** A database made for one test file. */
export interface TestDatabase {
  /** Connection URL of the new database (same server and role as the admin URL). */
  url: string;
  /** Empties every table but the schema's own bookkeeping, so the next test starts from nothing. */
  truncate(): Promise<void>;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The tables to empty (all but the migrations' own), each with the tables it references and whether it has triggers of its own. */
const TABLES_SQL = `
  SELECT quote_ident(t.relname) AS name,
    EXISTS (SELECT FROM pg_trigger g WHERE g.tgrelid = t.oid AND NOT g.tgisinternal) AS "hasTriggers",
    COALESCE((SELECT array_agg(DISTINCT quote_ident(p.relname)) FROM pg_constraint c JOIN pg_class p ON p.oid = c.confrelid
              WHERE c.conrelid = t.oid AND c.contype = 'f' AND c.confrelid <> t.oid), '{}') AS "references"
  FROM pg_class t
  WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r' AND t.relname <> 'schema_migrations'`;

/** Every sequence a table column owns (identity and serial columns) but the migrations' own, back to its start. */
const RESTART_SEQUENCES_SQL = `
  SELECT setval(s.seqrelid, s.seqstart, false) FROM pg_sequence s
  JOIN pg_depend d ON d.objid = s.seqrelid AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
  JOIN pg_class t ON t.oid = d.refobjid
  WHERE t.relnamespace = 'public'::regnamespace AND t.relname <> 'schema_migrations'`;

/**
 * Empties every table but `schema_migrations` and restarts their sequences: what `TRUNCATE all RESTART IDENTITY`
 * does, at a fraction of its cost (a TRUNCATE makes new files for each table and index: over half a second for
 * the whole schema on a busy machine, before every test). Tables with triggers of their own (the history tables
 * refuse DELETE) are truncated, with whatever references them; the others are deleted from, referencing tables first.
 */
async function emptyTables(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string; hasTriggers: boolean; references: string[] }>(TABLES_SQL);
  if (rows.length === 0) return;
  const guarded = rows.filter((table) => table.hasTriggers).map((table) => table.name);
  const ordered: string[] = [];
  let left = rows.filter((table) => !table.hasTriggers);
  while (left.length > 0) {
    // Next: the tables no table still to be emptied refers to.
    const free = left.filter((table) => !left.some((other) => other.references.includes(table.name)));
    if (free.length === 0) throw new Error(`tables refer to each other in a cycle: ${left.map((table) => table.name).join(', ')}`);
    ordered.push(...free.map((table) => table.name));
    left = left.filter((table) => !free.includes(table));
  }
  await client.query(
    [
      'BEGIN',
      ...(guarded.length > 0 ? [`TRUNCATE ${guarded.join(', ')} CASCADE`] : []),
      ...ordered.map((name) => `DELETE FROM ${name}`),
      RESTART_SEQUENCES_SQL,
      'COMMIT',
    ].join(';\n'),
  );
}

/** Creates `newsroom_test_<random>` on the admin URL's server. */
export async function createTestDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `newsroom_test_${randomBytes(6).toString('hex')}`;
  try {
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  } catch (error) {
    throw new Error(`cannot create a test database on ${describePostgresUrl(adminUrl)}: ${(error as Error).message}`, { cause: error });
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    truncate: () => withClient(url.toString(), emptyTables),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
