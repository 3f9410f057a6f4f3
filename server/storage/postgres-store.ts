// The shared store: Postgres through a pg pool, so that several server instances serve one
// newsroom. The SQL is the SQLite store's (sql-store.ts); where two instances can race, the
// statements and the dialect (postgres-dialect.ts) say how each call stays correct.
import type { Pool, PoolClient } from 'pg';
import { createPool, describePostgresUrl, transaction } from './postgres-connection.ts';
import { POSTGRES_DIALECT } from './postgres-dialect.ts';
import { migratePostgres } from './postgres-migrations.ts';
import { bindValues, compileNamed, manyRows, type Compiled, type Isolation, type Params, type RowsInsert, type SqlSession } from './sql-session.ts';
import { SqlStore } from './sql-store.ts';
import type { Row } from './store-rows.ts';
import type { Store } from './store.ts';

// Statement texts compiled to $n placeholders; the catalogue's texts only (multi-row inserts vary, and are not kept).
const compiled = new Map<string, Compiled>();
const compile = (sql: string): Compiled => {
  let known = compiled.get(sql);
  if (!known) compiled.set(sql, (known = compileNamed(sql, true)));
  return known;
};

/** The pool (one statement, autocommit) or, inside a transaction, its connection, as a session for the shared SQL. */
class PostgresSession implements SqlSession {
  /** Set on the pool's session when the store closes. */
  closed = false;

  constructor(
    readonly pool: Pool,
    private readonly client: PoolClient | null = null,
  ) {}

  private async query(statement: Compiled, params: Params): Promise<{ rows: Row[]; rowCount: number | null }> {
    if (this.closed) throw new Error('the store is closed');
    return (this.client ?? this.pool).query<Row>(statement.text, bindValues(statement.names, params));
  }

  async all(sql: string, params: Params = {}): Promise<Row[]> {
    return (await this.query(compile(sql), params)).rows;
  }

  async run(sql: string, params: Params = {}): Promise<number> {
    return (await this.query(compile(sql), params)).rowCount ?? 0;
  }

  // One statement for all the rows: one round trip.
  async insertRows(insert: RowsInsert, rows: Params[]): Promise<Row[]> {
    if (rows.length === 0) return [];
    const { sql, params } = manyRows(insert, rows);
    return (await this.query(compileNamed(sql, true), params)).rows;
  }

  transaction<T>(work: (session: SqlSession) => Promise<T>, isolation: Isolation = 'read committed'): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    if (this.client) return work(this);
    return transaction(this.pool, (client) => work(new PostgresSession(this.pool, client)), isolation === 'snapshot' ? 'REPEATABLE READ READ ONLY' : 'READ COMMITTED');
  }
}

/** Store backed by a Postgres database shared by every server instance. */
export class PostgresStore extends SqlStore implements Store {
  private constructor(private readonly session: PostgresSession) {
    super(session, POSTGRES_DIALECT);
  }

  /** Connects to `url`, brings the schema up to date and returns the store; the error names the server and database, never the password. */
  static async open(url: string): Promise<PostgresStore> {
    const pool = createPool(url);
    try {
      await migratePostgres(pool);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw new Error(`cannot open the Postgres store at ${describePostgresUrl(url)}: ${(error as Error).message}`, { cause: error });
    }
    return new PostgresStore(new PostgresSession(pool));
  }

  /** Waits for calls in flight and closes every connection. */
  async close(): Promise<void> {
    if (this.session.closed) return;
    this.session.closed = true;
    await this.session.pool.end();
  }
}
