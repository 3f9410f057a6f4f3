// Connecting to Postgres: telling a Postgres URL apart, naming it without its password, the
// pool with bigint parsing, and transactions on one pooled connection.
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';

/** True for a `postgres://` or `postgresql://` URL. */
export const isPostgresUrl = (spec: string): boolean => /^postgres(ql)?:\/\//i.test(spec);

/** `user@host:port/database` of a Postgres URL: what error messages name (never the password). */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    const database = decodeURIComponent(parsed.pathname.slice(1)) || '(default database)';
    // A Unix socket directory comes as ?host=/path, with nothing between // and /.
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
    return `${user}${host}:${parsed.port || '5432'}/${database}`;
  } catch {
    return 'an unparsable Postgres URL';
  }
}

const INT8_OID = 20;

// bigint columns (times, log positions, counts) come back as strings by default; they are JS
// numbers everywhere else, so they are parsed here, refusing any that a number cannot hold exactly.
const parseInt8 = (text: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`Postgres returned ${text}, beyond the integers a JS number holds exactly`);
  return value;
};

// Per pool, not pg.types.setTypeParser: that would change every other pg user in the process.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A pool on `url` whose bigint columns read as numbers. Idle connections that die are logged, not fatal. */
export function createPool(url: string): Pool {
  const pool = new pg.Pool({ connectionString: url, types, connectionTimeoutMillis: 10_000 });
  pool.on('error', (error) => console.error(`[storage] idle Postgres connection to ${describePostgresUrl(url)} failed: ${error.message}`));
  return pool;
}

/** How a transaction sees concurrent commits. */
export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ READ ONLY';

/**
 * Runs `work` in one transaction on one connection: committed if it resolves, rolled back if it
 * throws. A connection whose rollback fails is discarded, not returned to the pool.
 */
export async function transaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, isolation: Isolation = 'READ COMMITTED'): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN ISOLATION LEVEL ${isolation}`);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
