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
    truncate: () =>
      withClient(url.toString(), async (client) => {
        const { rows } = await client.query<{ name: string }>(
          "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'",
        );
        if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE`);
      }),
    drop: () => withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
