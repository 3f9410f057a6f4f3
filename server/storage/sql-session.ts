// What the shared SQL (sql-store.ts) runs on: a session of one engine, statements written with
// named parameters (`:articleId`), compiled once per text to the engine's placeholders.
import type { Row } from './store-rows.ts';

/** Values for a statement's named parameters, by name. */
export type Params = Record<string, unknown>;

/** An INSERT of any number of rows: `INSERT INTO ${into} VALUES ${row}, … ${then}`, one `row` per value set. */
export interface RowsInsert {
  into: string;
  row: string;
  then?: string;
}

/** How a transaction sees concurrent commits: as they come, or one snapshot for every read in it. */
export type Isolation = 'read committed' | 'snapshot';

/** One engine's connection (or a transaction on it), as the shared SQL uses it. */
export interface SqlSession {
  /** The rows `sql` returns. */
  all(sql: string, params?: Params): Promise<Row[]>;
  /** Runs `sql`; resolves with how many rows it changed. */
  run(sql: string, params?: Params): Promise<number>;
  /** Inserts one row per value set, in order; resolves with the rows its `then` returns (RETURNING), in order. */
  insertRows(insert: RowsInsert, rows: Params[]): Promise<Row[]>;
  /** Runs `work` in one transaction (inside the caller's, when there is one): all of it or none. */
  transaction<T>(work: (session: SqlSession) => Promise<T>, isolation?: Isolation): Promise<T>;
}

/** A statement's text with its engine's placeholders, and the parameter each placeholder takes. */
export interface Compiled {
  text: string;
  names: string[];
}

// `:name`, not `::type` (a Postgres cast) nor a name inside a word.
const NAMED = /(?<![:\w]):([A-Za-z_]\w*)/g;

/**
 * `sql` with its named parameters as `?` (one per place: SQLite) or `$n` (one per name: Postgres).
 * Statement texts come from code, never from clients, so a cache by text stays small.
 */
export function compileNamed(sql: string, numbered: boolean): Compiled {
  const names: string[] = [];
  const text = sql.replace(NAMED, (_, name: string) => {
    if (!numbered) {
      names.push(name);
      return '?';
    }
    const known = names.indexOf(name);
    return `$${known >= 0 ? known + 1 : names.push(name)}`;
  });
  return { text, names };
}

/** The values of `names` in `params`, in order; a name missing from `params` is a bug, and throws. */
export function bindValues(names: string[], params: Params): unknown[] {
  return names.map((name) => {
    if (!(name in params)) throw new Error(`no value for the SQL parameter :${name}`);
    return params[name] ?? null;
  });
}

/** One statement inserting `rows` (a value set each), each row's parameters renamed apart. */
export function manyRows(insert: RowsInsert, rows: Params[]): { sql: string; params: Params } {
  const params: Params = {};
  const tuples = rows.map((row, i) => {
    for (const [name, value] of Object.entries(row)) params[`${name}_${i}`] = value;
    return insert.row.replace(NAMED, (_, name: string) => `:${name}_${i}`);
  });
  return { sql: `INSERT INTO ${insert.into} VALUES ${tuples.join(', ')} ${insert.then ?? ''}`, params };
}

// Rows per INSERT statement: far below either engine's limit on parameters (7 a picture row).
const ROWS_PER_INSERT = 1000;

/** `rows` inserted ROWS_PER_INSERT at a time, in order; the rows their RETURNING gives, in order. */
export async function insertAll(on: SqlSession, insert: RowsInsert, rows: Params[]): Promise<Row[]> {
  const returned: Row[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) returned.push(...(await on.insertRows(insert, rows.slice(i, i + ROWS_PER_INSERT))));
  return returned;
}
