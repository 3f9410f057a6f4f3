// The SQLite engine behind the embedded store: synchronous better-sqlite3 calls, run inside the
// store's worker thread so that disk syncs never block the server's event loop. Statements are
// prepared once per text; transactions nest as savepoints.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bindValues, compileNamed, type Isolation, type Params, type RowsInsert, type SqlSession } from './sql-session.ts';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.ts';
import type { Row } from './store-rows.ts';

/** The database file inside a data dir. */
export const databasePath = (dataDir: string) => join(dataDir, 'newsroom.sqlite');

interface Prepared {
  statement: Database.Statement;
  names: string[];
}

/** A SQLite connection to the database in a data dir, as a session for the shared SQL. */
export class SqliteSession implements SqlSession {
  private readonly db: Database.Database;
  private readonly prepared = new Map<string, Prepared>();
  /** How many transactions are open, the outermost a real one and the rest savepoints. */
  private depth = 0;

  /** Opens (creating and migrating as needed) the database in `dataDir`. */
  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(databasePath(dataDir));
    this.db.pragma('journal_mode = WAL');
    // FULL: a commit is on disk before it returns, so "saved" survives a power cut, not just a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    if (current > SQLITE_MIGRATIONS.length) {
      throw new Error(`the data dir was written by a newer Newsroom (schema ${current}); upgrade before opening it`);
    }
    for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
      this.db.transaction(() => {
        this.db.exec(SQLITE_MIGRATIONS[version]);
        this.db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  // The statement of `sql`, prepared the first time it is used.
  private statement(sql: string): Prepared {
    let prepared = this.prepared.get(sql);
    if (!prepared) {
      const { text, names } = compileNamed(sql, false);
      prepared = { statement: this.db.prepare(text), names };
      this.prepared.set(sql, prepared);
    }
    return prepared;
  }

  // SQLite binds no booleans: they go as 1 and 0, as its comparisons give them.
  private values({ names }: Prepared, params: Params): unknown[] {
    return bindValues(names, params).map((value) => (typeof value === 'boolean' ? Number(value) : value));
  }

  async all(sql: string, params: Params = {}): Promise<Row[]> {
    const prepared = this.statement(sql);
    return prepared.statement.all(...this.values(prepared, params)) as Row[];
  }

  async run(sql: string, params: Params = {}): Promise<number> {
    const prepared = this.statement(sql);
    return prepared.statement.run(...this.values(prepared, params)).changes;
  }

  // One prepared single-row statement run per row: cheaper here than a statement per row count.
  async insertRows(insert: RowsInsert, rows: Params[]): Promise<Row[]> {
    const prepared = this.statement(`INSERT INTO ${insert.into} VALUES ${insert.row} ${insert.then ?? ''}`);
    const { statement } = prepared;
    const returned: Row[] = [];
    for (const row of rows) {
      if (statement.reader) returned.push(...(statement.all(...this.values(prepared, row)) as Row[]));
      else statement.run(...this.values(prepared, row));
    }
    return returned;
  }

  /**
   * `work` in a transaction, a savepoint when one is open. Awaiting inside is safe because the
   * worker runs one call at a time: nothing else uses the connection until `work` settles.
   * Every read in a SQLite transaction sees one snapshot, so `isolation` asks nothing more.
   */
  async transaction<T>(work: (session: SqlSession) => Promise<T>, _isolation?: Isolation): Promise<T> {
    const savepoint = `s${this.depth}`;
    const outermost = this.depth === 0;
    await this.run(outermost ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.depth++;
    try {
      const result = await work(this);
      await this.run(outermost ? 'COMMIT' : `RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      // Some failures (disk full, I/O) have already rolled the whole transaction back.
      if (this.db.inTransaction) {
        if (outermost) await this.run('ROLLBACK');
        else await this.run(`ROLLBACK TO ${savepoint}`).then(() => this.run(`RELEASE ${savepoint}`));
      }
      throw error;
    } finally {
      this.depth--;
    }
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }
}
