// What only the Postgres store has to get right: several instances on one database (appends
// racing on one story, migrations racing at start, two admins demoted at once), refusing a newer schema, naming the server
// but never the password when it cannot connect, and history that SQL by hand cannot rewrite.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../server/storage/postgres-migrations.ts';
import { PostgresStore } from '../../server/storage/postgres-store.ts';
import { createTestDatabase, describeWithPostgres, type TestDatabase } from '../support/postgres.ts';
import { revision, setUp } from './contract/fixtures.ts';

describeWithPostgres('Postgres store, several instances', (adminUrl) => {
  let database: TestDatabase;
  const stores: PostgresStore[] = [];
  const open = async (url = database.url) => {
    const store = await PostgresStore.open(url);
    stores.push(store);
    return store;
  };
  const sql = async (url: string, text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    database = await createTestDatabase(adminUrl);
  });
  beforeEach(async () => {
    await database.truncate();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives two instances appending to one story increasing positions, and every load a gap-free prefix of the log', async () => {
    const [one, two] = [await open(), await open()];
    const { article } = await setUp(one);
    const entry = (n: number) => new Uint8Array([n >> 8, n & 255]);
    const loads: Uint8Array[][] = [];
    const positions = new Map<number, number>();
    // Each instance appends its own numbered entries one after another while the other does the
    // same; a third party keeps loading the story meanwhile.
    const appender = async (store: PostgresStore, from: number) => {
      let previous = 0;
      for (let n = from; n < from + 40; n++) {
        const at = await store.appendUpdates(article, [entry(n)]);
        expect(at).toBeGreaterThan(previous);
        previous = at;
        positions.set(n, at);
      }
    };
    let appending = true;
    const loader = (async () => {
      while (appending) loads.push((await two.loadDocument(article)).updates);
    })();
    await Promise.all([appender(one, 0), appender(two, 1000)]);
    appending = false;
    await loader;

    const final = await one.loadDocument(article);
    expect(final.updates).toHaveLength(80);
    expect(new Set(positions.values()).size).toBe(80);
    expect(final.lastSeq).toBe(Math.max(...positions.values()));
    // The log is in position order …
    const byPosition = [...positions].sort((a, b) => a[1] - b[1]).map(([n]) => entry(n));
    expect(final.updates).toEqual(byPosition);
    // … and no load ever saw a later entry without every earlier one.
    expect(loads.length).toBeGreaterThan(0);
    for (const seen of loads) expect(seen).toEqual(final.updates.slice(0, seen.length));
  });

  it('numbers revisions taken on two instances at once without a clash', async () => {
    const [one, two] = [await open(), await open()];
    const { ana, article } = await setUp(one);
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).addRevision(revision(article, ana, `Draft ${i}`))));
    expect(made.map((r) => r.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('keeps an active admin when another instance demotes the other admin in a transaction not yet committed', async () => {
    const store = await open();
    const ada = await store.addUser({ username: 'ada', displayName: 'Ada', role: 'admin', passwordHash: 'x' });
    const bo = await store.addUser({ username: 'bo', displayName: 'Bo', role: 'admin', passwordHash: 'x' });
    // Another instance's changeAccount, held open after its lock and its update.
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query("SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL FOR UPDATE");
      await other.query("UPDATE users SET role = 'editor' WHERE id = $1", [ada.id]);
      const demoting = store.changeAccount(bo.id, { role: 'viewer' }, 1, { userId: null });
      // It waits for the other transaction rather than counting the admins it cannot see change.
      const early = await Promise.race([demoting.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('waiting'), 300))]);
      expect(early).toBe('waiting');
      await other.query('COMMIT');
      expect(await demoting).toEqual({ kind: 'last-admin' });
    } finally {
      await other.end();
    }
    expect((await store.listPeople()).filter((p) => p.role === 'admin').map((p) => p.username)).toEqual(['bo']);
  });

  it('migrates a new database once when several instances start on it together', async () => {
    const fresh = await createTestDatabase(adminUrl);
    try {
      await Promise.all([open(fresh.url), open(fresh.url), open(fresh.url)]);
      const { rows } = await sql(fresh.url, 'SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
      const [store] = stores;
      expect(await store.countUsers()).toBe(0);
    } finally {
      for (const store of stores.splice(0)) await store.close();
      await fresh.drop();
    }
  });

  it('refuses a database whose schema is newer than this server knows', async () => {
    const fresh = await createTestDatabase(adminUrl);
    try {
      await (await PostgresStore.open(fresh.url)).close();
      await sql(fresh.url, `INSERT INTO schema_migrations (version, applied_at) VALUES (${POSTGRES_MIGRATIONS.length + 1}, 0)`);
      await expect(PostgresStore.open(fresh.url)).rejects.toThrow(`written by a newer Newsroom (schema ${POSTGRES_MIGRATIONS.length + 1})`);
    } finally {
      await fresh.drop();
    }
  });

  it('names the server and database, never the password, when it cannot connect or sign in', async () => {
    const refused = PostgresStore.open('postgres://someone:s3cret-word@127.0.0.1:1/nowhere');
    await expect(refused).rejects.toThrow('cannot open the Postgres store at someone@127.0.0.1:1/nowhere');
    await expect(refused).rejects.not.toThrow(/s3cret-word/);

    const url = new URL(database.url);
    url.password = 'not-the-password-42';
    const denied = PostgresStore.open(url.toString());
    await expect(denied).rejects.toThrow(`${url.hostname}:${url.port || 5432}${url.pathname}`);
    await expect(denied).rejects.toThrow(/password authentication failed/);
    await expect(denied).rejects.not.toThrow(/not-the-password-42/);
  });

  it('never lets a revision or a workflow event change or go, even by hand', async () => {
    const store = await open();
    const { ana, article } = await setUp(store);
    await store.addRevision(revision(article, ana, 'Kept'));
    await expect(sql(database.url, "UPDATE revisions SET note = 'rewritten'")).rejects.toThrow('revisions are immutable');
    await expect(sql(database.url, 'DELETE FROM revisions')).rejects.toThrow('revisions are never deleted');
    await expect(sql(database.url, "UPDATE workflow_events SET note = 'rewritten'")).rejects.toThrow('workflow events are immutable');
    await expect(sql(database.url, 'DELETE FROM workflow_events')).rejects.toThrow('workflow events are never deleted');
    expect((await store.listRevisions(article)).map((r) => r.note)).toEqual(['note Kept']);
  });
});
